// Whether the synchronous step running now (a parse, one rule) may keep work for the next analysis
// of an edited file (argument splits, RUN parses): `AnalysisOptions.reuse`, an input of each
// analysis. dockerfile-ast's getters, where splits are kept, cannot be handed the options, so
// analyze() sets this for the duration of each step and restores it on the way out: nothing
// outlives the step, and analyses that interleave (the language server yields between steps)
// never see each other's choice. Reuse never changes a finding; only what is kept.
let current = false;

export function withAnalysisReuse<T>(on: boolean, step: () => T): T {
	const outer = current;
	current = on;
	try {
		return step();
	} finally {
		current = outer;
	}
}

/** True inside a step of an analysis whose options ask for reuse. */
export function analysisReuse(): boolean {
	return current;
}

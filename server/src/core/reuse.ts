// Whether analyses keep work for the next analysis of an edited file (argument splits, RUN
// parses). The language server re-analyses the whole file on every edit and turns it on; a
// one-shot `patchlens check` leaves it off: there the kept work would only be more live memory
// for the garbage collector to copy.
let enabled = false;

export function enableAnalysisReuse(on = true): void {
	enabled = on;
}

export function analysisReuse(): boolean {
	return enabled;
}

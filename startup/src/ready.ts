// When a started container counts as "ready": it exits (0), prints a matching log line, or turns healthy.

export type ReadyCondition =
	| { kind: 'exit' }
	| { kind: 'log'; pattern: RegExp }
	| { kind: 'healthy' };

export type ReadyParse = { ok: true; ready: ReadyCondition } | { ok: false; error: string };

/** Parses the CLI/setting form: `exit`, `log:REGEX`, `healthy`. */
export function parseReady(text: string): ReadyParse {
	if (text === 'exit') return { ok: true, ready: { kind: 'exit' } };
	if (text === 'healthy') return { ok: true, ready: { kind: 'healthy' } };
	if (text.startsWith('log:')) {
		const source = text.slice(4);
		if (!source) return { ok: false, error: 'log: needs a regular expression, e.g. log:listening on' };
		try {
			return { ok: true, ready: { kind: 'log', pattern: new RegExp(source) } };
		} catch (error) {
			return { ok: false, error: `invalid regular expression in ${text}: ${(error as Error).message}` };
		}
	}
	return { ok: false, error: `unknown ready condition "${text}" (expected exit, log:REGEX or healthy)` };
}

/** The stable text form stored in results. */
export function formatReady(ready: ReadyCondition): string {
	return ready.kind === 'log' ? `log:${ready.pattern.source}` : ready.kind;
}

export function describeReady(ready: ReadyCondition): string {
	switch (ready.kind) {
		case 'exit': return 'the container to exit';
		case 'healthy': return 'the health check to report healthy';
		case 'log': return `a log line matching /${ready.pattern.source}/`;
	}
}

// Failures of a benchmark run, as types the CLI and the extension can tell apart and print in one line.

/** The engine did not answer: no socket, refused, reset or timed out. Ends the run at once (no retries). */
export class EngineUnreachableError extends Error {
	readonly name = 'EngineUnreachableError';
	constructor(readonly host: string, readonly reason: string) {
		super(`Docker Engine not reachable at ${host}: ${reason} — is dockerd running?`);
	}
}

export class ReadyTimeoutError extends Error {
	readonly name = 'ReadyTimeoutError';
	constructor(readonly image: string, readonly timeoutMs: number, readonly waitingFor: string) {
		super(`container of ${image} not ready within ${formatSeconds(timeoutMs)} (waiting for ${waitingFor})`);
	}
}

/** The container stopped before it became ready, or exited with a non-zero code in `exit` mode. */
export class ContainerFailedError extends Error {
	readonly name = 'ContainerFailedError';
	constructor(readonly image: string, readonly detail: string) {
		super(`container of ${image} failed: ${detail}`);
	}
}

export class ImageUnavailableError extends Error {
	readonly name = 'ImageUnavailableError';
	constructor(readonly image: string, readonly detail: string) {
		super(`image ${image}: ${detail}`);
	}
}

export class BuildFailedError extends Error {
	readonly name = 'BuildFailedError';
	constructor(readonly label: string, readonly detail: string) {
		super(`building ${label} failed: ${detail}`);
	}
}

export class BenchCancelledError extends Error {
	readonly name = 'BenchCancelledError';
	constructor() {
		super('benchmark cancelled');
	}
}

function formatSeconds(ms: number): string {
	return `${Number((ms / 1000).toFixed(3))} s`;
}

const CONNECTION_CODES = new Set(['ENOENT', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EACCES', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);

/** Socket-level failures (as opposed to the engine answering with an error status). */
export function connectionFailure(error: unknown): string | undefined {
	const e = error as NodeJS.ErrnoException & { statusCode?: number } | undefined;
	if (!e || typeof e !== 'object' || e.statusCode) return undefined;
	if (e.code && CONNECTION_CODES.has(e.code)) return e.syscall ? `${e.syscall} ${e.code}` : e.code;
	if (/socket hang up|premature close|aborted/i.test(e.message ?? '') && e.name !== 'AbortError') return 'connection lost (socket hang up)';
	return undefined;
}

export function isAbortError(error: unknown): boolean {
	const e = error as { name?: string; code?: string } | undefined;
	return e?.name === 'AbortError' || e?.code === 'ABORT_ERR';
}

/** The engine's own message for an HTTP error (dockerode puts the JSON body in `json`). */
export function engineMessage(error: unknown): string {
	const e = error as { json?: { message?: string }; reason?: string; message?: string; statusCode?: number } | undefined;
	const text = e?.json?.message ?? (typeof e?.json === 'string' ? e.json : undefined) ?? e?.message ?? String(error);
	return String(text).trim().replace(/^\(HTTP code \d+\)\s*/, '');
}

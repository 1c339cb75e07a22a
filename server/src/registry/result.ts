// Typed outcomes of registry I/O: callers branch on `kind`, never parse thrown strings.

/**
 * `too-large`: an answer longer than Patchlens reads (the registry misbehaves); `truncated`: a tag
 * list longer than Patchlens keeps (the repository is huge) — not used, so no tag is judged missing.
 */
export type RegistryErrorKind = 'unauthorized' | 'not-found' | 'rate-limited' | 'timeout' | 'network' | 'malformed' | 'server' | 'too-large' | 'truncated';

export interface RegistryError {
	kind: RegistryErrorKind;
	/** One readable sentence; never contains credentials or tokens. */
	message: string;
	/** HTTP status when the failure came from a response. */
	status?: number;
	/** For a lookup not made because the registry had just failed (breaker.ts): that failure, the root cause. */
	cause?: RegistryError;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: RegistryError };

export function ok<T>(value: T): Result<T> {
	return { ok: true, value };
}

export function fail<T = never>(kind: RegistryErrorKind, message: string, status?: number): Result<T> {
	return { ok: false, error: status === undefined ? { kind, message } : { kind, message, status } };
}

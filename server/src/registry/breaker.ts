// Per-registry circuit breaker: once a registry times out, rate-limits, cannot be reached, keeps
// failing with 5xx or floods an answer, further lookups to it fail at once (the caller falls back
// to bundled data) and lookups still in flight are cancelled — so a bad registry costs one time
// limit per run, not one per lookup. The language server's session outlives a run, so the breaker
// closes again after `openMs`.
import { fail, type RegistryError, type RegistryErrorKind, type Result } from './result';

/** Failures that say something about the registry as a whole, not about one repository. */
const TRIPPING: ReadonlySet<RegistryErrorKind> = new Set(['timeout', 'rate-limited', 'network', 'server', 'too-large']);

interface Open {
	until: number;
	error: RegistryError;
}

export class RegistryBreaker {
	private readonly open = new Map<string, Open>();
	private readonly inFlight = new Map<string, AbortController>();

	constructor(private readonly openMs: number, private readonly now: () => number = Date.now) {}

	/** Why lookups to `origin` are not made now, as the failure to return; undefined when they may be. */
	refusal<T>(origin: string, what: string): Result<T> | undefined {
		const open = this.open.get(origin);
		if (!open) return undefined;
		if (this.now() >= open.until) {
			this.open.delete(origin);
			return undefined;
		}
		const refused = fail<T>(open.error.kind, `${what}: not asked, the registry failed moments ago (${open.error.message})`, open.error.status);
		if (!refused.ok) refused.error.cause = open.error.cause ?? open.error;
		return refused;
	}

	/** Aborts when `origin` trips; every lookup to it listens to the same signal. */
	signal(origin: string): AbortSignal {
		let controller = this.inFlight.get(origin);
		if (!controller || controller.signal.aborted) {
			controller = new AbortController();
			this.inFlight.set(origin, controller);
		}
		return controller.signal;
	}

	/**
	 * Records a lookup's outcome: a registry-wide failure opens the breaker and cancels the lookups
	 * in flight. Returns what the caller reports: a lookup cancelled that way reports the failure
	 * that opened the breaker, not "cancelled".
	 */
	record<T>(origin: string, result: Result<T>, signal: AbortSignal, what: string): Result<T> {
		if (result.ok) return result;
		if (signal.aborted && this.open.has(origin)) return this.refusal<T>(origin, what) ?? result;
		if (!TRIPPING.has(result.error.kind) || this.open.has(origin)) return result;
		this.open.set(origin, { until: this.now() + this.openMs, error: result.error });
		this.inFlight.get(origin)?.abort(`cancelled, the registry failed (${result.error.message})`);
		return result;
	}
}

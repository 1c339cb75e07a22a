// While long calls (wait, logs, events, pull, build) are open, ping the engine once a second: when it
// dies, the open HTTP response may just stay silent, so only a fresh connection tells us it is gone.
import type Docker from 'dockerode';
import { connectionFailure, EngineUnreachableError } from './errors';

const PING_EVERY_MS = 1000;
const PING_TIMEOUT_MS = 10_000;

export class EngineWatch {
	private readonly listeners = new Set<(error: Error) => void>();
	private timer: NodeJS.Timeout | undefined;

	constructor(private readonly docker: Docker, private readonly host: string) {}

	/** Runs `work` with a signal that is aborted (and the promise rejected) when the engine stops answering. */
	async guard<T>(signal: AbortSignal | undefined, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
		const local = new AbortController();
		const combined = signal ? AbortSignal.any([signal, local.signal]) : local.signal;
		let onDead: (error: Error) => void = () => undefined;
		const dead = new Promise<never>((_, reject) => {
			onDead = error => {
				local.abort(error);
				reject(error);
			};
		});
		dead.catch(() => undefined);
		this.listeners.add(onDead);
		this.schedule();
		try {
			return await Promise.race([work(combined), dead]);
		} finally {
			this.listeners.delete(onDead);
		}
	}

	private schedule(): void {
		if (this.timer || !this.listeners.size) return;
		this.timer = setTimeout(() => void this.ping(), PING_EVERY_MS);
	}

	private async ping(): Promise<void> {
		let failure: Error | undefined;
		try {
			await (this.docker.ping as (options: { abortSignal: AbortSignal }) => Promise<unknown>).call(this.docker, { abortSignal: AbortSignal.timeout(PING_TIMEOUT_MS) });
		} catch (error) {
			const reason = connectionFailure(error) ?? ((error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError' ? `no answer within ${PING_TIMEOUT_MS / 1000} s` : undefined);
			if (reason) failure = new EngineUnreachableError(this.host, reason);
		}
		this.timer = undefined;
		if (failure) for (const listener of [...this.listeners]) listener(failure);
		this.schedule();
	}
}

// How the containers of one round are started. All at once is the default; batch and canary rollouts
// plug in here without touching the run loop: a schedule only decides when each `launch(i)` begins.

export interface StartSchedule {
	/** Stable name stored in the results' settings. */
	readonly name: string;
	/**
	 * Launches containers 0..n-1 (each launch runs one container's whole life) and resolves when every
	 * launch has settled. It must stop launching new containers once `signal` is aborted.
	 */
	run(n: number, launch: Launch, signal: AbortSignal): Promise<void>;
}

/**
 * Runs one container's whole life. `onReady` (rollout hook, issue 8) is called as soon as the container
 * is ready, before it is removed, so rolling schedules can start the next one at readiness like an
 * orchestrator does; a launch that fails never calls it but still settles.
 */
export type Launch = (index: number, onReady?: () => void) => Promise<void>;

export const allAtOnce: StartSchedule = {
	name: 'all-at-once',
	async run(n, launch) {
		await Promise.allSettled(Array.from({ length: n }, (_, i) => launch(i)));
	},
};

/** Starts `size` containers at a time; the next batch begins when the previous one has settled. */
export function inBatches(size: number): StartSchedule {
	if (!Number.isInteger(size) || size < 1) throw new RangeError('batch size must be a positive integer');
	return {
		name: `batches:${size}`,
		async run(n, launch, signal) {
			for (let first = 0; first < n && !signal.aborted; first += size) {
				const batch = Array.from({ length: Math.min(size, n - first) }, (_, k) => launch(first + k));
				await Promise.allSettled(batch);
			}
		},
	};
}

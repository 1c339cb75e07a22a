// Rollout strategies: how N replicas of one image are started, the way an orchestrator rolls them out.
//   all        every replica at once (the engine's worst case)
//   batch:k    rolling, Kubernetes `maxSurge: k, maxUnavailable: 0`: at most k replicas are starting
//              (created, not yet ready) at any moment; the next starts as soon as one of them is ready
//   wave:k     strict waves of k: the next wave starts only when the whole previous wave has finished
//   canary:c   c replicas first; the rest (all at once) only when every canary is ready
// Each is a StartSchedule, so the engine's run loop (round.ts) needs to know nothing about them.
import { allAtOnce, inBatches, type Launch, type StartSchedule } from '../schedule';

export interface Strategy {
	/** As the user writes it: `all`, `batch:4`, `wave:4`, `canary:2`. */
	label: string;
	kind: 'all' | 'batch' | 'wave' | 'canary';
	/** k for batch/wave, c for canary. */
	size?: number;
	schedule: StartSchedule;
}

export type StrategyParse = { ok: true; strategy: Strategy } | { ok: false; error: string };

export function parseStrategy(text: string): StrategyParse {
	const t = text.trim().toLowerCase();
	if (t === 'all') return { ok: true, strategy: { label: 'all', kind: 'all', schedule: allAtOnce } };
	const m = /^(batch|wave|canary):(\d+)$/.exec(t);
	if (!m) return { ok: false, error: `unknown strategy "${text}" (expected all, batch:K, wave:K or canary:C)` };
	const size = Number(m[2]);
	if (!Number.isInteger(size) || size < 1) return { ok: false, error: `strategy ${text}: the size must be a positive integer` };
	const kind = m[1] as 'batch' | 'wave' | 'canary';
	const schedule = kind === 'batch' ? rolling(size) : kind === 'wave' ? inBatches(size) : canary(size);
	return { ok: true, strategy: { label: `${kind}:${size}`, kind, size, schedule } };
}

/** A launch plus a promise that resolves when its container is ready or its launch settled (failed). */
function tracked(launch: Launch, index: number): { ready: Promise<void>; done: Promise<void> } {
	let markReady!: () => void;
	const ready = new Promise<void>(resolve => { markReady = resolve; });
	const done = launch(index, markReady).then(markReady, markReady);
	return { ready, done };
}

/** Rolling update with maxSurge k: a slot frees when its replica is ready (not when it is removed). */
export function rolling(maxSurge: number): StartSchedule {
	if (!Number.isInteger(maxSurge) || maxSurge < 1) throw new RangeError('maxSurge must be a positive integer');
	return {
		name: `rolling:${maxSurge}`,
		async run(n, launch, signal) {
			const all: Promise<void>[] = [];
			let inFlight = 0;
			let wake: () => void = () => undefined;
			for (let next = 0; next < n && !signal.aborted;) {
				if (inFlight >= maxSurge) {
					await new Promise<void>(resolve => { wake = resolve; });
					continue;
				}
				inFlight++;
				const t = tracked(launch, next++);
				void t.ready.then(() => {
					inFlight--;
					wake();
				});
				all.push(t.done);
			}
			await Promise.allSettled(all);
		},
	};
}

/** Canary: c replicas, then (once every canary is ready) the rest all at once. */
export function canary(count: number): StartSchedule {
	if (!Number.isInteger(count) || count < 1) throw new RangeError('canary size must be a positive integer');
	return {
		name: `canary:${count}`,
		async run(n, launch, signal) {
			const first = Array.from({ length: Math.min(count, n) }, (_, i) => tracked(launch, i));
			await Promise.all(first.map(t => t.ready));
			const rest = signal.aborted ? [] : Array.from({ length: Math.max(0, n - count) }, (_, k) => tracked(launch, count + k));
			await Promise.allSettled([...first, ...rest].map(t => t.done));
		},
	};
}

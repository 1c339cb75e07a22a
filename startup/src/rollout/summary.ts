// What a rollout looks like from the recorded timestamps of each replica (create issued, ready):
// time until all replicas are ready, each replica's own startup latency, and the peak number of
// replicas starting (created, not yet ready) at the same moment.
import { toStats } from '../analysis';
import type { ContainerTiming, RolloutStats } from '../result';

/** Most intervals [create, ready) open at once; a replica ready at the instant another is created does not overlap it. */
export function peakConcurrent(intervals: readonly { create: number; ready: number }[]): number {
	const events = intervals.flatMap(i => [{ t: i.create, d: 1 }, { t: i.ready, d: -1 }]);
	events.sort((a, b) => a.t - b.t || a.d - b.d);
	let open = 0;
	let peak = 0;
	for (const e of events) {
		open += e.d;
		peak = Math.max(peak, open);
	}
	return peak;
}

/** Undefined when the timings carry no timestamps (results from an older engine). */
export function summarizeRollout(containers: readonly ContainerTiming[], replicas: number): RolloutStats | undefined {
	if (!containers.length || containers.some(c => !c.at)) return undefined;
	const byRound = new Map<number, ContainerTiming[]>();
	for (const c of containers) byRound.set(c.round, [...(byRound.get(c.round) ?? []), c]);
	const rounds = [...byRound.keys()].sort((a, b) => a - b).map(r => byRound.get(r)!);
	const timeToAllReady = rounds.map(cs => Math.max(...cs.map(c => c.at!.ready)));
	return {
		replicas,
		timeToAllReady,
		timeToAllReadyStats: toStats(timeToAllReady),
		replicaLatency: toStats(containers.map(c => c.at!.ready - c.at!.create)),
		peakStarting: rounds.map(cs => peakConcurrent(cs.map(c => c.at!))),
	};
}

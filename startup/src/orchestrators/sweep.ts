// `patchlens rollout --sweep`: removes services that rollouts left behind because their process (or
// the engine) died, by the same rule as containers (sweep.ts): the creating pid on this host is gone,
// or, with olderThan, whoever created them.
import { isLeftover, type SweepOptions } from '../sweep';
import type { Orchestrator } from './orchestrator';

export interface ServiceSweep {
	removed: string[];
	failed: string[];
	kept: number;
}

export async function sweepServices(orchestrator: Orchestrator, options: SweepOptions = {}): Promise<ServiceSweep> {
	const all = await orchestrator.list('patchlens');
	const leftovers = all.filter(s => isLeftover({ id: s.id, labels: s.labels, created: s.createdMs, state: '' }, options));
	const removed: string[] = [];
	const failed: string[] = [];
	for (const s of leftovers) {
		await orchestrator.remove(s.id).then(() => removed.push(s.id), () => failed.push(s.id));
	}
	return { removed, failed, kept: all.length - leftovers.length };
}

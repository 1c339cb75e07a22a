// Removes containers that a benchmark run left behind because its process or the engine died.
import { hostname } from 'node:os';
import type { Executor, LabelledContainer } from './executor';
import { removeAll } from './round';

/** Runs in progress in this process; their containers are never swept. */
export const activeRuns = new Set<string>();

export interface SweepOptions {
	/** Also remove patchlens containers created before this time, whoever created them (other hosts too). */
	olderThan?: Date;
	/** Checks whether a pid on this host is alive (tests replace it). */
	isAlive?: (pid: number) => boolean;
}

export interface SweepOutcome {
	removed: string[];
	failed: string[];
	/** Labelled containers left alone (their run is alive). */
	kept: number;
}

function processAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** A container is left over when the run that made it can no longer remove it itself. */
export function isLeftover(c: LabelledContainer, options: SweepOptions = {}): boolean {
	const runId = c.labels.patchlens;
	if (activeRuns.has(runId)) return false;
	if (options.olderThan && c.created < options.olderThan.getTime()) return true;
	const pid = Number(c.labels['patchlens.pid']);
	if (c.labels['patchlens.host'] !== hostname() || !Number.isInteger(pid) || pid <= 0) return false;
	// Our own pid: the run is over (not active) but the engine or a crash kept it from cleaning up.
	if (pid === process.pid) return true;
	return !(options.isAlive ?? processAlive)(pid);
}

export async function sweepLeftovers(executor: Executor, options: SweepOptions = {}): Promise<SweepOutcome> {
	const all = await executor.listContainers('patchlens');
	const leftovers = all.filter(c => isLeftover(c, options));
	const failed = await removeAll(executor, leftovers.map(c => c.id));
	return { removed: leftovers.map(c => c.id).filter(id => !failed.includes(id)), failed, kept: all.length - leftovers.length };
}

// Pure bookkeeping of one rollout phase (deploy, canary, update, rollback): task phases from the task
// states the orchestrator reports and from container events, replicas ready over time, old tasks'
// stop times. No I/O and no clock: every time comes in as an argument.
import type { TaskEvent, TaskSnapshot } from './orchestrator';

export type Phase = 'new' | 'assigned' | 'preparing' | 'starting' | 'running' | 'healthy';
export const PHASES: readonly Phase[] = ['new', 'assigned', 'preparing', 'starting', 'running', 'healthy'];

/** Orchestrator states that mark a phase; `accepted` is the node taking an assigned task. */
const STATE_PHASE: Record<string, Phase> = { new: 'new', pending: 'new', assigned: 'assigned', accepted: 'assigned', preparing: 'preparing', starting: 'starting', running: 'running' };

export interface TaskStop {
	/** Offset of the first SIGTERM (kill event), ms. */
	requestedMs: number;
	stoppedMs?: number;
	durationMs?: number;
	/** The process outlived the stop grace period and was killed with SIGKILL. */
	graceHit: boolean;
}

export interface TaskTimeline {
	id: string;
	slot: number;
	node: string;
	image: string;
	/** Offsets in ms from the start of the phase; a phase the orchestrator moved through between two looks is absent. */
	phases: Partial<Record<Phase, number>>;
	state: string;
	error?: string;
}

export interface AvailabilitySample {
	tMs: number;
	ready: number;
}

interface TaskRecord extends TaskTimeline {
	createdMs: number;
	desiredState: string;
	stop?: TaskStop;
}

export class PhaseRecorder {
	readonly availability: AvailabilitySample[] = [];
	private readonly tasks = new Map<string, TaskRecord>();
	private readonly known: Set<string>;

	/** zeroMs: epoch ms the phase started; tasks that exist already are the old ones. */
	constructor(readonly zeroMs: number, existing: readonly TaskSnapshot[], private readonly graceMs: number) {
		this.known = new Set(existing.map(t => t.id));
		for (const t of existing) this.tasks.set(t.id, this.record(t));
	}

	private record(t: TaskSnapshot): TaskRecord {
		return { id: t.id, slot: t.slot, node: t.node, image: t.image, phases: {}, state: t.state, createdMs: t.createdMs, desiredState: t.desiredState };
	}

	/** One look at the service's tasks at local time nowMs; returns the replicas ready. */
	look(tasks: readonly TaskSnapshot[], nowMs: number): number {
		for (const t of tasks) {
			const r = this.tasks.get(t.id) ?? this.record(t);
			this.tasks.set(t.id, r);
			Object.assign(r, { state: t.state, desiredState: t.desiredState, node: t.node, ...(t.error ? { error: t.error } : {}) });
			const phase = STATE_PHASE[t.state];
			if (phase && !this.known.has(t.id) && r.phases[phase] === undefined) r.phases[phase] = Math.max(0, t.stateSinceMs - this.zeroMs);
			if (!this.known.has(t.id) && r.phases.new === undefined) r.phases.new = Math.max(0, t.createdMs - this.zeroMs);
		}
		const ready = tasks.filter(t => t.state === 'running' && t.desiredState === 'running').length;
		this.availability.push({ tMs: nowMs - this.zeroMs, ready });
		return ready;
	}

	event(e: TaskEvent): void {
		const r = this.tasks.get(e.taskId);
		if (!r) return;
		const t = e.timeMs - this.zeroMs;
		if (e.kind === 'healthy' && !this.known.has(r.id)) r.phases.healthy ??= t;
		else if (e.kind === 'start' && !this.known.has(r.id)) r.phases.starting ??= t;
		else if (e.kind === 'kill') {
			r.stop ??= { requestedMs: t, graceHit: false };
			if (e.signal === '9' || e.signal === 'SIGKILL') r.stop.graceHit = true;
		} else if (e.kind === 'die' && r.stop && r.stop.stoppedMs === undefined) {
			r.stop.stoppedMs = t;
			r.stop.durationMs = t - r.stop.requestedMs;
			// SIGKILL may not show as its own event; a stop that took the whole grace period was one.
			if (r.stop.durationMs >= this.graceMs) r.stop.graceHit = true;
		}
	}

	/** Old tasks asked to stop that have not stopped yet. */
	pendingStops(): number {
		return [...this.tasks.values()].filter(r => r.stop && r.stop.stoppedMs === undefined).length;
	}

	/** Tasks created during this phase, by slot. */
	newTasks(): TaskTimeline[] {
		return [...this.tasks.values()].filter(r => !this.known.has(r.id))
			.sort((a, b) => a.slot - b.slot || a.createdMs - b.createdMs)
			.map(({ id, slot, node, image, phases, state, error }) => ({ id, slot, node, image, phases, state, ...(error ? { error } : {}) }));
	}

	stops(): (TaskStop & { id: string; node: string })[] {
		return [...this.tasks.values()].filter(r => r.stop).map(r => ({ id: r.id, node: r.node, ...r.stop! }));
	}
}

/** The lowest number of replicas ready after the phase began, and for how long in all it stayed that low. */
export function minimumReady(samples: readonly AvailabilitySample[]): { minReady: number; minReadyForMs: number } {
	if (!samples.length) return { minReady: 0, minReadyForMs: 0 };
	const minReady = Math.min(...samples.map(s => s.ready));
	let forMs = 0;
	for (let i = 0; i < samples.length - 1; i++) if (samples[i].ready === minReady) forMs += samples[i + 1].tMs - samples[i].tMs;
	return { minReady, minReadyForMs: Math.round(forMs) };
}

/**
 * Batches as the orchestrator makes them: new tasks in creation order, `parallelism` at a time. A batch
 * lasts from its first task's creation to its last task's ready (healthy, else running).
 */
export function slowestBatchMs(tasks: readonly TaskTimeline[], parallelism: number): number | undefined {
	const ordered = [...tasks].filter(t => t.phases.new !== undefined).sort((a, b) => a.phases.new! - b.phases.new!);
	let slowest: number | undefined;
	for (let i = 0; i < ordered.length; i += Math.max(1, parallelism)) {
		const batch = ordered.slice(i, i + parallelism);
		const ends = batch.map(t => t.phases.healthy ?? t.phases.running);
		if (ends.some(e => e === undefined)) continue;
		const ms = Math.max(...(ends as number[])) - Math.min(...batch.map(t => t.phases.new!));
		slowest = Math.max(slowest ?? 0, ms);
	}
	return slowest;
}

export interface NodeSummary {
	node: string;
	tasks: number;
	/** Median time a task spent preparing (pulling the image) on this node, when seen. */
	preparingMs?: number;
	/** Median offset at which this node's tasks became ready (healthy, else running). */
	readyMs?: number;
}

function medianOf(xs: number[]): number | undefined {
	if (!xs.length) return undefined;
	const s = [...xs].sort((a, b) => a - b);
	const mid = s.length >> 1;
	return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Per node: how many new tasks it ran, how long their pulls took, when they became ready. */
export function perNode(tasks: readonly TaskTimeline[]): NodeSummary[] {
	const nodes = [...new Set(tasks.map(t => t.node))].sort();
	return nodes.map(node => {
		const mine = tasks.filter(t => t.node === node);
		const pulls = mine.flatMap(t => (t.phases.preparing !== undefined && t.phases.starting !== undefined ? [t.phases.starting - t.phases.preparing] : []));
		const ready = mine.flatMap(t => { const r = t.phases.healthy ?? t.phases.running; return r === undefined ? [] : [r]; });
		const preparingMs = medianOf(pulls);
		const readyMs = medianOf(ready);
		return { node, tasks: mine.length, ...(preparingMs !== undefined ? { preparingMs } : {}), ...(readyMs !== undefined ? { readyMs } : {}) };
	});
}

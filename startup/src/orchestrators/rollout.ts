// Drives one rollout on an Orchestrator: create the service with CURRENT, wait until it has converged,
// (canary,) update to NEW, (roll back,) sampling the tasks every `sampleMs`. The service is removed on
// every path: success, failure, cancel (AbortSignal) and an engine that went away (best effort).
import { hostname } from 'node:os';
import { activeRuns } from '../sweep';
import type { Orchestrator, OrchestratorIdentity, ServiceLimits, ServiceObservation, TaskSnapshot, UpdatePolicy } from './orchestrator';
import { PhaseRecorder, minimumReady, perNode, slowestBatchMs, type AvailabilitySample, type NodeSummary, type TaskStop, type TaskTimeline } from './timeline';

export const ROLLOUT_SCHEMA_VERSION = 1;

export type PhaseKind = 'deploy' | 'canary' | 'update' | 'rollback';
/** completed: converged on the target; rolled-back: the orchestrator's failure action rolled the update back. */
export type PhaseOutcome = 'completed' | 'rolled-back' | 'paused' | 'timeout';

export interface PhaseResult {
	kind: PhaseKind;
	outcome: PhaseOutcome;
	image: string;
	/** From the request to the orchestrator's "completed" with every replica ready on the target image. */
	convergedMs?: number;
	slowestBatchMs?: number;
	minReady: number;
	minReadyForMs: number;
	tasks: TaskTimeline[];
	availability: AvailabilitySample[];
	/** The longest time an old task took to stop, ms. */
	stopMs?: number;
	stops: (TaskStop & { id: string; node: string })[];
	/** New tasks per node: count, median pull (preparing) and median ready offset. */
	nodes: NodeSummary[];
	message?: string;
}

export interface RolloutRequest {
	orchestrator: Orchestrator;
	runId: string;
	image: string;
	candidate: string;
	replicas: number;
	policy: UpdatePolicy;
	canary?: number;
	rollback: boolean;
	stopGraceMs: number;
	limits?: ServiceLimits;
	/** Per phase. */
	timeoutMs: number;
	sampleMs?: number;
	signal?: AbortSignal;
	onPhase?: (kind: PhaseKind, ready: number, tMs: number) => void;
}

export interface RolloutReport {
	schemaVersion: number;
	orchestrator: 'swarm';
	identity: OrchestratorIdentity;
	runId: string;
	startedAt: string;
	settings: { image: string; candidate: string; replicas: number; policy: UpdatePolicy; canary?: number; rollback: boolean; stopGraceMs: number; limits?: ServiceLimits };
	replicas: number;
	deploy: PhaseResult;
	canary?: PhaseResult;
	update: PhaseResult;
	rollback?: PhaseResult;
}

export class RolloutCancelledError extends Error {
	constructor() {
		super('rollout cancelled');
	}
}

const sleep = (ms: number, signal?: AbortSignal) => new Promise<void>(resolve => {
	const timer = setTimeout(done, ms);
	function done() {
		clearTimeout(timer);
		signal?.removeEventListener('abort', done);
		resolve();
	}
	signal?.addEventListener('abort', done, { once: true });
});

export interface PhasePlan {
	kind: PhaseKind;
	target: string;
	/** How many target tasks must run (canary: N; otherwise all replicas). */
	want: number;
	/** Starts the phase (update / rollback request); undefined for deploy, which starts at create. */
	start?: () => Promise<void>;
	/** Canary: keep sampling this long after `want` tasks run. */
	holdMs?: number;
	/** A rollback done as an update (the orchestrator then reports `completed`, not `rollback_completed`). */
	viaUpdate?: boolean;
}

export async function runRollout(req: RolloutRequest): Promise<RolloutReport> {
	const identity = await req.orchestrator.identity(req.signal);
	if (!identity.ok) throw new Error(identity.error);
	const startedAt = new Date().toISOString();
	activeRuns.add(req.runId);
	let serviceId: string | undefined;
	const phases: PhaseResult[] = [];
	try {
		const created = await createTimed(req, id => { serviceId = id; });
		const deploy = await measurePhase(req, serviceId!, created, { kind: 'deploy', target: req.image, want: req.replicas });
		phases.push(deploy);
		if (deploy.outcome !== 'completed') throw new Error(`the service with ${req.image} did not converge (${deploy.outcome}${deploy.message ? `: ${deploy.message}` : ''})`);
		for (const plan of laterPhases(req, serviceId!)) {
			const result = await measurePhase(req, serviceId!, undefined, plan);
			phases.push(result);
			if (result.outcome !== 'completed') break;
		}
	} finally {
		await removeServices(req, serviceId);
		activeRuns.delete(req.runId);
	}
	return assemble(req, identity.value, startedAt, phases);
}

/**
 * By id, or by the run's label when a create failed on our side after the engine made the service
 * (a lost answer): the service exists, but we never learned its id.
 */
async function removeServices(req: RolloutRequest, serviceId: string | undefined): Promise<void> {
	const ids = serviceId ? [serviceId] : (await req.orchestrator.list(`patchlens=${req.runId}`).catch(() => [])).map(s => s.id);
	for (const id of ids) await req.orchestrator.remove(id).catch(() => undefined);
}

async function createTimed(req: RolloutRequest, onId: (id: string) => void): Promise<number> {
	const zero = Date.now();
	const labels = { 'patchlens.pid': String(process.pid), 'patchlens.host': hostname(), 'patchlens.kind': 'rollout' };
	onId(await req.orchestrator.create({ runId: req.runId, image: req.image, replicas: req.replicas, policy: req.policy, limits: req.limits, stopGraceMs: req.stopGraceMs, labels }, req.signal));
	return zero;
}

function* laterPhases(req: RolloutRequest, id: string): Generator<PhasePlan> {
	const o = req.orchestrator;
	if (req.canary) {
		// Swarm has no canary: a batch of N with an hour's delay stops after the first batch; the next
		// update (same image, the real policy) makes the engine restart the updater for the remaining slots.
		const hold = { ...req.policy, parallelism: req.canary, delayMs: 3_600_000 };
		yield { kind: 'canary', target: req.candidate, want: req.canary, start: () => o.update(id, req.candidate, hold, req.signal), holdMs: Math.max(req.policy.monitorMs, 1000) };
	}
	yield { kind: 'update', target: req.candidate, want: req.replicas, start: () => o.update(id, req.candidate, req.policy, req.signal) };
	// After a canary the engine's "previous spec" is the canary's (the candidate), so going back to
	// CURRENT is an update to it, under the same policy; without a canary it is Swarm's own rollback.
	const back = req.canary ? () => o.update(id, req.image, req.policy, req.signal) : () => o.rollback(id, req.signal);
	if (req.rollback) yield { kind: 'rollback', target: req.image, want: req.replicas, start: back, viaUpdate: !!req.canary };
}

/**
 * Measures one phase of service `id`: `plan.start` (if any) begins it; zeroMs is when it began if that
 * was earlier (the create). Exported for bench/rolloutHarness.ts, which starts an update with the docker CLI.
 */
export async function measurePhase(req: RolloutRequest, id: string, zeroMs: number | undefined, plan: PhasePlan): Promise<PhaseResult> {
	const before = zeroMs === undefined ? await req.orchestrator.observe(id, req.signal) : { tasks: [] as TaskSnapshot[] };
	const zero = zeroMs ?? Date.now();
	const recorder = new PhaseRecorder(zero, before.tasks, req.stopGraceMs);
	const unwatch = await req.orchestrator.watch(id, e => recorder.event(e));
	try {
		await plan.start?.();
		const end = await sample(req, id, recorder, plan);
		await settleStops(req, recorder);
		return result(plan, recorder, end, req.policy.parallelism);
	} finally {
		unwatch();
	}
}

interface PhaseEnd {
	outcome: PhaseOutcome;
	target: string;
	convergedMs?: number;
	message?: string;
}

async function sample(req: RolloutRequest, id: string, recorder: PhaseRecorder, plan: PhasePlan): Promise<PhaseEnd> {
	const every = req.sampleMs ?? 100;
	let target = plan.target;
	let convergedAt: number | undefined;
	for (;;) {
		if (req.signal?.aborted) throw new RolloutCancelledError();
		const t = Date.now();
		const obs = await req.orchestrator.observe(id, req.signal);
		const ready = recorder.look(obs.tasks, Date.now());
		req.onPhase?.(plan.kind, ready, t - recorder.zeroMs);
		// The failure action rolled the update back: the phase now converges on the old image.
		if (plan.kind !== 'rollback' && obs.updateState.startsWith('rollback')) target = req.image;
		const verdict = judge(plan, obs, target, req.image);
		if (verdict === 'paused') return { outcome: 'paused', target, message: obs.message };
		if (verdict === 'converged') {
			convergedAt ??= t;
			if (t - convergedAt >= (plan.holdMs ?? 0)) return end(plan, target, convergedAt - recorder.zeroMs, obs.message);
		}
		if (t - recorder.zeroMs > req.timeoutMs) return { outcome: 'timeout', target, message: obs.message };
		await sleep(Math.max(0, every - (Date.now() - t)), req.signal);
	}
}

function end(plan: PhasePlan, target: string, convergedMs: number, message?: string): PhaseEnd {
	return { outcome: target === plan.target ? 'completed' : 'rolled-back', target, convergedMs, message };
}

function judge(plan: PhasePlan, obs: ServiceObservation, target: string, current: string): 'converged' | 'paused' | 'waiting' {
	if (obs.updateState === 'paused' || obs.updateState === 'rollback_paused') return 'paused';
	const running = obs.tasks.filter(t => t.desiredState === 'running' && t.state === 'running');
	const onTarget = running.filter(t => t.image === target).length;
	if (plan.kind === 'canary') return onTarget >= plan.want && running.length >= plan.want ? 'converged' : 'waiting';
	const done = plan.kind === 'deploy' ? true
		: target === current && plan.kind !== 'rollback' ? obs.updateState === 'rollback_completed'
			: obs.updateState === (plan.kind === 'rollback' && !plan.viaUpdate ? 'rollback_completed' : 'completed');
	const settled = obs.tasks.filter(t => t.desiredState === 'running').length === plan.want;
	return done && settled && onTarget === plan.want ? 'converged' : 'waiting';
}

/** Old tasks still stopping when the phase converged (start-first): wait for them, at most one grace period. */
async function settleStops(req: RolloutRequest, recorder: PhaseRecorder): Promise<void> {
	const until = Date.now() + req.stopGraceMs + 2000;
	while (recorder.pendingStops() > 0 && Date.now() < until && !req.signal?.aborted) await sleep(50, req.signal);
}

function result(plan: PhasePlan, recorder: PhaseRecorder, end: PhaseEnd, parallelism: number): PhaseResult {
	const tasks = recorder.newTasks();
	const stops = recorder.stops();
	const durations = stops.map(s => s.durationMs).filter((d): d is number => d !== undefined);
	const batch = slowestBatchMs(tasks.filter(t => t.image === plan.target), plan.kind === 'canary' ? plan.want : parallelism);
	return {
		kind: plan.kind, outcome: end.outcome, image: end.target,
		...(end.convergedMs !== undefined ? { convergedMs: end.convergedMs } : {}),
		...(batch !== undefined ? { slowestBatchMs: batch } : {}),
		...minimumReady(recorder.availability), tasks, availability: recorder.availability,
		...(durations.length ? { stopMs: Math.max(...durations) } : {}), stops, nodes: perNode(tasks),
		...(end.message ? { message: end.message } : {}),
	};
}

function assemble(req: RolloutRequest, identity: OrchestratorIdentity, startedAt: string, phases: PhaseResult[]): RolloutReport {
	const by = (kind: PhaseKind) => phases.find(p => p.kind === kind);
	const update = by('update') ?? by('canary') ?? by('deploy')!;
	return {
		schemaVersion: ROLLOUT_SCHEMA_VERSION, orchestrator: 'swarm', identity, runId: req.runId, startedAt,
		settings: { image: req.image, candidate: req.candidate, replicas: req.replicas, policy: req.policy, ...(req.canary ? { canary: req.canary } : {}), rollback: req.rollback, stopGraceMs: req.stopGraceMs, ...(req.limits ? { limits: req.limits } : {}) },
		replicas: req.replicas, deploy: by('deploy')!, ...(by('canary') ? { canary: by('canary') } : {}), update,
		...(by('rollback') ? { rollback: by('rollback') } : {}),
	};
}

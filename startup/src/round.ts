// One round: n containers through create -> start -> ready -> remove under a start schedule. Any failure
// stops the round; every container it created is removed before the round settles.
import { setMaxListeners } from 'node:events';
import { BenchCancelledError, EngineUnreachableError, isAbortError, ReadyTimeoutError } from './errors';
import type { ContainerLimits, Executor } from './executor';
import { describeReady, type ReadyCondition } from './ready';
import type { ContainerTiming, Phase } from './result';
import type { StartSchedule } from './schedule';

export interface RoundSpec {
	executor: Executor;
	/** Image id (containers never depend on tags that a cold round removes). */
	imageId: string;
	/** What to call the image in messages. */
	image: string;
	n: number;
	round: number;
	ready: ReadyCondition;
	cmd?: string[];
	timeoutMs: number;
	limits?: ContainerLimits;
	labels: Record<string, string>;
	schedule: StartSchedule;
	signal: AbortSignal;
	/** Round start (performance.now()); a cold round passes the time before its pull. */
	startedAt: number;
	onContainerReady?: () => void;
}

export type RoundOutcome = { ok: true; timings: ContainerTiming[] } | { ok: false; error: Error; timings: ContainerTiming[]; leftovers: string[] };

const now = () => performance.now();

export async function runRound(spec: RoundSpec): Promise<RoundOutcome> {
	const { executor, signal } = spec;
	const stop = new AbortController();
	const roundSignal = AbortSignal.any([signal, stop.signal]);
	// Every in-flight engine call of every container listens on this one signal: hundreds are expected.
	setMaxListeners(10_000, roundSignal);
	const live = new Set<string>();
	const timings: ContainerTiming[] = [];
	let failure: Error | undefined;
	const fail = (error: Error) => {
		if (!failure) failure = error;
		stop.abort(error);
	};

	const launch = async (index: number, onReady?: () => void) => {
		if (roundSignal.aborted) return;
		const phases: Partial<Record<Phase, number>> = {};
		let id: string | undefined;
		try {
			let t = now();
			const createAt = t; // rollout hook (issue 8): absolute offsets show how many containers started at once
			// A create is never aborted by a cancel: the engine may still create the container after the
			// client gave up on the request, and its id would then be unknown to the cleanup below. It
			// takes milliseconds; the time limit only guards against an engine that stopped answering.
			id = await executor.createContainer({ image: spec.imageId, cmd: spec.cmd, labels: spec.labels, limits: spec.limits }, AbortSignal.timeout(Math.max(spec.timeoutMs, 30_000)));
			live.add(id);
			roundSignal.throwIfAborted();
			phases.create = now() - t;
			t = now();
			const startAt = t;
			await executor.startContainer(id, roundSignal);
			phases.start = now() - t;
			t = now();
			await waitWithLimit(spec, id, roundSignal);
			const readyAt = now();
			phases.ready = readyAt - t;
			spec.onContainerReady?.();
			onReady?.();
			t = now();
			await executor.removeContainer(id, roundSignal);
			live.delete(id);
			phases.remove = now() - t;
			timings.push({ round: spec.round, index, readyMs: readyAt - spec.startedAt, phases, at: { create: createAt - spec.startedAt, start: startAt - spec.startedAt, ready: readyAt - spec.startedAt } });
		} catch (error) {
			fail(classify(error, signal));
		}
	};

	await spec.schedule.run(spec.n, launch, roundSignal);
	if (!failure && signal.aborted) failure = new BenchCancelledError();
	if (!failure) return { ok: true, timings: timings.sort((a, b) => a.index - b.index) };
	const leftovers = await removeAll(executor, [...live], failure);
	return { ok: false, error: failure, timings, leftovers };
}

async function waitWithLimit(spec: RoundSpec, id: string, roundSignal: AbortSignal): Promise<void> {
	const limit = AbortSignal.timeout(spec.timeoutMs);
	try {
		await spec.executor.waitReady(id, spec.image, spec.ready, AbortSignal.any([roundSignal, limit]));
	} catch (error) {
		if (limit.aborted && !roundSignal.aborted) throw new ReadyTimeoutError(spec.image, spec.timeoutMs, describeReady(spec.ready));
		throw error;
	}
}

function classify(error: unknown, userSignal: AbortSignal): Error {
	if (error instanceof Error && !isAbortError(error)) return error;
	if (userSignal.aborted) return new BenchCancelledError();
	return error instanceof Error ? error : new Error(String(error));
}

/**
 * Force-removes the containers (in parallel, no signal: cleanup must not be cancelled). Once the engine
 * is known to be gone, it does not try again: the ids are returned for `sweepLeftovers` later.
 */
export async function removeAll(executor: Executor, ids: string[], cause?: Error): Promise<string[]> {
	if (!ids.length || cause instanceof EngineUnreachableError) return ids;
	const left: string[] = [];
	const results = await Promise.allSettled(ids.map(id => executor.removeContainer(id, AbortSignal.timeout(30_000))));
	results.forEach((r, i) => { if (r.status === 'rejected') left.push(ids[i]); });
	return left;
}

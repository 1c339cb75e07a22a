// The run loop: resolve images -> per mode and concurrency level, warm-up then measured rounds (images
// interleaved so drift hits all of them alike) -> statistics -> comparisons. Cleans up whatever happens.
import { randomBytes, createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { analyseLevel, compareResults, type PullTiming } from './analysis';
import { evict, planCold, pullBack, restore, type ColdPlan } from './coldImage';
import { DEFAULTS } from './defaults';
import { BenchCancelledError, EngineUnreachableError, ImageUnavailableError } from './errors';
import type { ContainerLimits, Executor, LayerContentFigures, LocalImage, PullOutcome } from './executor';
import { formatReady, type ReadyCondition } from './ready';
import type { BenchmarkReport, ContainerTiming, EngineInfo, ImageResult, Mode, SettingsRecord } from './result';
import { SCHEMA_VERSION } from './result';
import { removeAll, runRound } from './round';
import { allAtOnce, type StartSchedule } from './schedule';
import { activeRuns } from './sweep';

export interface BenchOptions {
	executor: Executor;
	/** Image references (or ids); the first is the baseline. */
	images: string[];
	/** Which of `images` were built from a Dockerfile (recorded as source 'build' in the report). */
	built?: ReadonlySet<string>;
	concurrency?: number[];
	runs?: number;
	warmup?: number;
	modes?: Mode[];
	ready?: ReadyCondition;
	cmd?: string[];
	timeoutMs?: number;
	limits?: ContainerLimits;
	schedule?: StartSchedule;
	bootstrap?: { resamples: number; seed: number };
	runId?: string;
	toolVersion?: string;
	signal?: AbortSignal;
	onProgress?: (progress: BenchProgress) => void;
	/** Called as soon as a level is finished, so callers can export incrementally. */
	onResult?: (result: ImageResult) => void;
}

export interface BenchProgress {
	done: number;
	total: number;
	image: string;
	mode: Mode;
	concurrency: number;
	/** 1-based; warm-up rounds are counted separately. */
	round: number;
	warmup: boolean;
}

export interface BenchOutcome {
	report: BenchmarkReport;
	error?: Error;
}

export function newRunId(): string {
	return `pl-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

interface Target {
	image: string;
	local: LocalImage;
	digest: string;
	cold?: ColdPlan;
	/** Exact per-layer figures, read once after the first measured cold round (null: the engine cannot say). */
	contents?: LayerContentFigures[] | null;
}

/** What one target measured at one level: measured rounds only. */
interface Measured { containers: ContainerTiming[]; pulls: PullTiming[]; warnings: string[] }

/** State shared by the levels and rounds of one run. */
interface Run {
	options: BenchOptions;
	settings: SettingsRecord;
	report: BenchmarkReport;
	schedule: StartSchedule;
	signal: AbortSignal;
	labels: Record<string, string>;
	targets: Target[];
	contextKey: string;
	progress: { done: number; total: number };
	/** Containers may exist once a round has started (cleanup warns about them when the engine is gone). */
	roundsStarted: number;
}

export async function runBenchmark(options: BenchOptions): Promise<BenchOutcome> {
	const executor = options.executor;
	const runId = options.runId ?? newRunId();
	const signal = options.signal ?? new AbortController().signal;
	const schedule = options.schedule ?? allAtOnce;
	const settings = settingsOf(options, schedule);
	const report: BenchmarkReport = {
		schemaVersion: SCHEMA_VERSION, tool: { name: 'patchlens', version: options.toolVersion ?? 'dev' }, runId,
		startedAt: new Date().toISOString(), finishedAt: '', status: 'complete',
		engine: { host: executor.host, id: '', name: '', version: '', apiVersion: '', os: '', arch: '', storageDriver: '', cpus: 0, memoryBytes: 0 },
		settings, images: [], results: [], comparisons: [], warnings: [],
	};
	const labels = { patchlens: runId, 'patchlens.pid': String(process.pid), 'patchlens.host': hostname(), 'patchlens.started': report.startedAt };
	const run: Run = { options, settings, report, schedule, signal, labels, targets: [], contextKey: '', progress: { done: 0, total: 0 }, roundsStarted: 0 };
	let error: Error | undefined;
	activeRuns.add(runId);
	try {
		const engine = await executor.info(signal);
		report.engine = { ...engine };
		for (const image of options.images) run.targets.push(await resolveTarget(executor, image, settings.modes, signal));
		report.images = run.targets.map(t => ({ image: t.image, imageId: t.local.id, digest: t.digest, source: options.built?.has(t.image) ? 'build' : 'local', layers: t.local.layers.length, ...(t.local.command ? { command: t.local.command } : {}) }));
		run.contextKey = settingsKey(engine, settings);
		run.progress.total = settings.modes.length * settings.concurrency.length * run.targets.length * (settings.warmup + settings.runs);
		for (const mode of settings.modes) for (const n of settings.concurrency) await runLevel(run, mode, n);
		options.onProgress?.({ done: run.progress.total, total: run.progress.total, image: '', mode: settings.modes[settings.modes.length - 1], concurrency: 0, round: 0, warmup: false });
	} catch (caught) {
		error = signal.aborted && !(caught instanceof EngineUnreachableError) ? new BenchCancelledError() : caught as Error;
		report.status = error instanceof BenchCancelledError ? 'cancelled' : 'failed';
		report.error = error.message;
	} finally {
		await cleanUp(executor, runId, run.targets, error, report, run.roundsStarted > 0);
		activeRuns.delete(runId);
	}
	report.comparisons = compareResults(report.results, settings.bootstrap);
	report.finishedAt = new Date().toISOString();
	return { report, error };
}

function settingsOf(options: BenchOptions, schedule: StartSchedule): SettingsRecord {
	return {
		concurrency: options.concurrency ?? [...DEFAULTS.concurrency], runs: options.runs ?? DEFAULTS.runs, warmup: options.warmup ?? DEFAULTS.warmup,
		modes: options.modes ?? ['warm'], ready: formatReady(options.ready ?? { kind: 'exit' }), timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutSeconds * 1000,
		schedule: schedule.name, bootstrap: options.bootstrap ?? { resamples: 2000, seed: 1 },
		...(options.cmd ? { cmd: options.cmd } : {}), ...(options.limits ? { limits: { ...options.limits } } : {}),
	};
}

/** One mode at one concurrency level: warm-up then measured rounds, images interleaved, then statistics per image. */
async function runLevel(run: Run, mode: Mode, n: number): Promise<void> {
	const { settings } = run;
	const measured = new Map<Target, Measured>();
	for (const t of run.targets) measured.set(t, { containers: [], pulls: [], warnings: [] });
	for (let r = 0; r < settings.warmup + settings.runs; r++) {
		for (const t of run.targets) await runTargetRound(run, t, mode, n, r, measured.get(t)!);
	}
	for (const t of run.targets) {
		const m = measured.get(t)!;
		const result = analyseLevel({ image: t.image, digest: t.digest, imageId: t.local.id, concurrency: n, mode, containers: m.containers, pulls: mode === 'cold' ? m.pulls : undefined, warnings: m.warnings, contextKey: run.contextKey });
		run.report.results.push(result);
		run.options.onResult?.(result);
	}
}

/** Round `r` (warm-up rounds first) of one image: for cold rounds evict and pull back (timed), then start n containers. */
async function runTargetRound(run: Run, t: Target, mode: Mode, n: number, r: number, m: Measured): Promise<void> {
	const { options, settings, signal } = run;
	const executor = options.executor;
	const warmup = r < settings.warmup;
	signal.throwIfAborted();
	options.onProgress?.({ done: run.progress.done, total: run.progress.total, image: t.image, mode, concurrency: n, round: warmup ? r + 1 : r - settings.warmup + 1, warmup });
	let startedAt = performance.now();
	let pull: PullTiming | undefined;
	let pulled: PullOutcome | undefined;
	if (mode === 'cold') {
		if (!(await evict(executor, t.cold!)) && !m.warnings.length) m.warnings.push('the image could not be removed before a cold round (another container uses it): rounds were not cold');
		startedAt = performance.now();
		pulled = await pullBack(executor, t.cold!, signal);
		pull = { bytes: pulled.bytes, layers: pulled.layersPulled, ms: performance.now() - startedAt };
	}
	run.roundsStarted++;
	const outcome = await runRound({
		executor, imageId: t.local.id, image: t.image, n, round: r - settings.warmup, ready: options.ready ?? { kind: 'exit' },
		cmd: options.cmd, timeoutMs: settings.timeoutMs, limits: options.limits, schedule: run.schedule, signal, startedAt,
		labels: { ...run.labels, 'patchlens.image': t.image },
	});
	if (!outcome.ok) {
		if (outcome.leftovers.length) run.report.warnings.push(`${outcome.leftovers.length} container(s) could not be removed; run \`patchlens bench --sweep\` once the engine is back`);
		throw outcome.error;
	}
	// Tags back after every cold round, untimed: a process killed later loses nothing.
	if (mode === 'cold') await restore(executor, t.cold!);
	if (pull && pulled && !warmup) pull = { ...pull, ...await pulledFigures(executor, t, pulled, signal) };
	if (!warmup) {
		m.containers.push(...outcome.timings.map(c => (pull ? { ...c, phases: { pull: pull.ms, ...c.phases } } : c)));
		if (pull) m.pulls.push(pull);
	}
	run.progress.done++;
}

/**
 * Exact unpacked bytes and files of the layers a cold round downloaded (estimate calibration), from the engine's
 * export of the image, read once per image and after the round: never inside a timed phase.
 */
async function pulledFigures(executor: Executor, t: Target, pulled: PullOutcome, signal: AbortSignal): Promise<{ unpackedBytes?: number; files?: number }> {
	if (t.contents === undefined) t.contents = (await executor.layerContents?.(t.image, signal).catch(() => undefined)) ?? null;
	signal.throwIfAborted();
	const states = pulled.layerStates;
	if (!t.contents || !states || states.length !== t.contents.length) return {};
	const mine = t.contents.filter((_, i) => states[i] === 'pulled');
	return { unpackedBytes: mine.reduce((s, l) => s + l.unpackedBytes, 0), files: mine.reduce((s, l) => s + l.files, 0) };
}

async function resolveTarget(executor: Executor, image: string, modes: Mode[], signal: AbortSignal): Promise<Target> {
	let local = await executor.inspectImage(image);
	if (!local) {
		// Not here yet: pull it once, untimed (a cold level removes and re-pulls it anyway).
		await executor.pullImage(image, signal).catch(error => {
			if (error instanceof EngineUnreachableError || signal.aborted) throw error;
			throw new ImageUnavailableError(image, `not present on the engine and cannot be pulled (${(error as Error).message})`);
		});
		local = await executor.inspectImage(image);
		if (!local) throw new ImageUnavailableError(image, 'not present on the engine after pulling it');
	}
	const target: Target = { image, local, digest: pickDigest(image, local) };
	if (modes.includes('cold')) target.cold = await planCold(executor, image, local, signal);
	return target;
}

function pickDigest(image: string, local: LocalImage): string {
	const repo = image.replace(/@.*$/, '').replace(/:[^/:]+$/, '');
	return local.repoDigests.find(d => d.startsWith(`${repo}@`)) ?? local.repoDigests[0] ?? local.id;
}

/** What makes two runs' numbers comparable: the engine and every setting that changes a measurement. */
function settingsKey(engine: EngineInfo, s: SettingsRecord): string {
	const parts = [engine.id || engine.host, s.ready, JSON.stringify(s.cmd ?? null), s.timeoutMs, s.schedule, JSON.stringify(s.limits ?? null)];
	return createHash('sha256').update(parts.join('\n')).digest('hex');
}

async function cleanUp(executor: Executor, runId: string, targets: Target[], error: Error | undefined, report: BenchmarkReport, containersMade: boolean): Promise<void> {
	if (error instanceof EngineUnreachableError) {
		if (containersMade) report.warnings.push(`containers labelled patchlens=${runId} may be left on the engine; \`patchlens bench --sweep\` removes them once it is back`);
		return; // no retry storm against an engine that is gone
	}
	try {
		for (const t of targets) if (t.cold) await restore(executor, t.cold);
		const left = await executor.listContainers(`patchlens=${runId}`);
		const failed = await removeAll(executor, left.map(c => c.id));
		if (failed.length) report.warnings.push(`${failed.length} container(s) of run ${runId} could not be removed; \`patchlens bench --sweep\` retries`);
	} catch (cleanupError) {
		report.warnings.push(`cleanup after the run failed: ${(cleanupError as Error).message}`);
	}
}

// The JSON-serialisable result of a benchmark run (docs/benchmark-format.md). Times in milliseconds.
// The report schema is a leaf: it imports nothing, so every feature (runner, budget gate, rollouts,
// exports, store, the extension) can depend on it without a cycle.

/** Bump when a field changes meaning or disappears; adding optional fields keeps the version. */
export const SCHEMA_VERSION = 1;

export type Mode = 'warm' | 'cold';
export type Phase = 'pull' | 'create' | 'start' | 'ready' | 'remove';
export const PHASES: readonly Phase[] = ['pull', 'create', 'start', 'ready', 'remove'];

/** A summary of samples as reported (stats.ts computes it; `stddev` is absent below two samples). */
export interface Stats {
	n: number;
	min: number;
	median: number;
	mean: number;
	p95: number;
	p99: number;
	max: number;
	/** Median absolute deviation from the median, unscaled. */
	mad: number;
	stddev?: number;
}

export interface ContainerTiming {
	round: number;
	index: number;
	/** From the round's start (for cold rounds: before the pull) to ready. */
	readyMs: number;
	phases: Partial<Record<Phase, number>>;
	/** When create and start were issued and the container was ready, ms from the round's start (rollout analysis). */
	at?: { create: number; start: number; ready: number };
}

/** Time to all ready, per-replica latency and peak concurrent starts (rollout/summary.ts computes them). */
export interface RolloutStats {
	replicas: number;
	/** Per round: ms from the round's start until the last replica was ready. */
	timeToAllReady: number[];
	timeToAllReadyStats: Stats;
	/** Each replica's own create -> ready time (the wait for its turn excluded). */
	replicaLatency: Stats;
	/** Per round: the most replicas between create and ready at one moment. */
	peakStarting: number[];
}

export interface ImageResult {
	/** What the user asked for (a reference or a build label). */
	image: string;
	/** Registry digest (repo@sha256:…) when the engine knows one, else the image id. */
	digest: string;
	imageId: string;
	concurrency: number;
	mode: Mode;
	/** Per-container ready latencies from the round's start, measured rounds only, in run order. */
	samples: number[];
	stats: Stats;
	/** Per-phase statistics over all measured containers (pull: once per round, cold mode only). */
	phases: Partial<Record<Phase, Stats>>;
	/** Per round: time until the last container was ready ("all started"). */
	rounds: number[];
	/** Cold mode: compressed bytes pulled per round. */
	pullBytes?: number[];
	/** Cold mode: layers downloaded per round (layers the engine already had are not counted). */
	pullLayers?: number[];
	/** Cold mode, when the run recorded them: unpacked bytes and files of the layers pulled per round (estimate calibration). */
	pullUnpackedBytes?: number[];
	pullFiles?: number[];
	containers: ContainerTiming[];
	warnings: string[];
	/** Stable key: digest + engine + settings + mode + concurrency (results store look-ups). */
	key: string;
	/** Rollout strategy (`all`, `batch:4`, `canary:2`) when the run compared strategies (rollout/, issue 8). */
	strategy?: string;
	/** Time to all ready, per-replica latency and peak concurrent starts, per round (rollout/summary.ts). */
	rollout?: RolloutStats;
}

export interface Comparison {
	baseline: string;
	candidate: string;
	concurrency: number;
	mode: Mode;
	/** median(candidate) - median(baseline); positive: the candidate is slower. */
	medianDiffMs: number;
	ci95: [number, number];
	/** medianDiffMs / median(baseline). */
	relative: number;
	verdict: 'faster' | 'slower' | 'within-noise';
	/** Rollout strategy both sides ran under, when strategies were compared. */
	strategy?: string;
}

/** The engine a run measured on, as the executor reports it. */
export interface EngineInfo {
	host: string;
	id: string;
	name: string;
	version: string;
	apiVersion: string;
	os: string;
	arch: string;
	storageDriver: string;
	cpus: number;
	memoryBytes: number;
}

export type EngineRecord = EngineInfo;

export interface SettingsRecord {
	concurrency: number[];
	runs: number;
	warmup: number;
	modes: Mode[];
	ready: string;
	cmd?: string[];
	timeoutMs: number;
	schedule: string;
	limits?: Record<string, unknown>;
	bootstrap: { resamples: number; seed: number };
}

export interface BenchmarkReport {
	schemaVersion: typeof SCHEMA_VERSION;
	tool: { name: 'patchlens'; version: string };
	runId: string;
	startedAt: string;
	finishedAt: string;
	status: 'complete' | 'cancelled' | 'failed';
	error?: string;
	engine: EngineRecord;
	settings: SettingsRecord;
	/** Images as resolved at the start of the run, in the order given (the first is the baseline). */
	images: { image: string; imageId: string; digest: string; source: 'local' | 'build'; layers: number; command?: string[] }[];
	results: ImageResult[];
	comparisons: Comparison[];
	warnings: string[];
	/** Startup budget verdict, when one was checked (budget.ts). */
	gate?: GateOutcome;
}

// ---------------------------------------------------------------- startup budget gate (budget/)

/**
 * regression: the interval lies entirely above the threshold (fail). within-noise: it straddles 0 or the
 * threshold. within-threshold: clearly slower, but clearly by less than the threshold. faster: entirely below 0.
 */
export type RegressionVerdict = 'regression' | 'within-noise' | 'within-threshold' | 'faster';

/** over-budget: the whole interval of the p95 lies above the limit (fail); within-noise: it straddles it. */
export type AbsoluteVerdict = 'over-budget' | 'within-noise' | 'within-budget';

export interface GateCheck {
	kind: 'regression' | 'absolute';
	pass: boolean;
	verdict: RegressionVerdict | AbsoluteVerdict;
	image: string;
	baseline?: string;
	concurrency: number;
	mode: string;
	strategy?: string;
	/** regression: the median difference; absolute: the p95. */
	valueMs: number;
	ci95: [number, number];
	/** regression: threshold in ms (fraction x baseline median); absolute: the limit. */
	limitMs: number;
	/** One line for people: what was measured, against what, and why it passes or fails. */
	line: string;
}

export interface GateOutcome {
	pass: boolean;
	checks: GateCheck[];
	/** One line: the decisive check (the first failure, else the closest call). */
	summary: string;
	/** Budget parts that found nothing to check (e.g. no result at the budget's concurrency). */
	unchecked: string[];
}

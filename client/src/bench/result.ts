// The JSON-serialisable result of a benchmark run (docs/benchmark-format.md). Times in milliseconds.
import type { EngineInfo } from './executor';
import type { GateOutcome } from './budget';
import type { RolloutStats } from './rollout/summary';
import type { Summary } from './stats';

/** Bump when a field changes meaning or disappears; adding optional fields keeps the version. */
export const SCHEMA_VERSION = 1;

export type Mode = 'warm' | 'cold';
export type Phase = 'pull' | 'create' | 'start' | 'ready' | 'remove';
export const PHASES: readonly Phase[] = ['pull', 'create', 'start', 'ready', 'remove'];

export type Stats = Pick<Summary, 'min' | 'median' | 'mean' | 'p95' | 'p99' | 'max' | 'mad'> & { n: number; stddev?: number };

export interface ContainerTiming {
	round: number;
	index: number;
	/** From the round's start (for cold rounds: before the pull) to ready. */
	readyMs: number;
	phases: Partial<Record<Phase, number>>;
	/** When create and start were issued and the container was ready, ms from the round's start (rollout analysis). */
	at?: { create: number; start: number; ready: number };
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
	images: { image: string; imageId: string; digest: string; source: 'local' | 'build'; layers: number }[];
	results: ImageResult[];
	comparisons: Comparison[];
	warnings: string[];
	/** Startup budget verdict, when one was checked (budget.ts). */
	gate?: GateOutcome;
}

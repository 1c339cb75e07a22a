// What the report webview shows: the benchmark results file, as JSON (the engine's format), plus a
// few facts for the header. Structural types only, no imports: the webview script (client/webview)
// compiles this file too, in a DOM-only project.

export interface ReportStats {
	min: number;
	median: number;
	mean: number;
	p95: number;
	p99: number;
	max: number;
	mad: number;
}

export interface ReportResult {
	image: string;
	digest?: string;
	concurrency: number;
	/** `warm` (image present) or `cold` (pulled first); other modes are shown as they are named. */
	mode: string;
	/** Startup times in ms, one per container. */
	samples: number[];
	stats: ReportStats;
	/** Median ms per phase (create, start, ready, ...), or a summary per phase. */
	phases?: Record<string, number | { median: number }>;
	/** Cold runs: compressed bytes pulled, per round (or one figure). */
	pullBytes?: number | number[];
}

export interface ReportComparison {
	baseline: string;
	candidate: string;
	concurrency: number;
	mode: string;
	/** median(candidate) - median(baseline): negative means the candidate starts faster. */
	medianDiffMs: number;
	ci95: [number, number];
	relative: number;
	verdict: string;
}

/** One phase of a swarm rollout (deploy, canary, update, rollback), times in ms from its start. */
export interface ReportRolloutPhase {
	kind: string;
	outcome: string;
	image: string;
	convergedMs?: number;
	minReady: number;
	minReadyForMs: number;
	stopMs?: number;
	graceHits: number;
	stops: number;
	availability: { tMs: number; ready: number }[];
	tasks: { slot: number; node: string; image: string; state: string; phases: Partial<Record<string, number>> }[];
}

/** The last `Roll Out the Bump on a Swarm` (rollout JSON, reduced to what the page draws). */
export interface ReportRollout {
	image: string;
	candidate: string;
	replicas: number;
	/** e.g. `parallelism 2, stop-first`. */
	policy: string;
	engine: string;
	measuredAt: string;
	phases: ReportRolloutPhase[];
}

export interface ReportData {
	results: ReportResult[];
	comparisons: ReportComparison[];
	rollout?: ReportRollout;
	/** ISO time the results were measured. */
	measuredAt?: string;
	/** Where they came from, e.g. the Dockerfile or engine address. */
	source?: string;
}

/** Messages from the webview to the extension. */
export type ReportRequest =
	| { type: 'ready' }
	| { type: 'export'; format: 'json' | 'csv' | 'markdown' }
	| { type: 'rerun' };

/** Messages from the extension to the webview. */
export type ReportUpdate = { type: 'data'; report: ReportData | undefined };

/** Bytes a cold round pulls: the median over rounds when there are several. */
export function pulledBytes(value: number | number[] | undefined): number | undefined {
	if (typeof value === 'number') return value;
	if (!value?.length) return undefined;
	const sorted = [...value].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

export function phaseMedian(value: number | { median: number }): number {
	return typeof value === 'number' ? value : value.median;
}

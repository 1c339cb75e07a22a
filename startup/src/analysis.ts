// Raw timings -> per-image results with statistics and warnings, and image-vs-baseline comparisons.
import { createHash } from 'node:crypto';
import type { Comparison, ContainerTiming, ImageResult, Mode, Phase, Stats } from './result';
import { PHASES } from './result';
import { bootstrapMedianDifference, firstRunSlow, median, outlierIndices, summarize } from './stats';

export function toStats(xs: readonly number[]): Stats {
	const s = summarize(xs);
	const stats: Stats = { n: s.n, min: s.min, median: s.median, mean: s.mean, p95: s.p95, p99: s.p99, max: s.max, mad: s.mad };
	if (s.stddev !== undefined) stats.stddev = s.stddev;
	return stats;
}

export interface PullTiming {
	ms: number;
	bytes: number;
	layers: number;
	/** Exact figures of the layers this pull downloaded, when the engine could say (estimate calibration). */
	unpackedBytes?: number;
	files?: number;
}

export interface MeasuredLevel {
	image: string;
	digest: string;
	imageId: string;
	concurrency: number;
	mode: Mode;
	containers: ContainerTiming[];
	/** Cold mode: pull time, bytes and layers per measured round. */
	pulls?: PullTiming[];
	warnings?: string[];
	/** Engine + settings identity (results store key part). */
	contextKey: string;
}

export function resultKey(digest: string, contextKey: string, mode: Mode, concurrency: number): string {
	return createHash('sha256').update([digest, contextKey, mode, concurrency].join('\n')).digest('hex').slice(0, 24);
}

export function analyseLevel(level: MeasuredLevel): ImageResult {
	const samples = level.containers.map(c => c.readyMs);
	const byRound = new Map<number, number[]>();
	for (const c of level.containers) byRound.set(c.round, [...(byRound.get(c.round) ?? []), c.readyMs]);
	const rounds = [...byRound.keys()].sort((a, b) => a - b).map(r => Math.max(...byRound.get(r)!));
	const phases: Partial<Record<Phase, Stats>> = {};
	for (const phase of PHASES) {
		const values = phase === 'pull' ? (level.pulls ?? []).map(p => p.ms) : level.containers.flatMap(c => (c.phases[phase] === undefined ? [] : [c.phases[phase]!]));
		if (values.length) phases[phase] = toStats(values);
	}
	const warnings = [...(level.warnings ?? [])];
	const outliers = outlierIndices(samples);
	if (outliers.length) {
		warnings.push(`${outliers.length} of ${samples.length} samples are statistical outliers (modified z-score > 3.5); other processes may have disturbed the run — rerun on a quiet machine or with more runs`);
	}
	const roundMedians = [...byRound.keys()].sort((a, b) => a - b).map(r => median(byRound.get(r)!));
	if (firstRunSlow(roundMedians)) {
		warnings.push('the first round was significantly slower than the rest (caches, engine warm-up); consider more --warmup rounds');
	}
	const result: ImageResult = {
		image: level.image, digest: level.digest, imageId: level.imageId, concurrency: level.concurrency, mode: level.mode,
		samples, stats: toStats(samples), phases, rounds, containers: level.containers, warnings,
		key: resultKey(level.digest, level.contextKey, level.mode, level.concurrency),
	};
	if (level.pulls) {
		result.pullBytes = level.pulls.map(p => p.bytes);
		result.pullLayers = level.pulls.map(p => p.layers);
		// Both or neither, and only when every round has them: calibration pairs them with pullBytes by index.
		if (level.pulls.length && level.pulls.every(p => p.unpackedBytes !== undefined && p.files !== undefined)) {
			result.pullUnpackedBytes = level.pulls.map(p => p.unpackedBytes!);
			result.pullFiles = level.pulls.map(p => p.files!);
		}
	}
	return result;
}

/** Every image against the first one (the baseline), per mode and concurrency level. */
export function compareResults(results: readonly ImageResult[], bootstrap: { resamples: number; seed: number }): Comparison[] {
	if (!results.length) return [];
	const baselineImage = results[0].image;
	const comparisons: Comparison[] = [];
	for (const baseline of results.filter(r => r.image === baselineImage)) {
		for (const candidate of results) {
			if (candidate.image === baselineImage || candidate.mode !== baseline.mode || candidate.concurrency !== baseline.concurrency) continue;
			if (!baseline.samples.length || !candidate.samples.length) continue;
			const d = bootstrapMedianDifference(baseline.samples, candidate.samples, bootstrap);
			comparisons.push({
				baseline: baseline.image, candidate: candidate.image, concurrency: baseline.concurrency, mode: baseline.mode,
				medianDiffMs: d.diff, ci95: d.ci95, relative: d.relative, verdict: d.verdict,
			});
		}
	}
	return comparisons;
}

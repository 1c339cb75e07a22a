// Pure benchmark statistics (no I/O): summaries, MAD-based outliers and seeded bootstraps (the
// difference of medians; a percentile's interval for budgets). Follows hyperfine's choices (median/MAD,
// modified z-scores, first-run warning).
import { seededRandom } from './random';
import type { Stats } from './result';

/** The report's statistics (result.ts), with `stddev` always present: undefined for fewer than two samples. */
export type Summary = Omit<Stats, 'stddev'> & { stddev: number | undefined };

/** Iglewicz & Hoaglin: |M| above 3.5 marks an outlier. */
export const OUTLIER_Z = 3.5;

function sorted(xs: readonly number[]): number[] {
	return [...xs].sort((a, b) => a - b);
}

/** Percentile by linear interpolation between closest ranks (numpy's default, R type 7). p in [0, 100]. */
export function percentile(xs: readonly number[], p: number): number {
	if (!xs.length) return NaN;
	return percentileOfSorted(sorted(xs), p);
}

function percentileOfSorted(s: readonly number[], p: number): number {
	if (s.length === 1) return s[0];
	const rank = (Math.min(100, Math.max(0, p)) / 100) * (s.length - 1);
	const lo = Math.floor(rank);
	const hi = Math.ceil(rank);
	return s[lo] + (s[hi] - s[lo]) * (rank - lo);
}

export function median(xs: readonly number[]): number {
	return percentile(xs, 50);
}

export function mean(xs: readonly number[]): number {
	if (!xs.length) return NaN;
	let sum = 0;
	for (const x of xs) sum += x;
	return sum / xs.length;
}

export function stddev(xs: readonly number[]): number | undefined {
	if (xs.length < 2) return undefined;
	const m = mean(xs);
	let sq = 0;
	for (const x of xs) sq += (x - m) ** 2;
	return Math.sqrt(sq / (xs.length - 1));
}

export function mad(xs: readonly number[]): number {
	if (!xs.length) return NaN;
	const m = median(xs);
	return median(xs.map(x => Math.abs(x - m)));
}

export function summarize(xs: readonly number[]): Summary {
	const s = sorted(xs);
	return {
		n: s.length,
		min: s.length ? s[0] : NaN,
		median: percentileOfSorted(s, 50),
		mean: mean(s),
		p95: percentileOfSorted(s, 95),
		p99: percentileOfSorted(s, 99),
		max: s.length ? s[s.length - 1] : NaN,
		mad: mad(s),
		stddev: stddev(s),
	};
}

/**
 * Modified z-scores M = 0.6745 (x - median) / MAD. When MAD is 0 (more than half the samples equal),
 * any sample off the median is infinitely far and every sample on it scores 0.
 */
export function modifiedZScores(xs: readonly number[]): number[] {
	const m = median(xs);
	const d = mad(xs);
	return xs.map(x => {
		if (d > 0) return 0.6745 * (x - m) / d;
		return x === m ? 0 : (x > m ? Infinity : -Infinity);
	});
}

export function outlierIndices(xs: readonly number[], threshold = OUTLIER_Z): number[] {
	if (xs.length < 3) return [];
	return modifiedZScores(xs).flatMap((z, i) => (Math.abs(z) > threshold ? [i] : []));
}

/**
 * hyperfine's first-run warning, per round: the first round's value is an outlier on the slow side
 * among all rounds (caches, lazy engine set-up). Needs at least three rounds to say anything.
 */
export function firstRunSlow(roundValues: readonly number[], threshold = OUTLIER_Z): boolean {
	if (roundValues.length < 3) return false;
	return modifiedZScores(roundValues)[0] > threshold;
}

export interface MedianDifference {
	/** median(candidate) - median(baseline): positive means the candidate is slower. */
	diff: number;
	ci95: [number, number];
	/** diff / median(baseline); NaN when the baseline median is 0. */
	relative: number;
	verdict: 'faster' | 'slower' | 'within-noise';
}

export interface BootstrapOptions {
	resamples?: number;
	seed?: number;
}

function resampleMedian(xs: readonly number[], rand: () => number): number {
	const pick = new Array<number>(xs.length);
	for (let i = 0; i < xs.length; i++) pick[i] = xs[Math.floor(rand() * xs.length)];
	return median(pick);
}

/** Percentile bootstrap of the difference of medians between two independent samples. */
export function bootstrapMedianDifference(baseline: readonly number[], candidate: readonly number[], options: BootstrapOptions = {}): MedianDifference {
	if (!baseline.length || !candidate.length) throw new RangeError('bootstrap needs samples on both sides');
	const resamples = options.resamples ?? 2000;
	const rand = seededRandom(options.seed ?? 0x5eed);
	const diffs = new Array<number>(resamples);
	for (let r = 0; r < resamples; r++) diffs[r] = resampleMedian(candidate, rand) - resampleMedian(baseline, rand);
	const s = sorted(diffs);
	const ci95: [number, number] = [percentileOfSorted(s, 2.5), percentileOfSorted(s, 97.5)];
	const base = median(baseline);
	const diff = median(candidate) - base;
	const verdict = ci95[0] > 0 ? 'slower' : ci95[1] < 0 ? 'faster' : 'within-noise';
	return { diff, ci95, relative: base === 0 ? NaN : diff / base, verdict };
}

/** Percentile bootstrap interval of a sample's p-th percentile (seeded: the same samples give the same interval). */
export function bootstrapPercentileCi(samples: readonly number[], p: number, options: { resamples?: number; seed?: number } = {}): [number, number] {
	if (!samples.length) return [NaN, NaN];
	const resamples = options.resamples ?? 2000;
	const rand = seededRandom(options.seed ?? 0x5eed);
	const values = new Array<number>(resamples);
	const pick = new Array<number>(samples.length);
	for (let r = 0; r < resamples; r++) {
		for (let i = 0; i < samples.length; i++) pick[i] = samples[Math.floor(rand() * samples.length)];
		values[r] = percentile(pick, p);
	}
	return [percentile(values, 2.5), percentile(values, 97.5)];
}

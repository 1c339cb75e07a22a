// Known inputs -> known outputs for the benchmark statistics (values worked out by hand or from the
// reference definitions: numpy's linear percentile, Iglewicz-Hoaglin z-scores, mulberry32).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bootstrapMedianDifference, firstRunSlow, mad, median, modifiedZScores, outlierIndices, percentile, stddev, summarize } from '../../startup/src/stats';
import { seededRandom } from '../../startup/src/random';

const close = (actual: number, expected: number, eps = 1e-9) => assert.ok(Math.abs(actual - expected) <= eps, `${actual} ≠ ${expected}`);

describe('summaries', () => {
	it('summarises 1..10 like numpy (linear interpolation between ranks)', () => {
		const s = summarize([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
		assert.equal(s.n, 10);
		assert.equal(s.min, 1);
		assert.equal(s.max, 10);
		assert.equal(s.median, 5.5);
		assert.equal(s.mean, 5.5);
		close(s.p95, 9.55); // rank 0.95 * 9 = 8.55 -> 9 + 0.55
		close(s.p99, 9.91);
		assert.equal(s.mad, 2.5); // |x - 5.5| = 0.5, 0.5, 1.5, 1.5, … 4.5 -> median 2.5
		close(s.stddev!, Math.sqrt(82.5 / 9));
	});

	it('handles tiny and even-sized samples', () => {
		assert.equal(median([3]), 3);
		assert.equal(median([4, 1, 3, 2]), 2.5);
		assert.equal(percentile([7], 99), 7);
		assert.equal(percentile([1, 2], 0), 1);
		assert.equal(percentile([1, 2], 100), 2);
		assert.equal(stddev([5]), undefined);
		close(stddev([2, 4, 4, 4, 5, 5, 7, 9])!, Math.sqrt(32 / 7));
		assert.equal(summarize([42]).stddev, undefined);
		assert.ok(Number.isNaN(summarize([]).median));
	});

	it('computes the unscaled median absolute deviation', () => {
		assert.equal(mad([1, 1, 2, 2, 4, 6, 9]), 1); // deviations 1,1,0,0,2,4,7
		assert.equal(mad([5, 5, 5]), 0);
	});
});

describe('outliers', () => {
	it('scores with M = 0.6745 (x - median) / MAD and flags |M| > 3.5', () => {
		const z = modifiedZScores([1, 1, 2, 2, 4, 6, 9]);
		[-0.6745, -0.6745, 0, 0, 1.349, 2.698, 4.7215].forEach((expected, i) => close(z[i], expected));
		assert.deepEqual(outlierIndices([1, 1, 2, 2, 4, 6, 9]), [6]);
		assert.deepEqual(outlierIndices([10, 11, 12, 11, 10]), []);
	});

	it('treats any deviation as extreme when MAD is 0, and needs three samples', () => {
		assert.deepEqual(outlierIndices([5, 5, 5, 5, 9]), [4]);
		assert.deepEqual(outlierIndices([1, 100]), []);
	});

	it('warns when the first round is slow, not when a later one is', () => {
		assert.equal(firstRunSlow([500, 100, 102, 98, 101]), true);
		assert.equal(firstRunSlow([100, 500, 102, 98, 101]), false);
		assert.equal(firstRunSlow([90, 100, 102, 98, 101]), false); // fast first round is not a warning
		assert.equal(firstRunSlow([500, 100]), false);
	});
});

describe('bootstrap of the difference of medians', () => {
	it('uses mulberry32, reproducible per seed', () => {
		const r = seededRandom(1);
		close(r(), 0.6270739405881613);
		close(r(), 0.002735721180215478);
		const a = seededRandom(7), b = seededRandom(7), c = seededRandom(8);
		const xs = [a(), a(), a()];
		assert.deepEqual(xs, [b(), b(), b()]);
		assert.notDeepEqual(xs, [c(), c(), c()]);
		assert.ok(xs.every(x => x >= 0 && x < 1));
	});

	it('is exact for constant samples', () => {
		assert.deepEqual(bootstrapMedianDifference([10, 10, 10], [20, 20, 20]), { diff: 10, ci95: [10, 10], relative: 1, verdict: 'slower' });
		assert.deepEqual(bootstrapMedianDifference([20, 20], [10, 10, 10]), { diff: -10, ci95: [-10, -10], relative: -0.5, verdict: 'faster' });
	});

	it('separates a clear shift from noise', () => {
		const base = [100, 102, 98, 101, 99, 103, 97, 100];
		const slower = bootstrapMedianDifference(base, base.map(x => x + 50));
		assert.equal(slower.diff, 50);
		assert.equal(slower.verdict, 'slower');
		assert.ok(slower.ci95[0] > 40 && slower.ci95[1] < 60, String(slower.ci95));
		assert.equal(slower.relative, 0.5);
		const noise = bootstrapMedianDifference(base, base.map(x => x + 1));
		assert.equal(noise.verdict, 'within-noise');
		assert.ok(noise.ci95[0] < 0 && noise.ci95[1] > 0);
		assert.equal(bootstrapMedianDifference(base.map(x => x + 50), base).verdict, 'faster');
	});

	it('gives the same interval for the same seed and a different one for another seed', () => {
		const base = [5, 9, 7, 12, 6, 8, 10, 11, 4];
		const cand = [7, 12, 9, 14, 8, 6, 13, 10, 9];
		const one = bootstrapMedianDifference(base, cand, { seed: 3 });
		assert.deepEqual(bootstrapMedianDifference(base, cand, { seed: 3 }), one);
		assert.notDeepEqual(bootstrapMedianDifference(base, cand, { seed: 4, resamples: 500 }).ci95, one.ci95);
		assert.throws(() => bootstrapMedianDifference([], [1]), RangeError);
	});
});

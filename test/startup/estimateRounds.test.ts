// When is a warm difference between two images "clear"? Rounds, not containers, are the independent unit
// (containers of one round share its load): an exact test on per-round medians decides, and the bench's
// warm-delta sign check uses it (issue 14).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clearWarmSign, type LevelMeasurement } from '../../bench/estimateJudge';
import { clearSign, permutationPValue, roundMedians, smallestPValue } from '../../startup/src/estimate/roundTest';

const level = (over: Partial<LevelMeasurement> = {}): LevelMeasurement => ({
	concurrency: 4, coldMedianMs: 1000, pulls: [0, 1, 2].map(() => ({ ms: 500, bytes: 1, layers: 1 })), warm: [],
	// The pooled container bootstrap of the rebuilt-base pair: "clear" −181 ms between identical contents.
	warmDelta: { medianDiffMs: -181, ci95: [-252, -46] }, ...over,
});

describe('clear warm differences from round medians (issue 14)', () => {
	it('gives exact permutation p-values; three rounds a side can never reach 5 %', () => {
		assert.equal(permutationPValue([1, 2, 3], [4, 5, 6]), 0.1);
		assert.equal(permutationPValue([1, 2, 3], [1, 2, 3]), 1);
		assert.equal(smallestPValue(3, 3), 0.1);
		assert.equal(smallestPValue(4, 4), 2 / 70);
		assert.equal(clearSign([100, 110, 120], [900, 950, 1000]), 0);
	});

	it('calls a clear difference with enough rounds, with its sign, and not an overlapping one', () => {
		assert.equal(clearSign([100, 110, 120, 130, 125], [200, 210, 190, 205, 215]), 1);
		assert.equal(clearSign([200, 210, 190, 205, 215], [100, 110, 120, 130, 125]), -1);
		assert.equal(clearSign([100, 210, 120, 205, 125], [200, 110, 190, 130, 215]), 0);
	});

	it('draws relabellings instead of listing them when rounds are many, and agrees with the exact test', () => {
		// 16 rounds a side: C(32, 16) = 6·10⁸ splits, listed they ran the bench out of memory.
		const base = Array.from({ length: 16 }, (_, i) => 140 + ((i * 7) % 11));
		assert.ok(permutationPValue(base, base.map(x => x + 15)) < 0.001);
		assert.ok(permutationPValue(base, [...base].reverse()) > 0.9);
		assert.equal(clearSign(base, base.map(x => x + 15)), 1);
		// 8 a side (12,870 splits): drawn and listed p-values within sampling error of each other.
		const a = [131, 151, 154, 163, 129, 163, 140, 150], b = [133, 117, 131, 144, 136, 154, 128, 139];
		const exact = permutationPValue(a, b), drawn = permutationPValue(a, b, 0);
		assert.ok(Math.abs(exact - drawn) < 0.01, `exact ${exact}, drawn ${drawn}`);
	});

	it('takes each round\'s median container', () => {
		const c = (round: number, readyMs: number) => ({ round, readyMs });
		assert.deepEqual(roundMedians([c(0, 10), c(0, 30), c(0, 20), c(1, 5), c(1, 7)]), [20, 6]);
	});

	it('judges the bench\'s warm sign from rounds when saved, never from a pooled CI over 3 rounds', () => {
		assert.equal(clearWarmSign(level(), 'cur', 'new'), 0);
		const five = level({ pulls: [0, 1, 2, 3, 4].map(() => ({ ms: 500, bytes: 1, layers: 1 })) });
		assert.equal(clearWarmSign(five, 'cur', 'new'), -1);
		const rounds = level({ warmRounds: [{ image: 'cur', roundMedians: [300, 310, 305, 320] }, { image: 'new', roundMedians: [400, 410, 420, 405] }] });
		assert.equal(clearWarmSign(rounds, 'cur', 'new'), 1);
	});
});

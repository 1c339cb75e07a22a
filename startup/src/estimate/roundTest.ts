// Is a warm difference between two images clear? Containers started in the same round share that round's load
// (and at N > 1 contend with each other), so they are not independent samples: a bootstrap over containers
// pools 3 rounds × 4 containers as 12 draws and calls load drift a difference (−181 ms between two images of
// identical content). The independent unit is the round: a two-sided permutation test on per-round medians
// (exact for small round counts). With 3 rounds a side no split is rarer than 2 in 20, so nothing is "clear" at 5 % — as it should be.
import { seededRandom } from '../random';
import { median } from '../stats';

/** Above this many splits the test draws random relabellings instead of listing them (C(32, 16) is 6·10⁸). */
const EXACT_SPLITS = 200_000;
const DRAWS = 20_000;

/** Calls `visit` with the sum of every way to choose k of all[0..n-1]; no split is stored. */
function eachSplitSum(all: readonly number[], n: number, k: number, sum: number, visit: (sum: number) => void): void {
	if (k === 0) { visit(sum); return; }
	if (n < k) return;
	eachSplitSum(all, n - 1, k - 1, sum + all[n - 1], visit);
	eachSplitSum(all, n - 1, k, sum, visit);
}

/**
 * Two-sided p-value of the difference of means of `a` and `b` under random relabelling: exact while the splits
 * are few enough to list, else from DRAWS seeded random relabellings ((1 + as extreme) / (1 + draws), never 0).
 */
export function permutationPValue(a: readonly number[], b: readonly number[], exactSplits = EXACT_SPLITS): number {
	if (!a.length || !b.length) return 1;
	const all = [...a, ...b];
	const total = all.reduce((s, x) => s + x, 0);
	const gap = (sumA: number) => Math.abs(sumA / a.length - (total - sumA) / b.length);
	const observed = gap(a.reduce((s, x) => s + x, 0)) - 1e-9;
	let asExtreme = 0, splits = 0;
	if (splitCount(a.length, b.length) <= exactSplits) {
		eachSplitSum(all, all.length, a.length, 0, sum => { splits++; if (gap(sum) >= observed) asExtreme++; });
		return asExtreme / splits;
	}
	const random = seededRandom(1);
	const pool = [...all];
	for (let d = 0; d < DRAWS; d++) {
		let sum = 0;
		// A partial Fisher–Yates shuffle: the first a.length places are a uniform random split.
		for (let i = 0; i < a.length; i++) {
			const j = i + Math.floor(random() * (pool.length - i));
			[pool[i], pool[j]] = [pool[j], pool[i]];
			sum += pool[i];
		}
		if (gap(sum) >= observed) asExtreme++;
	}
	return (1 + asExtreme) / (1 + DRAWS);
}

/** Per-round medians of container ready times (the independent observations of one image at one level). */
export function roundMedians(containers: readonly { round: number; readyMs: number }[]): number[] {
	const rounds = [...new Set(containers.map(c => c.round))];
	return rounds.map(r => median(containers.filter(c => c.round === r).map(c => c.readyMs)));
}

/** A clear difference at 5 %: the sign of `b − a` when the round-level test rejects "no difference", else 0. */
export function clearSign(a: readonly number[], b: readonly number[], alpha = 0.05): -1 | 0 | 1 {
	if (permutationPValue(a, b) > alpha) return 0;
	return Math.sign(median(b) - median(a)) as -1 | 0 | 1;
}

/** How many ways n of n + m rounds can be labelled the first image's: C(n + m, n). */
function splitCount(n: number, m: number): number {
	let splits = 1;
	for (let i = 1; i <= n; i++) splits = splits * (m + i) / i;
	return splits;
}

/** The smallest two-sided p-value any exact test on n and m rounds can reach (the two most extreme splits). */
export function smallestPValue(n: number, m: number): number {
	return Math.min(1, 2 / splitCount(n, m));
}

// Is a warm difference between two images clear? Containers started in the same round share that round's load
// (and at N > 1 contend with each other), so they are not independent samples: a bootstrap over containers
// pools 3 rounds × 4 containers as 12 draws and calls load drift a difference (−181 ms between two images of
// identical content). The independent unit is the round: an exact two-sided permutation test on per-round
// medians. With 3 rounds a side no split is rarer than 2 in 20, so nothing is "clear" at 5 % — as it should be.
import { median } from '../stats';

/** Every way to choose k of the indices 0..n-1 (n ≤ ~20: the caller's round counts are small). */
function combinations(n: number, k: number): number[][] {
	if (k === 0) return [[]];
	if (n < k) return [];
	return [...combinations(n - 1, k - 1).map(c => [...c, n - 1]), ...combinations(n - 1, k)];
}

/** Exact two-sided p-value of the difference of means of `a` and `b` under random relabelling. */
export function permutationPValue(a: readonly number[], b: readonly number[]): number {
	if (!a.length || !b.length) return 1;
	const all = [...a, ...b];
	const total = all.reduce((s, x) => s + x, 0);
	const gap = (sumA: number) => Math.abs(sumA / a.length - (total - sumA) / b.length);
	const observed = gap(a.reduce((s, x) => s + x, 0));
	const splits = combinations(all.length, a.length);
	const asExtreme = splits.filter(c => gap(c.reduce((s, i) => s + all[i], 0)) >= observed - 1e-9).length;
	return asExtreme / splits.length;
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

/** The smallest two-sided p-value any exact test on n and m rounds can reach (the two most extreme splits). */
export function smallestPValue(n: number, m: number): number {
	let splits = 1;
	for (let i = 1; i <= n; i++) splits = splits * (m + i) / i;
	return Math.min(1, 2 / splits);
}

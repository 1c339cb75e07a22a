// The benchmark's defaults and limits, in one place: `patchlens bench` options, the extension's
// `patchlens.benchmark.*` settings (package.json, checked by test/startup/defaults.test.ts) and budget
// parsing all read them, so the CLI and the editor measure the same thing by default.

/** An inclusive integer range. */
export interface IntRange { min: number; max: number }

/**
 * Containers started at once: 1-256. Above 256 one engine mostly measures its own queueing, and the
 * level also names budgets (`2s@16`) and code lenses.
 */
export const CONCURRENCY: IntRange = { min: 1, max: 256 };
/** Measured rounds per image and level. */
export const RUNS: IntRange = { min: 1, max: 100 };
/** Discarded warm-up rounds. */
export const WARMUP: IntRange = { min: 0, max: 20 };

export const DEFAULTS = {
	concurrency: [1, 4, 16] as readonly number[],
	runs: 5,
	warmup: 1,
	/** Time limit for one container to become ready. */
	timeoutSeconds: 60,
	/** The level the code lenses show (one of the default levels, so a default run feeds them). */
	lensConcurrency: 16,
} as const;

export function inRange(n: number, range: IntRange): boolean {
	return Number.isInteger(n) && n >= range.min && n <= range.max;
}

/** Rounds to an integer and clamps into the range; a value that is not a number becomes the minimum. */
export function clampToRange(value: number, range: IntRange): number {
	return Number.isFinite(value) ? Math.min(range.max, Math.max(range.min, Math.round(value))) : range.min;
}

/** `1-256`, as messages print a range. */
export function describeRange(range: IntRange): string {
	return `${range.min}-${range.max}`;
}

// Startup budgets as written on the command line and in `.patchlens.yaml`: `10%` (regression threshold),
// `2s@16` (p95 at 16 containers under 2 s), and how the two sources combine (docs/budget.md).
import { CONCURRENCY, describeRange, inRange } from '../defaults';

/** The p95 of per-container ready latency at `concurrency` containers must stay under `limitMs`. */
export interface AbsoluteBudget {
	limitMs: number;
	concurrency: number;
	/** As written, for messages (`2s@16`). */
	text: string;
}

export interface Budget {
	/** Fraction (0.1 = 10 %) by which a candidate's median may exceed the baseline's. */
	regression?: number;
	absolute?: AbsoluteBudget[];
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** `10%`, `12.5 %` -> 0.1, 0.125. A bare number is refused: 10 and 0.1 would both be plausible. */
export function parseRegression(text: string): Parsed<number> {
	const m = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(text);
	if (!m) return { ok: false, error: `invalid regression threshold "${text}" (expected a percentage, e.g. 10%)` };
	const value = Number(m[1]) / 100;
	if (value <= 0) return { ok: false, error: `regression threshold must be above 0 % (got ${text})` };
	return { ok: true, value };
}

/** `2s`, `1.5 s`, `800ms` -> milliseconds. */
export function parseDuration(text: string): Parsed<number> {
	const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s)\s*$/.exec(text);
	if (!m) return { ok: false, error: `invalid duration "${text}" (expected e.g. 2s or 800ms)` };
	const value = Number(m[1]) * (m[2] === 's' ? 1000 : 1);
	return value > 0 ? { ok: true, value } : { ok: false, error: `duration must be above 0 (got ${text})` };
}

/** `2s@16`: p95 at 16 concurrent containers under 2 s. */
export function parseAbsoluteBudget(text: string): Parsed<AbsoluteBudget> {
	const at = text.lastIndexOf('@');
	if (at < 0) return { ok: false, error: `invalid budget "${text}" (expected DURATION@CONTAINERS, e.g. 2s@16: p95 at 16 containers under 2 s)` };
	const limit = parseDuration(text.slice(0, at));
	if (!limit.ok) return { ok: false, error: `invalid budget "${text}": ${limit.error}` };
	const n = Number(text.slice(at + 1).trim());
	if (!inRange(n, CONCURRENCY)) return { ok: false, error: `invalid budget "${text}": expected ${describeRange(CONCURRENCY)} containers after @` };
	return { ok: true, value: { limitMs: limit.value, concurrency: n, text: text.trim() } };
}

/** Command-line values win over the file's, key by key. */
export function mergeBudgets(file: Budget, cli: Budget): Budget {
	const merged: Budget = { ...file };
	if (cli.regression !== undefined) merged.regression = cli.regression;
	if (cli.absolute?.length) merged.absolute = cli.absolute;
	return merged;
}

export function isEmptyBudget(budget: Budget): boolean {
	return budget.regression === undefined && !budget.absolute?.length;
}

/** The levels a budget needs measured, so the CLI can add them to --concurrency. */
export function budgetLevels(budget: Budget): number[] {
	return [...new Set((budget.absolute ?? []).map(b => b.concurrency))];
}

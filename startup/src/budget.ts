// Startup budgets: a benchmark as a patch gate. Parses `10%` / `2s@16`, reads `budget:` from
// `.patchlens.yaml` next to a Dockerfile, and decides pass/fail from a finished report. A gate fails only
// on a statistically clear miss: the whole bootstrap 95 % interval lies beyond the threshold. Pure except
// for loadBudgetConfig (file I/O), so the CLI, the extension and tests decide alike (docs/budget.md).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { ms, pct, signed } from './format';
import type { AbsoluteVerdict, BenchmarkReport, Comparison, GateCheck, GateOutcome, ImageResult, RegressionVerdict } from './result';
import { bootstrapPercentileCi } from './stats';

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
	if (!Number.isInteger(n) || n < 1 || n > 256) return { ok: false, error: `invalid budget "${text}": expected 1-256 containers after @` };
	return { ok: true, value: { limitMs: limit.value, concurrency: n, text: text.trim() } };
}

// ---------------------------------------------------------------- config file

export const CONFIG_NAMES = ['.patchlens.yaml', '.patchlens.yml'];

export interface BudgetConfig {
	/** The file read, or undefined when there is none next to the Dockerfile. */
	file?: string;
	budget: Budget;
}

/** Parses a `.patchlens.yaml` text; only the `budget` key is read here, other keys are left to their owners. */
export function parseBudgetConfig(text: string): Parsed<Budget> {
	const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
	if (doc.errors.length) return { ok: false, error: `invalid YAML: ${doc.errors[0].message.split('\n')[0]}` };
	const root = doc.contents;
	if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return { ok: true, value: {} };
	if (!isMap(root)) return { ok: false, error: 'expected a mapping of keys (e.g. budget: {regression: 10%})' };
	const node = root.get('budget', true) as Node | undefined;
	if (node === undefined || (isScalar(node) && node.value === null)) return { ok: true, value: {} };
	if (!isMap(node)) return { ok: false, error: 'budget must be a mapping, e.g. budget: {regression: 10%, absolute: 2s@16}' };
	const budget: Budget = {};
	for (const pair of node.items) {
		const key = isScalar(pair.key) ? String(pair.key.value) : '';
		const value = pair.value as Node | null;
		if (key === 'regression') {
			const raw = isScalar(value) ? value.value : undefined;
			if (typeof raw === 'number') return { ok: false, error: `budget.regression: write it as a percentage, e.g. ${raw}% ` };
			const parsed = parseRegression(String(raw ?? ''));
			if (!parsed.ok) return { ok: false, error: `budget.regression: ${parsed.error}` };
			budget.regression = parsed.value;
		} else if (key === 'absolute') {
			const items = isSeq(value) ? value.items as Node[] : [value];
			budget.absolute = [];
			for (const item of items) {
				const parsed = parseAbsoluteBudget(isScalar(item) ? String(item.value) : '');
				if (!parsed.ok) return { ok: false, error: `budget.absolute: ${parsed.error}` };
				budget.absolute.push(parsed.value);
			}
		} else {
			return { ok: false, error: `budget: unknown key "${key}" (expected regression, absolute)` };
		}
	}
	return { ok: true, value: budget };
}

/** Reads `.patchlens.yaml` next to the Dockerfile. A broken file is an error: a gate must not silently vanish. */
export async function loadBudgetConfig(dockerfile: string): Promise<Parsed<BudgetConfig>> {
	const dir = path.dirname(path.resolve(dockerfile));
	for (const name of CONFIG_NAMES) {
		const file = path.join(dir, name);
		let text: string;
		try {
			text = await fs.readFile(file, 'utf8');
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
			return { ok: false, error: `cannot read ${file}: ${(error as Error).message}` };
		}
		const parsed = parseBudgetConfig(text);
		return parsed.ok ? { ok: true, value: { file, budget: parsed.value } } : { ok: false, error: `${file}: ${parsed.error}` };
	}
	return { ok: true, value: { budget: {} } };
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

// ---------------------------------------------------------------- decisions

export interface RegressionInput {
	/** median(candidate) - median(baseline), ms. */
	diffMs: number;
	/** Bootstrap 95 % interval of that difference. */
	ci95: readonly [number, number];
	baselineMedianMs: number;
}

export function decideRegression(input: RegressionInput, threshold: number): { verdict: RegressionVerdict; thresholdMs: number; pass: boolean } {
	const thresholdMs = threshold * input.baselineMedianMs;
	const [lo, hi] = input.ci95;
	let verdict: RegressionVerdict;
	if (lo > thresholdMs) verdict = 'regression';
	else if (hi < 0) verdict = 'faster';
	else if (lo > 0 && hi <= thresholdMs) verdict = 'within-threshold';
	else verdict = 'within-noise';
	return { verdict, thresholdMs, pass: verdict !== 'regression' };
}

export function decideAbsolute(p95Ci: readonly [number, number], limitMs: number): { verdict: AbsoluteVerdict; pass: boolean } {
	const verdict: AbsoluteVerdict = p95Ci[0] > limitMs ? 'over-budget' : p95Ci[1] <= limitMs ? 'within-budget' : 'within-noise';
	return { verdict, pass: verdict !== 'over-budget' };
}

type WithStrategy<T> = T & { strategy?: string };

function where(c: { concurrency: number; mode: string; strategy?: string }): string {
	return `at ${c.concurrency} container${c.concurrency === 1 ? '' : 's'} (${c.mode}${c.strategy ? `, ${c.strategy}` : ''})`;
}

function regressionCheck(c: WithStrategy<Comparison>, base: ImageResult, threshold: number): GateCheck {
	const d = decideRegression({ diffMs: c.medianDiffMs, ci95: c.ci95, baselineMedianMs: base.stats.median }, threshold);
	const rel = Number.isFinite(c.relative) ? ` (${pct(c.relative)})` : '';
	const ci = `95 % CI ${signed(c.ci95[0])} … ${signed(c.ci95[1])}`;
	const limit = `the ${(threshold * 100).toFixed(threshold * 100 % 1 ? 1 : 0)} % threshold (${signed(d.thresholdMs)})`;
	const head = `${c.candidate} vs ${c.baseline} ${where(c)}: median ${signed(c.medianDiffMs)}${rel}, ${ci}`;
	const why: Record<RegressionVerdict, string> = {
		'regression': `regression: the whole interval lies above ${limit}`,
		'within-noise': c.ci95[0] <= 0 && c.ci95[1] >= 0 ? `within noise: the interval includes no change (${limit} not clearly crossed)` : `within noise: the interval straddles ${limit}`,
		'within-threshold': `slower, but clearly within ${limit}`,
		'faster': 'faster: the whole interval lies below 0',
	};
	return {
		kind: 'regression', pass: d.pass, verdict: d.verdict, image: c.candidate, baseline: c.baseline, concurrency: c.concurrency, mode: c.mode,
		...(c.strategy ? { strategy: c.strategy } : {}), valueMs: c.medianDiffMs, ci95: [c.ci95[0], c.ci95[1]], limitMs: d.thresholdMs, line: `${head} — ${why[d.verdict]}`,
	};
}

function absoluteCheck(r: WithStrategy<ImageResult>, budget: AbsoluteBudget, bootstrap: { resamples: number; seed: number }): GateCheck {
	const ci = bootstrapPercentileCi(r.samples, 95, bootstrap);
	const d = decideAbsolute(ci, budget.limitMs);
	const head = `${r.image} ${where(r)}: p95 ${ms(r.stats.p95)}, 95 % CI ${ms(ci[0])} … ${ms(ci[1])}`;
	const why: Record<AbsoluteVerdict, string> = {
		'over-budget': `over budget: the whole interval lies above ${ms(budget.limitMs)} (${budget.text})`,
		'within-noise': `within noise: the interval straddles the ${ms(budget.limitMs)} budget (${budget.text})`,
		'within-budget': `within the ${ms(budget.limitMs)} budget (${budget.text})`,
	};
	return {
		kind: 'absolute', pass: d.pass, verdict: d.verdict, image: r.image, concurrency: r.concurrency, mode: r.mode,
		...(r.strategy ? { strategy: r.strategy } : {}), valueMs: r.stats.p95, ci95: ci, limitMs: budget.limitMs, line: `${head} — ${why[d.verdict]}`,
	};
}

/** How close a passing check came to failing (higher = closer), to pick the line worth showing. */
function closeness(c: GateCheck): number {
	const rank: Record<string, number> = { 'within-noise': 3, 'within-threshold': 2, 'within-budget': 1, 'faster': 0 };
	return rank[c.verdict] ?? 0;
}

/**
 * Checks a finished report against a budget. Regression: every comparison (candidate vs the baseline,
 * each level, mode and strategy). Absolute: every result at the budget's concurrency except the
 * baseline's when there is a comparison (the baseline is what the candidate is measured against).
 */
export function evaluateBudget(report: BenchmarkReport, budget: Budget): GateOutcome {
	const checks: GateCheck[] = [];
	const unchecked: string[] = [];
	const results = report.results as WithStrategy<ImageResult>[];
	const comparisons = report.comparisons as WithStrategy<Comparison>[];
	if (budget.regression !== undefined) {
		for (const c of comparisons) {
			const base = results.find(r => r.image === c.baseline && r.mode === c.mode && r.concurrency === c.concurrency && r.strategy === c.strategy);
			if (base) checks.push(regressionCheck(c, base, budget.regression));
		}
		if (!comparisons.length) unchecked.push('regression threshold: no comparison with a baseline (give --baseline IMAGE)');
	}
	const baseline = comparisons.length ? comparisons[0].baseline : undefined;
	for (const b of budget.absolute ?? []) {
		const matching = results.filter(r => r.concurrency === b.concurrency && r.image !== baseline && r.samples.length);
		for (const r of matching) checks.push(absoluteCheck(r, b, report.settings.bootstrap));
		if (!matching.length) unchecked.push(`budget ${b.text}: nothing was measured at ${b.concurrency} containers`);
	}
	const failed = checks.filter(c => !c.pass);
	const pass = !failed.length && !unchecked.length;
	let summary: string;
	if (failed.length) summary = `FAIL ${failed[0].line}${failed.length > 1 ? ` (and ${failed.length - 1} more)` : ''}`;
	else if (unchecked.length) summary = `FAIL ${unchecked[0]}`;
	else if (!checks.length) summary = 'PASS nothing to check';
	else summary = `PASS ${[...checks].sort((a, b) => closeness(b) - closeness(a))[0].line}${checks.length > 1 ? ` (${checks.length} checks passed)` : ''}`;
	return { pass, checks, summary, unchecked };
}

/** The levels a budget needs measured, so the CLI can add them to --concurrency. */
export function budgetLevels(budget: Budget): number[] {
	return [...new Set((budget.absolute ?? []).map(b => b.concurrency))];
}

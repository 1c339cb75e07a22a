// A finished report against a budget: pass/fail with one line per check. A gate fails only on a
// statistically clear miss: the whole bootstrap 95 % interval lies beyond the threshold. Pure, so the CLI,
// the extension and tests decide alike (docs/budget.md).
import { ms, pct, signed } from '../format';
import type { AbsoluteVerdict, BenchmarkReport, Comparison, GateCheck, GateOutcome, ImageResult, RegressionVerdict } from '../result';
import { bootstrapPercentileCi } from '../stats';
import type { AbsoluteBudget, Budget } from './parse';

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

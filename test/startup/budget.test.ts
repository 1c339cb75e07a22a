// The gate decision and budget parsing, pure (no engine): what makes `patchlens bench` exit 1 in CI.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { analyseLevel, compareResults } from '../../startup/src/analysis';
import {
	decideAbsolute, decideRegression, evaluateBudget, loadBudgetConfig, mergeBudgets, parseAbsoluteBudget, parseBudgetConfig, parseRegression,
} from '../../startup/src/budget';
import type { BenchmarkReport, ImageResult } from '../../startup/src/result';
import { seededRandom } from '../../startup/src/random';
import { bootstrapPercentileCi } from '../../startup/src/stats';

describe('gate decision', () => {
	const base = { baselineMedianMs: 100 }; // 10 % threshold = 10 ms
	it('fails when the whole interval lies beyond the threshold', () => {
		const d = decideRegression({ ...base, diffMs: 30, ci95: [12, 45] }, 0.1);
		assert.equal(d.verdict, 'regression');
		assert.equal(d.pass, false);
		assert.equal(d.thresholdMs, 10);
	});
	it('passes as within noise when the interval straddles the threshold or zero', () => {
		assert.deepEqual(pick(decideRegression({ ...base, diffMs: 11, ci95: [4, 18] }, 0.1)), ['within-noise', true]);
		assert.deepEqual(pick(decideRegression({ ...base, diffMs: 20, ci95: [-2, 40] }, 0.1)), ['within-noise', true]);
		assert.deepEqual(pick(decideRegression({ ...base, diffMs: 0, ci95: [-3, 3] }, 0.1)), ['within-noise', true]);
	});
	it('passes a clear but small slowdown and a clear improvement', () => {
		assert.deepEqual(pick(decideRegression({ ...base, diffMs: 5, ci95: [2, 8] }, 0.1)), ['within-threshold', true]);
		assert.deepEqual(pick(decideRegression({ ...base, diffMs: -40, ci95: [-55, -20] }, 0.1)), ['faster', true]);
	});
	it('absolute budget: fails only when the p95 interval is entirely above the limit', () => {
		assert.deepEqual(pick(decideAbsolute([2100, 2600], 2000)), ['over-budget', false]);
		assert.deepEqual(pick(decideAbsolute([1800, 2300], 2000)), ['within-noise', true]);
		assert.deepEqual(pick(decideAbsolute([900, 1500], 2000)), ['within-budget', true]);
	});
});

function pick(d: { verdict: string; pass: boolean }): [string, boolean] {
	return [d.verdict, d.pass];
}

describe('budget syntax', () => {
	it('parses percentages and DURATION@CONTAINERS', () => {
		assert.deepEqual(parseRegression('10%'), { ok: true, value: 0.1 });
		assert.deepEqual(parseRegression('12.5 %'), { ok: true, value: 0.125 });
		assert.equal(parseRegression('10').ok, false);
		assert.equal(parseRegression('0%').ok, false);
		assert.deepEqual(parseAbsoluteBudget('2s@16'), { ok: true, value: { limitMs: 2000, concurrency: 16, text: '2s@16' } });
		assert.deepEqual(parseAbsoluteBudget('750ms@4'), { ok: true, value: { limitMs: 750, concurrency: 4, text: '750ms@4' } });
		assert.match((parseAbsoluteBudget('2s') as { error: string }).error, /DURATION@CONTAINERS/);
		assert.equal(parseAbsoluteBudget('2 minutes@16').ok, false);
		assert.equal(parseAbsoluteBudget('2s@0').ok, false);
	});
	it('reads budget: from .patchlens.yaml and refuses what it cannot use', () => {
		assert.deepEqual(parseBudgetConfig('budget: {regression: 10%, absolute: 2s@16}\n'), { ok: true, value: { regression: 0.1, absolute: [{ limitMs: 2000, concurrency: 16, text: '2s@16' }] } });
		assert.deepEqual(parseBudgetConfig('other: 1\nbudget:\n  absolute: [1s@1, 2s@8]\n'), { ok: true, value: { absolute: [{ limitMs: 1000, concurrency: 1, text: '1s@1' }, { limitMs: 2000, concurrency: 8, text: '2s@8' }] } });
		assert.deepEqual(parseBudgetConfig('# nothing\n'), { ok: true, value: {} });
		assert.match((parseBudgetConfig('budget: {regression: 10}\n') as { error: string }).error, /percentage, e.g. 10%/);
		assert.match((parseBudgetConfig('budget: {regresion: 10%}\n') as { error: string }).error, /unknown key "regresion"/);
		assert.match((parseBudgetConfig('budget: [\n') as { error: string }).error, /invalid YAML/);
	});
	it('finds the file next to the Dockerfile; the command line wins key by key', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'pl-budget-'));
		after(() => rmSync(dir, { recursive: true, force: true }));
		const dockerfile = path.join(dir, 'Dockerfile');
		writeFileSync(dockerfile, 'FROM alpine:3.20\n');
		assert.deepEqual(await loadBudgetConfig(dockerfile), { ok: true, value: { budget: {} } });
		writeFileSync(path.join(dir, '.patchlens.yaml'), 'budget:\n  regression: 10%\n  absolute: 2s@16\n');
		const loaded = await loadBudgetConfig(dockerfile);
		assert.ok(loaded.ok);
		assert.equal(loaded.value.file, path.join(dir, '.patchlens.yaml'));
		const merged = mergeBudgets(loaded.value.budget, { regression: 0.2 });
		assert.equal(merged.regression, 0.2);
		assert.equal(merged.absolute?.[0].limitMs, 2000);
		writeFileSync(path.join(dir, '.patchlens.yaml'), 'budget: {absolute: fast}\n');
		const broken = await loadBudgetConfig(dockerfile);
		assert.ok(!broken.ok && broken.error.includes('.patchlens.yaml') && broken.error.includes('budget.absolute'));
	});
});

/** Samples around `center` ms with a little deterministic jitter. */
function samples(center: number, n: number, seed: number, jitter = 10): number[] {
	const rand = seededRandom(seed);
	return Array.from({ length: n }, () => center + (rand() - 0.5) * 2 * jitter);
}

function level(image: string, xs: number[], concurrency = 6): ImageResult {
	return analyseLevel({
		image, digest: `${image}@sha256:x`, imageId: 'sha256:x', concurrency, mode: 'warm', contextKey: 'k',
		containers: xs.map((readyMs, i) => ({ round: Math.floor(i / concurrency), index: i % concurrency, readyMs, phases: {} })),
	});
}

function reportOf(results: ImageResult[]): BenchmarkReport {
	const bootstrap = { resamples: 2000, seed: 1 };
	return {
		schemaVersion: 1, tool: { name: 'patchlens', version: 'test' }, runId: 'pl-test', startedAt: '', finishedAt: '', status: 'complete',
		engine: { host: '', id: '', name: '', version: '', apiVersion: '', os: '', arch: '', storageDriver: '', cpus: 2, memoryBytes: 0 },
		settings: { concurrency: [6], runs: 3, warmup: 0, modes: ['warm'], ready: 'exit', timeoutMs: 1000, schedule: 'all-at-once', bootstrap },
		images: [], results, comparisons: compareResults(results, bootstrap), warnings: [],
	};
}

describe('evaluateBudget on a report', () => {
	it('fails a clear regression and says so in one line', () => {
		const report = reportOf([level('fast', samples(100, 18, 1)), level('slow', samples(400, 18, 2))]);
		const gate = evaluateBudget(report, { regression: 0.1 });
		assert.equal(gate.pass, false);
		assert.equal(gate.checks[0].verdict, 'regression');
		assert.match(gate.summary, /^FAIL slow vs fast at 6 containers \(warm\): median \+\d+(\.\d)? ms \(\+\d+\.\d %\), 95 % CI \+.* — regression: the whole interval lies above the 10 % threshold/);
		assert.doesNotMatch(gate.summary, /\n/);
	});
	it('passes the same image against itself as within noise', () => {
		const report = reportOf([level('a', samples(100, 18, 3)), level('b', samples(100, 18, 4))]);
		const gate = evaluateBudget(report, { regression: 0.1 });
		assert.equal(gate.pass, true, gate.summary);
		assert.match(gate.summary, /^PASS .*within noise/);
	});
	it('checks the p95 at the budget\'s concurrency, not the baseline\'s', () => {
		const report = reportOf([level('fast', samples(100, 18, 1)), level('slow', samples(400, 18, 2))]);
		const over = evaluateBudget(report, { absolute: [{ limitMs: 300, concurrency: 6, text: '300ms@6' }] });
		assert.equal(over.pass, false);
		assert.deepEqual(over.checks.map(c => [c.image, c.verdict]), [['slow', 'over-budget']]);
		const under = evaluateBudget(report, { absolute: [{ limitMs: 2000, concurrency: 6, text: '2s@6' }] });
		assert.equal(under.pass, true);
		const missing = evaluateBudget(report, { absolute: [{ limitMs: 2000, concurrency: 16, text: '2s@16' }] });
		assert.equal(missing.pass, false);
		assert.match(missing.summary, /nothing was measured at 16 containers/);
	});
	it('bootstraps percentile intervals reproducibly', () => {
		const xs = samples(100, 30, 9, 30);
		assert.deepEqual(bootstrapPercentileCi(xs, 95, { seed: 7 }), bootstrapPercentileCi(xs, 95, { seed: 7 }));
		const [lo, hi] = bootstrapPercentileCi(xs, 95, { seed: 7 });
		assert.ok(lo <= hi && lo >= Math.min(...xs) && hi <= Math.max(...xs));
	});
});

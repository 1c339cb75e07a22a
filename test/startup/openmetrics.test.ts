// `--format openmetrics`: checked by promtool and by prometheus_client's strict OpenMetrics parser
// (both installed by scripts/env/install-promtool.sh), for a synthetic report and a real run.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { analyseLevel, compareResults } from '../../startup/src/analysis';
import { escapeLabelValue, toOpenMetrics } from '../../startup/src/export/openmetrics';
import type { BenchmarkReport } from '../../startup/src/result';
import { summarizeRollout } from '../../startup/src/rollout/summary';
import { fixture, labelled } from './helpers';

const CLI = path.resolve(__dirname, '../../cli/out/patchlens.js');

function promtool(text: string): { ok: boolean; output: string } {
	const r = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
	assert.ok(!r.error, 'promtool missing: run scripts/env/install-promtool.sh (or scripts/env/up.sh)');
	return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

/** Families and samples as prometheus_client's OpenMetrics parser reads them (it rejects anything off-spec). */
function parseOpenMetrics(text: string): { name: string; type: string; unit: string; samples: { name: string; labels: Record<string, string>; value: number }[] }[] {
	const script = [
		'import json, sys',
		'from prometheus_client.openmetrics.parser import text_string_to_metric_families',
		'fams = text_string_to_metric_families(sys.stdin.read())',
		'print(json.dumps([{"name": f.name, "type": f.type, "unit": f.unit, "samples": [{"name": s.name, "labels": s.labels, "value": s.value} for s in f.samples]} for f in fams]))',
	].join('\n');
	return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script], { input: text, encoding: 'utf8' }));
}

function syntheticReport(): BenchmarkReport {
	const containers = (base: number) => Array.from({ length: 6 }, (_, i) => ({
		round: Math.floor(i / 3), index: i % 3, readyMs: base + i * 7,
		phases: { create: 20 + i, start: 100 + i, ready: base - 130, remove: 30 },
		at: { create: (i % 3) * 5, start: (i % 3) * 5 + 20, ready: base + i * 7 },
	}));
	const odd = 'reg.example/we"ird\\name:1';
	const results = [
		{ ...analyseLevel({ image: 'app:old', digest: 'app@sha256:aa', imageId: 'sha256:aa', concurrency: 3, mode: 'warm', containers: containers(400), contextKey: 'k' }), strategy: 'batch:2' },
		{ ...analyseLevel({ image: odd, digest: 'x@sha256:bb', imageId: 'sha256:bb', concurrency: 3, mode: 'warm', containers: containers(700), contextKey: 'k' }), strategy: 'batch:2' },
	];
	for (const r of results) r.rollout = summarizeRollout(r.containers, 3);
	const bootstrap = { resamples: 500, seed: 1 };
	return {
		schemaVersion: 1, tool: { name: 'patchlens', version: 'test' }, runId: 'pl-om', startedAt: '', finishedAt: '', status: 'complete',
		engine: { host: '', id: '', name: '', version: '', apiVersion: '', os: '', arch: '', storageDriver: '', cpus: 2, memoryBytes: 0 },
		settings: { concurrency: [3], runs: 2, warmup: 0, modes: ['warm'], ready: 'exit', timeoutMs: 1000, schedule: 'batch:2', bootstrap },
		images: [], results, comparisons: compareResults(results, bootstrap).map(c => ({ ...c, strategy: 'batch:2' })), warnings: [],
		gate: { pass: false, checks: [], summary: 'FAIL', unchecked: [] },
	};
}

describe('OpenMetrics export', () => {
	it('escapes label values as OpenMetrics requires', () => {
		assert.equal(escapeLabelValue('a"b\\c\nd'), 'a\\"b\\\\c\\nd');
	});

	it('writes summaries per phase with the documented labels, gauges for rollouts and the gate, and # EOF', () => {
		const text = toOpenMetrics(syntheticReport());
		assert.ok(text.endsWith('# EOF\n'));
		assert.equal(text.match(/^# EOF$/gm)?.length, 1);
		const check = promtool(text);
		assert.ok(check.ok, check.output);
		const families = parseOpenMetrics(text);
		const byName = new Map(families.map(f => [f.name, f]));
		const latency = byName.get('patchlens_startup_latency_seconds')!;
		assert.equal(latency.type, 'summary');
		assert.equal(latency.unit, 'seconds');
		const median = latency.samples.find(s => s.labels.image === 'app:old' && s.labels.phase === 'total' && s.labels.quantile === '0.5')!;
		assert.deepEqual(Object.keys(median.labels).sort(), ['concurrency', 'digest', 'image', 'mode', 'phase', 'quantile', 'strategy']);
		assert.equal(median.labels.strategy, 'batch:2');
		assert.equal(median.value, syntheticReport().results[0].stats.median / 1000);
		assert.ok(latency.samples.some(s => s.labels.image === 'reg.example/we"ird\\name:1'), 'escaped label value round-trips');
		assert.deepEqual([...new Set(latency.samples.map(s => s.labels.phase))].sort(), ['create', 'ready', 'remove', 'start', 'total']);
		const count = latency.samples.find(s => s.name.endsWith('_count') && s.labels.image === 'app:old' && s.labels.phase === 'total')!;
		assert.equal(count.value, 6);
		assert.equal(byName.get('patchlens_rollout_peak_starting')!.samples[0].value, 3);
		assert.equal(byName.get('patchlens_startup_regression_seconds')!.samples.length, 3);
		assert.equal(byName.get('patchlens_startup_budget_pass')!.samples[0].value, 0);
	});

	it('promtool rejects what is broken (the check can fail)', () => {
		const text = toOpenMetrics(syntheticReport()).replace('# TYPE patchlens_rollout_peak_starting gauge', '# TYPE patchlens_rollout_peak_starting gauge\n# TYPE patchlens_rollout_peak_starting gauge');
		assert.equal(promtool(text).ok, false);
	});

	it('a real `patchlens bench --format openmetrics` run with strategies and limits is valid', { timeout: 180_000 }, () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'pl-om-'));
		after(() => rmSync(dir, { recursive: true, force: true }));
		const r = spawnSync(process.execPath, [CLI, 'bench', '--baseline', fixture('patchlens/slow:1').ref, '--image', fixture('patchlens/fast:1').ref,
			'--replicas', '3', '--strategy', 'all', '--strategy', 'batch:2', '--runs', '2', '--warmup', '0', '--cpus', '1', '--memory', '64m',
			'--fail-on-regression', '10%', '--format', 'openmetrics', '--no-progress', '--no-save'], { encoding: 'utf8', env: { ...process.env, XDG_DATA_HOME: dir } });
		assert.ok(r.status === 0 || r.status === 1, r.stderr);
		assert.match(r.stderr, /^patchlens: startup budget (PASS|FAIL) /m);
		const check = promtool(r.stdout);
		assert.ok(check.ok, check.output);
		const families = parseOpenMetrics(r.stdout);
		const latency = families.find(f => f.name === 'patchlens_startup_latency_seconds')!;
		assert.deepEqual([...new Set(latency.samples.map(s => s.labels.strategy))].sort(), ['all', 'batch:2']);
		const peaks = families.find(f => f.name === 'patchlens_rollout_peak_starting')!.samples;
		assert.ok(peaks.filter(s => s.labels.strategy === 'batch:2').every(s => s.value <= 2));
		const runId = families.find(f => f.name === 'patchlens_startup_budget_pass')!.samples[0].labels.run_id;
		assert.match(runId, /^pl-/);
		assert.deepEqual(labelled(`patchlens=${runId}`), []);
	});
});

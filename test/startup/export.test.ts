// The export formats (JSON contract of docs/benchmark-format.md, CSV, Markdown) from a known report.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyseLevel, compareResults } from '../../startup/src/analysis';
import { toCsv, CSV_HEADER } from '../../startup/src/export/csv';
import { toJson } from '../../startup/src/export/json';
import { toMarkdown } from '../../startup/src/export/markdown';
import { toText } from '../../startup/src/export/text';
import { SCHEMA_VERSION, type BenchmarkReport, type ContainerTiming } from '../../startup/src/result';

function timings(readyMs: number[], perRound: number): ContainerTiming[] {
	return readyMs.map((ms, i) => ({ round: Math.floor(i / perRound), index: i % perRound, readyMs: ms, phases: { create: 10, start: ms - 30, ready: 15, remove: 8 } }));
}

function report(): BenchmarkReport {
	const level = { concurrency: 2, mode: 'warm' as const, contextKey: 'k' };
	const base = analyseLevel({ ...level, image: 'app:1, "old"', digest: 'reg/app@sha256:aa', imageId: 'sha256:a', containers: timings([300, 310, 305, 295, 302, 308], 2) });
	const cand = analyseLevel({ ...level, image: 'app:2', digest: 'reg/app@sha256:bb', imageId: 'sha256:b', containers: timings([400, 410, 405, 395, 402, 408], 2) });
	const results = [base, cand];
	return {
		schemaVersion: SCHEMA_VERSION, tool: { name: 'patchlens', version: '0.1.0' }, runId: 'pl-test', startedAt: '2026-11-27T10:00:00.000Z', finishedAt: '2026-11-27T10:01:00.000Z',
		status: 'complete', engine: { host: 'unix:///var/run/docker.sock', id: 'E', name: 'vm', version: '20.10.24', apiVersion: '1.41', os: 'Debian', arch: 'x86_64', storageDriver: 'overlay2', cpus: 2, memoryBytes: 1 },
		settings: { concurrency: [2], runs: 3, warmup: 1, modes: ['warm'], ready: 'exit', timeoutMs: 60000, schedule: 'all-at-once', bootstrap: { resamples: 2000, seed: 1 } },
		images: [], results, comparisons: compareResults(results, { resamples: 2000, seed: 1 }), warnings: [],
	};
}

describe('exports', () => {
	it('JSON: results per image/level/mode with stats and phases in ms, comparisons with CI and verdict', () => {
		const json = JSON.parse(toJson(report()));
		assert.equal(json.schemaVersion, 1);
		assert.equal(json.runId, 'pl-test');
		assert.equal(json.engine.storageDriver, 'overlay2');
		const [r] = json.results;
		assert.equal(r.image, 'app:1, "old"');
		assert.equal(r.digest, 'reg/app@sha256:aa');
		assert.equal(r.concurrency, 2);
		assert.equal(r.mode, 'warm');
		assert.deepEqual(r.samples, [300, 310, 305, 295, 302, 308]);
		assert.deepEqual(Object.keys(r.stats).filter(k => ['min', 'median', 'mean', 'p95', 'p99', 'max', 'mad'].includes(k)).length, 7);
		assert.equal(r.stats.median, 303.5);
		assert.equal(r.stats.min, 295);
		assert.deepEqual(r.rounds, [310, 305, 308]);
		assert.equal(r.phases.create.median, 10);
		assert.equal(r.phases.pull, undefined);
		assert.equal(json.comparisons.length, 1);
		const c = json.comparisons[0];
		assert.deepEqual([c.baseline, c.candidate, c.concurrency, c.mode, c.medianDiffMs, c.verdict], ['app:1, "old"', 'app:2', 2, 'warm', 100, 'slower']);
		assert.ok(c.ci95[0] > 80 && c.ci95[1] < 120);
		assert.ok(Math.abs(c.relative - 100 / 303.5) < 1e-9);
	});

	it('JSON: non-finite numbers become null', () => {
		const r = report();
		r.comparisons[0].relative = NaN;
		assert.equal(JSON.parse(toJson(r)).comparisons[0].relative, null);
	});

	it('CSV: a header and one quoted row per result, with the comparison on the candidate row', () => {
		const lines = toCsv(report()).trimEnd().split('\n');
		assert.equal(lines[0], CSV_HEADER.join(','));
		assert.equal(lines.length, 3);
		assert.ok(lines[1].startsWith('"app:1, ""old""",reg/app@sha256:aa,warm,2,6,295,303.5,'), lines[1]);
		assert.ok(lines[2].startsWith('app:2,reg/app@sha256:bb,warm,2,6,395,403.5,'));
		// Columns by name (later issues append columns).
		const col = (line: string, name: string) => line.replace(/"(?:[^"]|"")*"/g, 'Q').split(',')[CSV_HEADER.indexOf(name)];
		assert.equal(col(lines[1], 'verdict'), '', 'the baseline has no comparison');
		assert.equal(col(lines[2], 'verdict'), 'slower');
		assert.equal(col(lines[2], 'diff_vs_baseline_ms'), '100');
		assert.equal(col(lines[2], 'create_median_ms'), '10');
	});

	it('Markdown and text: readable tables and verdicts', () => {
		const md = toMarkdown(report());
		assert.match(md, /\| app:2 \| 2 \| 403\.5 ms \| /);
		assert.match(md, /\| app:2 \| app:1, "old" \| warm \| 2 \| slower: \+100\.0 ms \(\+32\.9 %\), 95 % CI \+/);
		const text = toText(report());
		assert.match(text, /Docker 20\.10\.24 \(overlay2, 2 CPUs\)/);
		assert.match(text, /app:2 vs app:1, "old" \(warm, N=2\): slower: \+100\.0 ms/);
	});
});

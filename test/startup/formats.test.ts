// One registry of output formats serves `patchlens bench --format` and the extension's export.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyseLevel } from '../../startup/src/analysis';
import { FORMAT_NAMES, OUTPUT_FORMATS, outputFormat } from '../../startup/src/export/formats';
import { SCHEMA_VERSION, type BenchmarkReport, type ContainerTiming } from '../../startup/src/result';
import { summarizeRollout } from '../../startup/src/rollout/summary';

const CLI = path.join(__dirname, '../../cli/out/patchlens.js');

/** Two rounds of three replicas started one after another (batch:1), with the timestamps rollouts record. */
function rolloutReport(): BenchmarkReport {
	const containers: ContainerTiming[] = [0, 1].flatMap(round => [0, 1, 2].map(index => {
		const create = index * 100, ready = create + 80 + round * 5;
		return { round, index, readyMs: ready, phases: { create: 10, start: 20, ready: 50 }, at: { create, start: create + 10, ready } };
	}));
	const result = { ...analyseLevel({ image: 'app:1', digest: 'app@sha256:aa', imageId: 'sha256:a', concurrency: 3, mode: 'warm', containers, contextKey: 'k' }), strategy: 'batch:1', rollout: summarizeRollout(containers, 3) };
	return {
		schemaVersion: SCHEMA_VERSION, tool: { name: 'patchlens', version: '0.1.0' }, runId: 'pl-formats', startedAt: '2026-12-01T10:00:00.000Z', finishedAt: '2026-12-01T10:01:00.000Z',
		status: 'complete', engine: { host: 'unix:///var/run/docker.sock', id: 'E', name: 'vm', version: '20.10.24', apiVersion: '1.41', os: 'Debian', arch: 'x86_64', storageDriver: 'overlay2', cpus: 2, memoryBytes: 1 },
		settings: { concurrency: [3], runs: 2, warmup: 0, modes: ['warm'], ready: 'exit', timeoutMs: 60000, schedule: 'batch:1', bootstrap: { resamples: 2000, seed: 1 } },
		images: [], results: [result], comparisons: [], warnings: [],
	};
}

describe('output format registry', () => {
	it('names every format once and resolves the extension\'s `markdown` to md', () => {
		assert.deepEqual([...FORMAT_NAMES], ['text', 'json', 'csv', 'md', 'openmetrics']);
		const names = OUTPUT_FORMATS.flatMap(f => [f.name, ...f.aliases]);
		assert.equal(new Set(names).size, names.length);
		assert.equal(outputFormat('markdown')?.name, 'md');
		assert.equal(outputFormat('yaml'), undefined);
	});

	it('text and Markdown carry the rollout section; every format renders the rollout result', () => {
		const report = rolloutReport();
		const out = Object.fromEntries(OUTPUT_FORMATS.map(f => [f.name, f.render(report)]));
		assert.match(out.text, /^Rollouts: time from the first create/m);
		assert.match(out.text, /^\s+app:1\s+batch:1\s+warm\s+3\s/m);
		assert.match(out.md, /^## Rollout strategies$/m);
		assert.equal(JSON.parse(out.json).results[0].rollout.replicas, 3);
		assert.match(out.csv.split('\n')[1], /,batch:1,/);
		assert.match(out.openmetrics, /# EOF\n$/);
	});

	it('`patchlens bench --format` offers exactly the registry\'s formats', () => {
		const r = spawnSync(process.execPath, [CLI, 'bench', '-i', 'x', '-f', 'yaml'], { encoding: 'utf8' });
		assert.equal(r.status, 2);
		assert.match(r.stderr, new RegExp(`Allowed choices are ${FORMAT_NAMES.join(', ')}\\.`));
	});
});

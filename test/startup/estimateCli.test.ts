// `patchlens estimate` as users run it (issue 14): the built bundle, the real local registry, a private engine
// whose contents the test controls. Layers the engine holds are not counted; sizes come from env.json.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startPrivateEngine, type PrivateEngine } from '../../scripts/env/privateEngine';
import { image, loadEnv, type TestEnv } from '../registry/env';

const CLI = path.join(__dirname, '../../cli/out/patchlens.js');
const { env, skip } = loadEnv();

function run(args: string[], extra: NodeJS.ProcessEnv = {}) {
	const r = spawnSync(process.execPath, [CLI, 'estimate', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...extra } });
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('patchlens estimate', { skip }, () => {
	const e = env as TestEnv;
	let engine: PrivateEngine;
	const cacheDir = mkdtempSync(path.join(tmpdir(), 'patchlens-estimate-cache-'));
	const resultsDir = mkdtempSync(path.join(tmpdir(), 'patchlens-estimate-results-'));
	const current = () => image(e, 'python:3.12.1-slim'), candidate = () => image(e, 'python:3.12.11-slim');
	const estimate = (...more: string[]) => run(['--image', current().registryRef, '--candidate', candidate().registryRef, '--host', engine.host,
		'--cache-dir', cacheDir, '--results-dir', resultsDir, '--format', 'json', ...more]);

	before(async () => { engine = await startPrivateEngine(); });
	after(async () => { await engine?.dispose(); });

	it('counts every layer on an empty engine, only the unshared ones once CURRENT is there', () => {
		const empty = estimate();
		assert.equal(empty.code, 0, empty.stderr);
		const all = JSON.parse(empty.stdout);
		assert.equal(all.newLayers, candidate().layers.length);
		assert.equal(all.newBytes, candidate().compressedSize);
		assert.equal(all.source, 'estimated');
		assert.deepEqual(all.calibration, { source: 'defaults', pullObservations: 0, startObservations: 0, layerObservations: 0 });
		assert.ok(all.coldStartInterval[0] < all.coldStartMs && all.coldStartMs < all.coldStartInterval[1]);

		engine.docker(['pull', '-q', current().registryRef]);
		const after = JSON.parse(estimate().stdout);
		const held = new Set(current().layers.map(l => l.digest));
		const fresh = candidate().layers.filter(l => !held.has(l.digest));
		assert.ok(fresh.length > 0 && fresh.length < candidate().layers.length, 'the fixtures share some layers');
		assert.equal(after.newLayers, fresh.length);
		assert.equal(after.newBytes, fresh.reduce((s, l) => s + l.size, 0));
		assert.ok(after.coldStartMs < all.coldStartMs);
	});

	it('pulls once for N containers: the start contends, the pull does not grow', () => {
		const one = JSON.parse(estimate('--concurrency', '1').stdout), four = JSON.parse(estimate('--concurrency', '4').stdout);
		assert.equal(four.breakdown.totalMs, one.breakdown.totalMs);
		assert.ok(four.breakdown.startMs > one.breakdown.startMs);
	});

	it('says "estimate unavailable" and why for a 401, and exits 3', () => {
		const r = run(['--image', `${e.authRegistry}/library/python:3.12.1-slim`, '--candidate', `${e.authRegistry}/library/python:3.12.11-slim`,
			'--host', engine.host, '--cache-dir', cacheDir, '--results-dir', resultsDir], { DOCKER_CONFIG: mkdtempSync(path.join(tmpdir(), 'patchlens-no-auth-')) });
		assert.equal(r.code, 3, r.stderr);
		assert.match(r.stdout, /estimate unavailable: .*authentication required/);
	});

	it('a stored cold run of the candidate on this engine replaces the estimate and calibrates the others', () => {
		const bench = spawnSync(process.execPath, [CLI, 'bench', '--image', candidate().registryRef, '--mode', 'cold', '--concurrency', '1', '--runs', '1', '--warmup', '0',
			'--host', engine.host, '--results-dir', resultsDir, '--no-progress'], { encoding: 'utf8' });
		assert.equal(bench.status, 0, bench.stderr);
		const measured = JSON.parse(estimate('--concurrency', '1').stdout);
		assert.equal(measured.source, 'measured');
		assert.ok(measured.coldStartMs > 0 && measured.measuredAt);
		const other = JSON.parse(run(['--image', image(e, 'node:20.11.0-alpine3.19').registryRef, '--candidate', image(e, 'node:20.18.1-alpine3.20').registryRef,
			'--host', engine.host, '--cache-dir', cacheDir, '--results-dir', resultsDir, '--format', 'json']).stdout);
		assert.equal(other.source, 'estimated');
		assert.equal(other.calibration.source, 'this-engine');
		assert.equal(other.calibration.pullObservations, 1);
	});

	it('check --format json --estimate puts the estimate on the finding whose fix is the bump', () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'patchlens-check-estimate-'));
		writeFileSync(path.join(dir, 'Dockerfile'), 'FROM python:3.12.1-slim\nCMD ["python3"]\n');
		const check = (...more: string[]) => spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '--estimate', '--host', engine.host, '--cache-dir', cacheDir,
			'--now', '2026-12-01', '--failure-threshold', 'none', ...more, path.join(dir, 'Dockerfile')], { encoding: 'utf8', env: { ...process.env, PATCHLENS_REGISTRY_MIRROR: `docker.io=http://${e.registry}` } });
		const online = check();
		assert.equal(online.status, 0, online.stderr);
		const withEstimate = JSON.parse(online.stdout).filter((f: { estimate?: object }) => f.estimate);
		assert.equal(withEstimate.length, 1, online.stdout);
		assert.equal(withEstimate[0].line, 1);
		assert.equal(withEstimate[0].estimate.candidate, 'python:3.12.11-slim');
		assert.ok(['estimated', 'measured'].includes(withEstimate[0].estimate.source));
		const offline = check('--offline');
		assert.ok(!JSON.parse(offline.stdout).some((f: { estimate?: object }) => f.estimate));
		assert.match(offline.stderr, /--estimate: --offline makes no registry lookups, so no estimates/);
	});

	it('makes no look-ups offline and says so once', () => {
		const r = run(['--image', 'a', '--candidate', 'b', '--offline', '--format', 'json']);
		assert.equal(r.code, 0);
		assert.equal(r.stdout, 'null\n');
		assert.equal(r.stderr, 'patchlens: --offline: no registry lookups, so no estimate\n');
	});
});

// The startup budget as a CI gate, end to end: the real CLI against the real engine. The slow fixture
// (its command sleeps 0.3 s) must fail against the fast one; the same image under two names must pass.
// One container at a time: on a shared 2-core machine that keeps the 0.3 s clear of noise. The slowdown
// cases use a 5 % threshold and 14 rounds because under load the baseline inflates (0.5 s -> 1.2 s) while
// the regression stays 0.3 s; the identical-image case keeps the 10 % of the docs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { BenchmarkReport } from '../../client/src/bench/result';
import { fixture, labelled } from './helpers';

const CLI = path.resolve(__dirname, '../../cli/out/patchlens.js');
const FAST = fixture('patchlens/fast:1');
const SLOW = fixture('patchlens/slow:1');
const dir = mkdtempSync(path.join(tmpdir(), 'pl-gate-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function bench(args: string[], runs = 10): { status: number | null; stdout: string; stderr: string } {
	return spawnSync(process.execPath, [CLI, 'bench', '-c', '1', '--runs', String(runs), '--warmup', '1', '--no-progress', '--no-save', ...args],
		{ encoding: 'utf8', cwd: dir, env: { ...process.env, XDG_DATA_HOME: dir }, timeout: 170_000 });
}

function gateLines(stderr: string): string[] {
	return stderr.split('\n').filter(l => l.startsWith('patchlens: startup budget'));
}

describe('startup budget gate (real CLI, real engine)', { timeout: 600_000 }, () => {
	it('fails the slow fixture against the fast baseline, in one line, and leaves no container', () => {
		const r = bench(['--baseline', FAST.ref, '--image', SLOW.ref, '--fail-on-regression', '5%', '--budget', '60s@1', '--format', 'json'], 14);
		assert.equal(r.status, 1, r.stderr);
		const lines = gateLines(r.stderr);
		assert.equal(lines.length, 1, r.stderr);
		assert.match(lines[0], /^patchlens: startup budget FAIL patchlens\/slow:1 vs patchlens\/fast:1 at 1 container \(warm\): median \+.* 95 % CI \+.* — regression: the whole interval lies above the 5 % threshold/);
		const report = JSON.parse(r.stdout) as BenchmarkReport;
		assert.equal(report.gate?.pass, false);
		const regression = report.gate!.checks.find(c => c.kind === 'regression')!;
		assert.ok(regression.ci95[0] > regression.limitMs, `CI ${regression.ci95} entirely above ${regression.limitMs}`);
		// The generous absolute budget passes on its own: only the regression fails the gate.
		assert.deepEqual(report.gate!.checks.filter(c => c.kind === 'absolute').map(c => c.verdict), ['within-budget']);
		assert.deepEqual(labelled(`patchlens=${report.runId}`), []);
	});

	it('passes the same image under two names (within noise) with exit 0', () => {
		const r = bench(['--baseline', FAST.ref, '--image', FAST.registryRef, '--fail-on-regression', '10%', '--format', 'json']);
		assert.equal(r.status, 0, r.stderr);
		const lines = gateLines(r.stderr);
		assert.equal(lines.length, 1, r.stderr);
		assert.match(lines[0], /^patchlens: startup budget PASS /);
		const report = JSON.parse(r.stdout) as BenchmarkReport;
		assert.equal(report.images[0].imageId, report.images[1].imageId, 'really the same image');
		assert.equal(report.gate?.pass, true);
		assert.deepEqual(labelled(`patchlens=${report.runId}`), []);
	});

	it('reads the budget from .patchlens.yaml next to the Dockerfile it benchmarks', () => {
		const project = path.join(dir, 'app');
		spawnSync('mkdir', ['-p', project]);
		writeFileSync(path.join(project, 'slow.Dockerfile'), `FROM ${SLOW.ref}\nLABEL org.patchlens.test=gate\n`);
		writeFileSync(path.join(project, '.patchlens.yaml'), 'budget:\n  regression: 5%\n');
		const r = bench([path.join(project, 'slow.Dockerfile'), '--baseline', FAST.ref, '--format', 'json'], 14);
		assert.equal(r.status, 1, r.stderr);
		const [line] = gateLines(r.stderr);
		assert.match(line, /FAIL .* regression: .* \[budget from app\/\.patchlens\.yaml\]$/);
		const report = JSON.parse(r.stdout) as BenchmarkReport;
		assert.deepEqual(labelled(`patchlens=${report.runId}`), []);
	});

	it('refuses a budget it cannot check before measuring anything', () => {
		const none = bench(['--image', FAST.ref, '--fail-on-regression', '10%']);
		assert.equal(none.status, 2);
		assert.match(none.stderr, /needs a baseline/);
		const mismatch = bench(['--image', FAST.ref, '--replicas', '4', '--strategy', 'batch:2', '--budget', '2s@16']);
		assert.equal(mismatch.status, 2);
		assert.match(mismatch.stderr, /budget is for 16 containers but --replicas is 4/);
		const typo = bench(['--image', FAST.ref, '--budget', '2s']);
		assert.equal(typo.status, 2);
		assert.match(typo.stderr, /DURATION@CONTAINERS/);
	});
});

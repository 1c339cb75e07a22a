// The startup budget as a CI gate, end to end: the real CLI against the real engine. The slow fixture
// (its command sleeps 0.3 s) must fail against the fast one; the same image under two names must pass.
// One container at a time, where the 0.3 s is largest against the noise. On a shared 2-core machine under
// heavy load (load average ~20: `docker start` alone then varies 0.6-2 s, the baseline median inflates from
// 0.5 to 1.4 s) a 10 % threshold is 140 ms and 30 rounds measured +61 … +618 ms: not clear. So the slowdown
// case asks for a clear regression beyond 2 %, and measures again with more rounds while the gate says
// "within noise" (never "faster"). If even then the interval is too wide to resolve 0.3 s, passing is the
// gate's documented behaviour and the test checks exactly that (with a diagnostic); the threshold arithmetic
// itself is unit-tested in budget.test.ts. Identical images are checked at the documented 10 %.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { BenchmarkReport } from '../../startup/src/result';
import { fixture, labelled } from './helpers';

const CLI = path.resolve(__dirname, '../../cli/out/patchlens.js');
const FAST = fixture('patchlens/fast:1');
const SLOW = fixture('patchlens/slow:1');
/** What the slow fixture's command adds (`sleep 0.3`). */
const SLEEP_MS = 300;
const dir = mkdtempSync(path.join(tmpdir(), 'pl-gate-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function bench(args: string[], runs = 10): { status: number | null; stdout: string; stderr: string } {
	return spawnSync(process.execPath, [CLI, 'bench', '-c', '1', '--runs', String(runs), '--warmup', '1', '--no-progress', '--no-save', ...args],
		{ encoding: 'utf8', cwd: dir, env: { ...process.env, XDG_DATA_HOME: dir }, timeout: 420_000 });
}

function gateLines(stderr: string): string[] {
	return stderr.split('\n').filter(l => l.startsWith('patchlens: startup budget'));
}

describe('startup budget gate (real CLI, real engine)', { timeout: 900_000 }, () => {
	it('fails the slow fixture against the fast baseline, in one line, and leaves no container', t => {
		let last = '';
		const attempts = [15, 40];
		for (const runs of attempts) {
			const r = bench(['--baseline', FAST.ref, '--image', SLOW.ref, '--fail-on-regression', '2%', '--budget', '60s@1', '--format', 'json'], runs);
			const report = JSON.parse(r.stdout) as BenchmarkReport;
			assert.deepEqual(labelled(`patchlens=${report.runId}`), []);
			const lines = gateLines(r.stderr);
			assert.equal(lines.length, 1, r.stderr);
			last = lines[0];
			const regression = report.gate!.checks.find(c => c.kind === 'regression')!;
			assert.ok(regression.verdict === 'regression' || regression.verdict === 'within-noise', last);
			// The generous absolute budget passes on its own: only the regression can fail the gate.
			assert.deepEqual(report.gate!.checks.filter(c => c.kind === 'absolute').map(c => c.verdict), ['within-budget']);
			if (regression.verdict === 'within-noise') {
				assert.equal(r.status, 0, r.stderr);
				assert.match(last, /^patchlens: startup budget PASS .* within noise/);
				if (runs !== attempts[attempts.length - 1]) continue;
				// Passing is then the gate's contract, but only if the interval really was too wide to resolve
				// the fixture's 0.3 s: one narrower than 2 x (300 ms - threshold) around the effect would lie
				// above the threshold. A narrow interval that still says "within noise" is a broken gate.
				const width = regression.ci95[1] - regression.ci95[0];
				assert.ok(width > 2 * (SLEEP_MS - regression.limitMs) && regression.ci95[1] > regression.limitMs, `a ${width.toFixed(0)} ms interval should have resolved 0.3 s: ${last}`);
				t.diagnostic(`machine too noisy to resolve 0.3 s in ${runs} rounds (95 % CI ${width.toFixed(0)} ms wide); the gate rightly passed: ${last}`);
				return;
			}
			assert.equal(r.status, 1, r.stderr);
			assert.match(last, /^patchlens: startup budget FAIL patchlens\/slow:1 vs patchlens\/fast:1 at 1 container \(warm\): median \+.* 95 % CI \+.* — regression: the whole interval lies above the 2 % threshold/);
			assert.equal(report.gate?.pass, false);
			assert.ok(regression.ci95[0] > regression.limitMs, `CI ${regression.ci95} entirely above ${regression.limitMs}`);
			return;
		}
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
		// An absolute budget no container can meet: the verdict does not depend on noise.
		writeFileSync(path.join(project, '.patchlens.yaml'), 'budget:\n  regression: 10%\n  absolute: 1ms@1\n');
		const r = bench([path.join(project, 'slow.Dockerfile'), '--baseline', FAST.ref, '--format', 'json'], 3);
		assert.equal(r.status, 1, r.stderr);
		const [line] = gateLines(r.stderr);
		assert.match(line, /^patchlens: startup budget FAIL patchlens-bench:slow\.dockerfile .*\[budget from app\/\.patchlens\.yaml\]$/);
		const report = JSON.parse(r.stdout) as BenchmarkReport;
		assert.deepEqual(report.gate!.checks.map(c => c.kind).sort(), ['absolute', 'regression'], 'both keys of the file were applied');
		const absolute = report.gate!.checks.find(c => c.kind === 'absolute')!;
		assert.equal(absolute.verdict, 'over-budget');
		assert.match(absolute.line, /over budget: the whole interval lies above 1\.0 ms \(1ms@1\)/);
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

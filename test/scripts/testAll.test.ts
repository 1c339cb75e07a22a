// scripts/test-all.sh in a scratch copy of the repository layout whose steps are stand-ins: a failing
// unit suite must not keep the VS Code suite from running, and the summary names what failed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const SCRIPT = path.join(__dirname, '../../scripts/test-all.sh');

/** A repository copy where each step script records that it ran and exits with the given code. */
function scratch(exits: Record<string, number>): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'patchlens-test-all-'));
	mkdirSync(path.join(dir, 'scripts/env'), { recursive: true });
	mkdirSync(path.join(dir, 'node_modules'));
	mkdirSync(path.join(dir, 'bin'));
	writeFileSync(path.join(dir, 'package-lock.json'), '{}');
	writeFileSync(path.join(dir, 'node_modules/.package-lock.json'), '{}');
	copyFileSync(SCRIPT, path.join(dir, 'scripts/test-all.sh'));
	const stub = (name: string) => `#!/bin/sh\necho ran >> "${dir}/ran-${name.replace(/\W+/g, '_')}"\nexit ${exits[name] ?? 0}\n`;
	for (const name of ['env/up.sh', 'env/down.sh', 'test-unit.sh', 'test-e2e.sh']) writeFileSync(path.join(dir, 'scripts', name), stub(name));
	// npm run <script>: one stand-in for build, typecheck, lint and package.
	writeFileSync(path.join(dir, 'bin/npm'), `#!/bin/sh\necho ran >> "${dir}/ran-npm_$2"\nexit 0\n`);
	chmodSync(path.join(dir, 'bin/npm'), 0o755);
	return dir;
}

function testAll(dir: string) {
	return spawnSync('bash', [path.join(dir, 'scripts/test-all.sh')], { encoding: 'utf8', env: { ...process.env, PATH: `${dir}/bin:${process.env.PATH}` } });
}

describe('scripts/test-all.sh', () => {
	it('runs the VS Code suites after a unit failure, lists every step and exits non-zero', () => {
		const dir = scratch({ 'test-unit.sh': 1 });
		const r = testAll(dir);
		assert.equal(r.status, 1, r.stdout + r.stderr);
		assert.ok(existsSync(path.join(dir, 'ran-test_e2e_sh')), 'the VS Code suite ran');
		assert.ok(existsSync(path.join(dir, 'ran-env_down_sh')), 'the environment was stopped');
		const summary = r.stdout.slice(r.stdout.lastIndexOf('=== summary'));
		assert.match(summary, /FAILED {2}unit, server, CLI, engine and registry suites \(exit 1, \d+ s\)/);
		assert.match(summary, /ok {6}real VS Code \(code-server\) suites/);
		assert.match(summary, /test-all: 1 of 7 steps FAILED/);
	});

	it('exits 0 with a closing line when every step passes', () => {
		const r = testAll(scratch({}));
		assert.equal(r.status, 0, r.stdout + r.stderr);
		assert.match(r.stdout.trimEnd().split('\n').at(-1)!, /^test-all: all 7 steps passed$/);
	});
});

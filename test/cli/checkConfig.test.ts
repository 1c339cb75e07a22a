import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const CLI = path.join(__dirname, '../../cli/out/patchlens.js');

function run(args: string[], cwd: string) {
	// HOME and XDG point into the test folder so no per-user hadolint config can leak in.
	const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', HOME: cwd, XDG_CONFIG_HOME: path.join(cwd, '.xdg') } });
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function repo(files: Record<string, string>): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'patchlens-cfg-'));
	mkdirSync(path.join(dir, '.git'));
	for (const [name, text] of Object.entries(files)) {
		mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
		writeFileSync(path.join(dir, name), text);
	}
	return dir;
}

// acme.invalid: a private image, so only DL3006 / DL3007 have an opinion about these lines.
const DOCKERFILE = 'FROM acme.invalid/app\nFROM acme.invalid/web:latest\n';
const json = (stdout: string) => (JSON.parse(stdout) as { code: string; severity: string }[]).map(f => `${f.code}:${f.severity}`).sort();
const base = ['check', '-f', 'json', '--offline', '--now', '2026-11-27'];

describe('patchlens check with .hadolint.yaml', () => {
	it('finds the nearest config above each Dockerfile and applies ignored and override', () => {
		const dir = repo({
			'.hadolint.yaml': 'ignored: [DL3007]\n',
			'svc/Dockerfile': DOCKERFILE,
			'web/.hadolint.yml': 'override:\n  style: [DL3006]\n',
			'web/Dockerfile': DOCKERFILE,
		});
		const r = run([...base, '-t', 'none', 'svc/Dockerfile'], dir);
		assert.deepEqual(json(r.stdout), ['DL3006:warning'], r.stderr);
		const web = run([...base, '-t', 'none', 'web'], dir);
		assert.deepEqual(json(web.stdout), ['DL3006:style', 'DL3007:warning'], 'the nearer file is used alone');
	});

	it('takes failure-threshold from the config unless the flag is given', () => {
		const dir = repo({ '.hadolint.yaml': 'failure-threshold: error\n', 'Dockerfile': DOCKERFILE });
		assert.equal(run([...base, '.'], dir).code, 0, 'warnings stay below the configured error threshold');
		assert.equal(run([...base, '--failure-threshold', 'warning', '.'], dir).code, 1, 'the flag wins');
		const noFail = repo({ '.hadolint.yaml': 'no-fail: true\n', 'Dockerfile': DOCKERFILE });
		assert.equal(run([...base, '.'], noFail).code, 0);
	});

	it('uses --config for every file and fails clearly when it cannot be read', () => {
		const dir = repo({ '.hadolint.yaml': 'ignored: [DL3006]\n', 'ci/strict.yaml': 'override:\n  error: [DL3006, DL3007]\n', 'Dockerfile': DOCKERFILE });
		const r = run([...base, '-t', 'none', '--config', 'ci/strict.yaml', '.'], dir);
		assert.deepEqual(json(r.stdout), ['DL3006:error', 'DL3007:error']);
		const missing = run([...base, '--config', 'nope.yaml', '.'], dir);
		assert.equal(missing.code, 2);
		assert.match(missing.stderr, /^patchlens: cannot read nope\.yaml: no such file$/m);
	});

	it('warns about a malformed config with file:line:col and goes on with defaults', () => {
		const dir = repo({ '.hadolint.yaml': 'ignored: [DL3006]\noverride:\n  error: DL3007\nfailure-threshold: loud\n', 'Dockerfile': DOCKERFILE });
		const r = run([...base, '.'], dir);
		assert.match(r.stderr, /^patchlens: error: \.hadolint\.yaml:3:10: override\.error must be a list/m);
		assert.match(r.stderr, /^patchlens: error: \.hadolint\.yaml:4:20: failure-threshold must be one of/m);
		assert.deepEqual(json(r.stdout), ['DL3007:warning'], 'the valid ignore still applies');
		assert.equal(r.code, 1, 'default threshold');
		const broken = repo({ '.hadolint.yaml': 'ignored: [DL3006\n', 'Dockerfile': DOCKERFILE });
		const b = run([...base, '.'], broken);
		assert.match(b.stderr, /^patchlens: error: \.hadolint\.yaml:\d+:\d+: Invalid YAML/m);
		assert.deepEqual(json(b.stdout), ['DL3006:warning', 'DL3007:warning']);
		assert.doesNotMatch(b.stderr, /\n\s+at /, 'no stack trace');
	});

	it('reads the per-user config when the project has none', () => {
		const dir = repo({ '.xdg/hadolint.yaml': 'ignored: [DL3006, DL3007]\n', 'Dockerfile': DOCKERFILE });
		const r = run([...base, '.'], dir);
		assert.deepEqual(json(r.stdout), []);
		assert.equal(r.code, 0);
	});
});

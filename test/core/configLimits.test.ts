// Config files are input from whatever repository was cloned (issue 17 item 7): big ones are refused
// unread, and a well-formed code that names no rule is a warning naming the nearest one. The loader
// is shared by the CLI and the language server.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseHadolintConfig } from '../../server/src/core/config';
import { loadConfigFile, MAX_CONFIG_BYTES } from '../../server/src/core/configLookup';

const CLI = path.join(__dirname, '../../cli/out/patchlens.js');

function folder(files: Record<string, string>): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'patchlens-config-'));
	for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
	return dir;
}

describe('config limits', () => {
	it('refuses a config file over 1 MB without parsing it', async () => {
		const dir = folder({ '.hadolint.yaml': `ignored:\n${'  - DL3008\n'.repeat(MAX_CONFIG_BYTES / 10 + 1)}` });
		const loaded = await loadConfigFile(path.join(dir, '.hadolint.yaml'));
		assert.equal(loaded.ok, false);
		assert.match(!loaded.ok ? loaded.error : '', /\.hadolint\.yaml is larger than 1 MB; not read$/);
		const small = folder({ '.hadolint.yaml': 'ignored: [DL3008]\n' });
		assert.equal((await loadConfigFile(path.join(small, '.hadolint.yaml'))).ok, true);
	});

	it('check warns about a big config found by the upward walk and goes on with defaults; --config makes it an error', () => {
		const dir = folder({ '.hadolint.yaml': `ignored:\n${'  - DL3006\n'.repeat(MAX_CONFIG_BYTES / 10 + 1)}`, Dockerfile: 'FROM ubuntu\n' });
		const run = (args: string[]) => spawnSync(process.execPath, [CLI, 'check', '--offline', '--now', '2026-11-27', ...args], { cwd: dir, encoding: 'utf8' });
		const found = run(['Dockerfile']);
		assert.match(found.stderr, /warning: .*\.hadolint\.yaml is larger than 1 MB; not read; using defaults/);
		assert.match(found.stdout, /DL3006/, 'the ignore list in the refused file does not apply');
		const explicit = run(['--config', '.hadolint.yaml', 'Dockerfile']);
		assert.equal(explicit.status, 2);
	});

	it('warns about unknown rule codes, naming the nearest known one, and keeps hadolint and ShellCheck codes quiet', () => {
		const knownCodes = new Set(['DL3008', 'DL3009', 'DL3015', 'PL101', 'PL102']);
		const { config, problems } = parseHadolintConfig('ignored:\n  - DL3088\n  - SC2086\n  - DL3008\noverride:\n  error:\n    - PL1O1\n    - PL109\n', { knownCodes });
		assert.deepEqual(problems.map(p => [p.severity, p.range.start.line, p.message]), [
			['warning', 1, 'ignored: unknown rule code "DL3088"; did you mean DL3008?'],
			['warning', 6, 'override.error: "PL1O1" is not a rule code like DL3008 or PL101; skipped.'],
			['warning', 7, 'override.error: unknown rule code "PL109"; did you mean PL101?'],
		]);
		assert.deepEqual(config.ignored, ['DL3088', 'SC2086', 'DL3008']);
	});

	it('the loader knows every Patchlens rule and every hadolint rule', async () => {
		const dir = folder({ '.hadolint.yaml': 'ignored: [DL3088, DL3061, DL4006, DL1001, PL101, SC1091]\n' });
		const loaded = await loadConfigFile(path.join(dir, '.hadolint.yaml'));
		assert.ok(loaded.ok);
		assert.deepEqual(loaded.parsed.problems.map(p => p.message), ['ignored: unknown rule code "DL3088"; did you mean DL3008?']);
	});
});

// What a fresh clone on another machine sees: the built CLI runs through npx, and its output does
// not depend on the machine's locale.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const ROOT = path.join(__dirname, '../..');
const CLI = path.join(ROOT, 'cli/out/patchlens.js');

describe('fresh machine', () => {
	it('the build leaves the CLI executable: `npx patchlens` runs it', () => {
		assert.ok((statSync(CLI).mode & 0o111) !== 0, 'cli/out/patchlens.js lost its exec bit');
		const r = spawnSync('npx', ['--no-install', 'patchlens', '--version'], { cwd: ROOT, encoding: 'utf8' });
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, /^\d+\.\d+\.\d+/);
	});

	it('lists files in the same order whatever the locale (LANG/LC_ALL)', () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'patchlens-locale-'));
		for (const name of ['z', 'ä', 'B', 'a']) {
			mkdirSync(path.join(dir, name));
			writeFileSync(path.join(dir, name, 'Dockerfile'), 'FROM ubuntu\n');
		}
		const files = (locale: string) => {
			const env = { ...process.env, LANG: locale, LC_ALL: locale, NO_COLOR: '1' };
			const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '--offline', '--now', '2026-11-27', '.'], { cwd: dir, env, encoding: 'utf8' });
			return [...new Set((JSON.parse(r.stdout) as { file: string }[]).map(f => path.dirname(f.file)))];
		};
		// Code-unit order: upper case first, `ä` after `z`. In en_US `localeCompare` gives a, ä, B, z.
		const expected = ['B', 'a', 'z', 'ä'];
		for (const locale of ['C.UTF-8', 'en_US.UTF-8', 'sv_SE.UTF-8']) assert.deepEqual(files(locale), expected, locale);
	});
});

describe('a UTF-8 byte-order mark (as BuildKit: stripped)', () => {
	it('does not shift line 1\'s columns, and --fix keeps the mark', () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'patchlens-bom-'));
		const file = path.join(dir, 'Dockerfile');
		writeFileSync(file, '\uFEFFFROM debian:12\nRUN apt-get update && apt-get install -y curl\n');
		const run = (...args: string[]) => spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '--offline', '--now', '2026-11-27', ...args, file], { encoding: 'utf8' });
		const before = JSON.parse(run().stdout) as { code: string; line: number; column: number }[];
		// Columns as an editor shows them: `debian:12` starts at column 6 of line 1 (no BOM counted).
		assert.deepEqual(before.filter(f => f.line === 1).map(f => [f.code, f.column]), before.filter(f => f.line === 1).map(f => [f.code, 6]));
		assert.ok(before.some(f => f.line === 1), JSON.stringify(before));
		run('--fix');
		const fixed = readFileSync(file, 'utf8');
		assert.ok(fixed.startsWith('\uFEFFFROM debian:'), JSON.stringify(fixed.slice(0, 20)));
		assert.match(fixed, /--no-install-recommends/);
	});
});

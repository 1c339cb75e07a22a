import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { writeFileAtomic } from '../../cli/src/fix';
import { discoverDockerfiles } from '../../cli/src/discover';

const CLI = path.join(__dirname, '../../cli/out/patchlens.js');
const FIX_SOURCE = path.join(__dirname, '../../cli/src/fix.ts');

function run(args: string[], cwd: string) {
	const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function folder(files: Record<string, string> = {}): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'patchlens-fix-'));
	for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
	return dir;
}

const codes = (stdout: string) => (JSON.parse(stdout) as { code: string }[]).map(f => f.code);

describe('patchlens check --fix', () => {
	it('bumps an outdated base image in place, keeps the mode, and reports what remains', () => {
		// PL103 (behind the latest patch of its line) has a preferred, variant-keeping fix.
		// A private image has no lifecycle data, so its DL3006 has no fix and must remain.
		const original = '# api\nFROM node:22.11.0-alpine AS build\nRUN npm ci\nFROM acme.invalid/app\n';
		const dir = folder({ 'Dockerfile': original, 'clean.Dockerfile': 'FROM scratch\n' });
		chmodSync(path.join(dir, 'Dockerfile'), 0o640);
		const before = run(['check', '-f', 'json', '--offline', '--now', '2026-11-27', 'Dockerfile'], dir);
		assert.ok(codes(before.stdout).includes('PL103'), before.stdout);

		const r = run(['check', '--fix', '-f', 'json', '--offline', '--now', '2026-11-27', '.'], dir);
		const fixed = readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
		assert.notEqual(fixed, original);
		assert.match(fixed, /^# api\nFROM node:22\.\d+\.\d+-alpine AS build\nRUN npm ci\nFROM acme\.invalid\/app\n$/, 'variant, stage name and other lines kept');
		assert.deepEqual(codes(r.stdout).filter(c => c === 'PL103'), [], 'the report is about the fixed text');
		assert.ok(codes(r.stdout).includes('DL3006'), 'findings without a fix remain');
		assert.equal(r.code, 1);
		assert.match(r.stderr, /^patchlens: fixed 1 problem in Dockerfile$/m);
		assert.equal(statSync(path.join(dir, 'Dockerfile')).mode & 0o777, 0o640);
		assert.equal(readFileSync(path.join(dir, 'clean.Dockerfile'), 'utf8'), 'FROM scratch\n', 'untouched');
		assert.deepEqual(readdirSync(dir).sort(), ['Dockerfile', 'clean.Dockerfile'], 'no temp files left');
		// A second run has nothing left to fix and does not rewrite the file.
		const mtime = statSync(path.join(dir, 'Dockerfile')).mtimeMs;
		const again = run(['check', '--fix', '--offline', '--now', '2026-11-27', '.'], dir);
		assert.doesNotMatch(again.stderr, /fixed/);
		assert.equal(statSync(path.join(dir, 'Dockerfile')).mtimeMs, mtime);
	});

	it('fails with one clear line when the file cannot be replaced, leaving it as it was', { skip: process.getuid?.() === 0 && 'root ignores permissions' }, () => {
		const dir = folder({ 'Dockerfile': 'FROM node:22.11.0\n' });
		chmodSync(dir, 0o555);
		try {
			const r = run(['check', '--fix', '--offline', '--now', '2026-11-27', 'Dockerfile'], dir);
			assert.equal(r.code, 2);
			assert.match(r.stderr, /^patchlens: error: Dockerfile left unchanged: cannot write it: permission denied$/m);
		} finally {
			chmodSync(dir, 0o755);
		}
		assert.equal(readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), 'FROM node:22.11.0\n');
		assert.deepEqual(readdirSync(dir), ['Dockerfile']);
	});
});

describe('writeFileAtomic', () => {
	it('replaces content and keeps the mode, through a symlink too', async () => {
		const dir = folder({ 'Dockerfile': 'old\n' });
		chmodSync(path.join(dir, 'Dockerfile'), 0o751);
		symlinkSync(path.join(dir, 'Dockerfile'), path.join(dir, 'link'));
		await writeFileAtomic(path.join(dir, 'link'), 'new\n');
		assert.equal(readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), 'new\n');
		assert.equal(statSync(path.join(dir, 'Dockerfile')).mode & 0o7777, 0o751);
		assert.ok(statSync(path.join(dir, 'link'), { throwIfNoEntry: true }) && readdirSync(dir).sort().join() === 'Dockerfile,link');
	});

	it('an error before the rename leaves the old file whole and no temp file', async () => {
		const dir = folder({ 'Dockerfile': 'old\n' });
		await assert.rejects(writeFileAtomic(path.join(dir, 'Dockerfile'), 'new\n', {
			beforeRename: temp => {
				assert.equal(readFileSync(temp, 'utf8'), 'new\n', 'the temp file holds the whole new text');
				throw new Error('disk full');
			},
		}), /disk full/);
		assert.equal(readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), 'old\n');
		assert.deepEqual(readdirSync(dir), ['Dockerfile']);
	});

	it('a process killed mid-write leaves the old file whole, and its leftover is never taken for a Dockerfile', async () => {
		const dir = folder({ 'Dockerfile': 'old\n'.repeat(10_000) });
		const script = path.join(dir, 'crash.ts');
		writeFileSync(script, [
			`import { writeFileAtomic } from ${JSON.stringify(FIX_SOURCE)};`,
			`void writeFileAtomic(${JSON.stringify(path.join(dir, 'Dockerfile'))}, 'new\\n'.repeat(10_000), {`,
			`	beforeRename: () => { process.kill(process.pid, 'SIGKILL'); },`,
			'});',
		].join('\n'));
		const r = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8' });
		assert.equal(r.signal, 'SIGKILL', r.stderr);
		assert.equal(readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), 'old\n'.repeat(10_000));
		const leftovers = readdirSync(dir).filter(f => f.endsWith('.tmp'));
		assert.equal(leftovers.length, 1);
		assert.match(leftovers[0], /^\.Dockerfile\.patchlens-\d+-[0-9a-f]+\.tmp$/);
		assert.deepEqual((await discoverDockerfiles([dir])).files, [path.join(dir, 'Dockerfile')]);
	});

	it('readers racing many rewrites only ever see a complete old or new file', async () => {
		const dir = folder();
		const file = path.join(dir, 'Dockerfile');
		const a = 'FROM a\n' + 'RUN a\n'.repeat(50_000);
		const b = 'FROM b\n' + 'RUN b\n'.repeat(60_000);
		writeFileSync(file, a);
		let writing = true;
		const writer = (async () => {
			for (let i = 0; i < 40; i++) await writeFileAtomic(file, i % 2 ? a : b);
			writing = false;
		})();
		let reads = 0;
		while (writing) {
			const seen = await readFile(file, 'utf8');
			assert.ok(seen === a || seen === b, `torn read of ${seen.length} chars`);
			reads++;
		}
		await writer;
		assert.ok(reads > 0);
		assert.deepEqual(readdirSync(dir), ['Dockerfile']);
	});
});

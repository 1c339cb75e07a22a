import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const CLI = path.join(__dirname, '../../cli/out/patchlens.js');
const EXAMPLES = path.join(__dirname, '../../examples');

function run(args: string[], cwd = process.cwd()) {
	const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('patchlens check: lifecycle findings on the examples', () => {
	it('lights up the outdated examples offline, as of --now', () => {
		const r = run(['check', '--offline', '--now', '2026-11-27', '--format', 'json', EXAMPLES]);
		assert.equal(r.code, 1, r.stderr);
		const rows: { file: string; code: string; line: number; message: string }[] = JSON.parse(r.stdout);
		const codes = (dir: string) => rows.filter(f => f.file.includes(`${dir}${path.sep}`)).map(f => f.code).filter(c => /^PL1/.test(c)).sort();
		assert.deepEqual(codes('python-api'), ['PL104', 'PL107']);
		assert.deepEqual(codes('go-service'), ['PL101', 'PL107']);
		assert.deepEqual(codes('node-web'), ['PL101', 'PL107']);
		const node = rows.find(f => f.code === 'PL101' && f.file.includes('node-web'))!;
		assert.equal(node.line, 3);
		assert.match(node.message, /Node\.js 18 reached end of life on 2025-04-30/);
		assert.match(node.message, /resolves to `node:18\.19\.0-alpine3\.18`/);
	});
	it('judges the same files differently at another date', () => {
		const r = run(['check', '--offline', '--now', '2024-01-15', '--format', 'json', path.join(EXAMPLES, 'go-service')]);
		const rows: { code: string }[] = JSON.parse(r.stdout);
		assert.ok(!rows.some(f => f.code === 'PL101'), 'Go 1.21 was supported in January 2024');
	});
	it('takes repeatable --build-arg values for ARGs in FROM lines', () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'patchlens-cli-'));
		writeFileSync(path.join(dir, 'Dockerfile'), 'ARG GO\nARG VARIANT=bookworm\nFROM golang:${GO}-${VARIANT}\n');
		const without = JSON.parse(run(['check', '--offline', '--now', '2026-11-27', '--format', 'json', dir]).stdout) as { code: string }[];
		assert.ok(!without.some(f => f.code === 'PL101'), 'unresolvable: no finding');
		const r = run(['check', '--offline', '--now', '2026-11-27', '--format', 'json', '--build-arg', 'GO=1.21.6', '--build-arg', 'VARIANT=alpine3.20', dir]);
		const rows: { code: string; message: string }[] = JSON.parse(r.stdout);
		assert.ok(rows.some(f => f.code === 'PL101' && /golang:1\.21\.6-alpine3\.20/.test(f.message)), r.stdout);
		const bad = run(['check', '--build-arg', 'not valid', dir]);
		assert.equal(bad.code, 2);
		assert.match(bad.stderr, /NAME=VALUE/);
	});
});

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const CLI = path.join(__dirname, '../../cli/out/patchlens.js');

function run(args: string[], cwd = process.cwd()) {
	const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function workspace(files: Record<string, string>): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'patchlens-cli-'));
	for (const [name, text] of Object.entries(files)) {
		mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
		writeFileSync(path.join(dir, name), text);
	}
	return dir;
}

describe('patchlens check', () => {
	it('finds Dockerfiles in folders and prints the JSON contract with 1-based positions', () => {
		const dir = workspace({
			'Dockerfile': 'FROM ubuntu\n',
			'svc/api.Dockerfile': 'FROM node:22.11.0\nFROM node:latest\n',
			'svc/Containerfile': 'FROM scratch\n',
			'node_modules/x/Dockerfile': 'FROM ubuntu\n',
			'README.md': 'FROM ubuntu\n',
		});
		const r = run(['check', '--format', 'json', '--offline', '--now', '2026-11-27', '.'], dir);
		assert.equal(r.code, 1, r.stderr);
		const out = JSON.parse(r.stdout);
		const rows = out.filter((f: { code: string }) => f.code === 'DL3006' || f.code === 'DL3007');
		assert.deepEqual(rows.map((f: { file: string; code: string; line: number }) => [f.file, f.code, f.line]), [
			['Dockerfile', 'DL3006', 1],
			[path.join('svc', 'api.Dockerfile'), 'DL3007', 2],
		]);
		assert.deepEqual(Object.keys(rows[0]).sort(), ['code', 'column', 'endColumn', 'endLine', 'file', 'line', 'message', 'severity']);
		assert.equal(rows[0].column, 6);
		assert.equal(rows[0].endColumn, 12);
	});

	it('exits 0 below the failure threshold and 1 at it', () => {
		const dir = workspace({ 'Dockerfile': 'FROM ubuntu\n' });
		assert.equal(run(['check', '--failure-threshold', 'error', '--offline', dir]).code, 0);
		assert.equal(run(['check', '--failure-threshold', 'none', '--offline', dir]).code, 0);
		assert.equal(run(['check', '--failure-threshold', 'warning', '--offline', dir]).code, 1);
	});

	it('prints readable text with a summary line', () => {
		const dir = workspace({ 'Dockerfile': 'FROM ubuntu\n' });
		const r = run(['check', '--offline', 'Dockerfile'], dir);
		assert.match(r.stdout, /^Dockerfile:1:6 warning DL3006 /m);
		assert.match(r.stdout, /finding.* in 1 Dockerfile\.$/m);
	});

	it('exits 2 with one clear line on usage errors and unreadable input, never a stack trace', () => {
		for (const args of [['check', '/no/such/path'], ['check', '--format', 'xml', '.'], ['check', '--now', 'yesterday', '.'], ['frobnicate']]) {
			const r = run(args);
			assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
			assert.ok(r.stderr.trim().length > 0);
			assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
		}
		const empty = workspace({ 'notes.txt': 'hi' });
		const r = run(['check', empty]);
		assert.equal(r.code, 2);
		assert.match(r.stderr, /no Dockerfiles found/);
	});

	it('writes SARIF 2.1.0 with rule metadata', () => {
		const dir = workspace({ 'Dockerfile': 'FROM ubuntu:latest\n' });
		const r = run(['check', '--format', 'sarif', '--offline', 'Dockerfile'], dir);
		const sarif = JSON.parse(r.stdout);
		assert.equal(sarif.version, '2.1.0');
		const run0 = sarif.runs[0];
		assert.ok(run0.tool.driver.rules.some((rule: { id: string; helpUri: string }) => rule.id === 'DL3007' && rule.helpUri.endsWith('DL3007.md')));
		assert.equal(run0.results[0].locations[0].physicalLocation.region.startLine, 1);
	});
});

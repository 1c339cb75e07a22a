// Structural errors (PL001–PL005): what docker build rejects outright, reported as hadolint and
// dockerfile-utils would have the user see it — while the instruction rules still judge fragments.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { assertCatches, assertCatchesNot, findings } from '../helpers/analyze';

const codes = (text: string) => findings(text).map(f => `${f.code}:${f.range.start.line + 1}`);

describe('PL001 no FROM', () => {
	it('fires once on a fragment, and the usual DL findings still come', () => {
		const text = 'RUN apt-get update\nRUN apt-get install -y curl\n';
		const [f] = assertCatches('PL001', text, [1]);
		assert.equal(f.severity, 'error');
		assert.deepEqual(codes(text).filter(c => c.startsWith('DL')).sort(), ['DL3008:2', 'DL3009:1', 'DL3015:2', 'DL3059:2']);
	});
	it('stays silent when a FROM exists, and on an empty file (PL004)', () => {
		assertCatchesNot('PL001', 'ARG V=1\nFROM alpine:3.20\n');
		assertCatchesNot('PL001', '');
	});
});

describe('PL002 instruction before the first FROM', () => {
	it('fires on each non-ARG instruction before FROM; ARG and parser directives are fine', () => {
		assertCatches('PL002', '# syntax=docker/dockerfile:1\nARG BASE=alpine:3.20\nRUN echo hi\nENV A=1\nFROM $BASE\nRUN echo ok\n', [3, 4]);
		assertCatchesNot('PL002', '# escape=`\nARG V=3.20\nFROM alpine:$V\n');
	});
	it('the RUN before FROM is still linted (DL3059 does not join it to the stage\'s RUN)', () => {
		assertCatches('DL3008', 'RUN apt-get install -y curl\nFROM debian:12\n', [1]);
		assertCatchesNot('DL3059', 'RUN a\nFROM debian:12\nRUN b\n');
	});
});

describe('PL003 unknown instruction', () => {
	it('fires on a stray line of shell after a forgotten continuation and on typos, any case', () => {
		assertCatches('PL003', 'FROM debian:12\nRUN apt-get install -y \\\n  curl\n  jq\nCOPPY . /app\n', [4, 5]);
		assertCatchesNot('PL003', 'from alpine:3.20\nrun echo\nonbuild run echo\nhealthcheck none\nstopsignal SIGTERM\nmaintainer me\n');
	});
});

describe('PL004 empty file', () => {
	it('fires on nothing, blank lines or only comments', () => {
		for (const text of ['', '\n\n', '# syntax=docker/dockerfile:1\n# a comment\n']) assertCatches('PL004', text, [1]);
		assertCatchesNot('PL004', 'FROM scratch\n');
	});
});

describe('PL005 not a text file', () => {
	it('fires alone on a binary: nothing else judges what the parser made of it', () => {
		const elf = readFileSync(process.execPath).subarray(0, 4096).toString('utf8');
		assert.deepEqual(codes(elf), ['PL005:1']);
		assert.deepEqual(findings('FROM alpine:3.20\nRUN echo a\0b\n').map(f => [f.code, f.range.start]), [['PL005', { line: 1, character: 10 }]]);
	});
	it('fires on bytes that are not UTF-8 (a Latin-1 file decoded leniently)', () => {
		const latin1 = Buffer.from('FROM alpine:3.20\nLABEL author="Jos\xe9"\n', 'latin1').toString('utf8');
		assert.deepEqual(codes(latin1), ['PL005:2']);
		assertCatchesNot('PL005', 'FROM alpine:3.20\nLABEL author="José" note="tab\there"\n');
	});
});

describe('patchlens check on structural errors', () => {
	const CLI = path.join(__dirname, '../../cli/out/patchlens.js');
	it('reports the structural error with the usual DL findings and exits 1', () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'patchlens-structure-'));
		writeFileSync(path.join(dir, 'Dockerfile'), 'RUN apt-get update && apt-get install -y curl\n');
		writeFileSync(path.join(dir, 'tool.Dockerfile'), readFileSync(process.execPath).subarray(0, 2048));
		const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '--offline', '--now', '2026-11-27', '.'], { cwd: dir, encoding: 'utf8' });
		assert.equal(r.status, 1, r.stderr);
		const rows = (JSON.parse(r.stdout) as { file: string; code: string; severity: string }[]).map(f => `${f.file} ${f.code} ${f.severity}`);
		assert.ok(rows.includes('Dockerfile PL001 error') && rows.includes('Dockerfile DL3008 warning'), rows.join('\n'));
		assert.deepEqual(rows.filter(r => r.startsWith('tool.')), ['tool.Dockerfile PL005 error']);
	});
});

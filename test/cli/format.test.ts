/* eslint-disable no-control-regex -- these tests are about control characters and ANSI colours */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import { formatters } from '../../cli/src/format/index';
import { excerptOf } from '../../cli/src/format/text';
import type { FileReport, FormatContext } from '../../cli/src/format/types';
import type { Finding } from '../../server/src/core/finding';
import { rules } from '../../server/src/core/rules/index';

const CLI = path.join(__dirname, '../../cli/out/patchlens.js');
const SCHEMA_FILE = path.join(__dirname, '../fixtures/schemas/sarif-schema-2.1.0.json');
const ctx: FormatContext = { rules, color: false, toolVersion: '1.2.3' };

const finding = (code: string, line: number, start: number, end: number, severity: Finding['severity'], message: string): Finding =>
	({ code, severity, message, range: { start: { line, character: start }, end: { line, character: end } } });

const text = 'FROM ubuntu\nFROM node:latest AS web\nFROM ubuntu\n';
const reports: FileReport[] = [
	{ file: 'svc/api/Dockerfile', text, findings: [
		finding('DL3006', 0, 5, 11, 'warning', 'Always tag `ubuntu` & <pin> "it"'),
		finding('DL3007', 1, 5, 16, 'error', 'latest'),
		finding('DL3006', 2, 5, 11, 'style', 'Always tag `ubuntu` & <pin> "it"'),
	] },
	{ file: 'clean.Dockerfile', text: 'FROM scratch\n', findings: [] },
];

function sarifValidator() {
	const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));
	// Draft-04 spelling -> draft-07 (see test/fixtures/schemas/README.md).
	schema.$id = schema.id;
	delete schema.id;
	delete schema.$schema;
	const ajv = new Ajv({ strict: false, allErrors: true });
	addFormats(ajv);
	return ajv.compile(schema);
}

function runCli(args: string[], cwd: string) {
	const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('SARIF', () => {
	it('uses the unmodified official schema', () => {
		const hash = createHash('sha256').update(readFileSync(SCHEMA_FILE)).digest('hex');
		assert.equal(hash, 'c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e');
	});

	it('validates against the SARIF 2.1.0 schema, with and without results', () => {
		const validate = sarifValidator();
		for (const input of [reports, [reports[1]]]) {
			const sarif = JSON.parse(formatters.sarif(input, ctx));
			assert.ok(validate(sarif), JSON.stringify(validate.errors, null, 1));
		}
		// The validator is not a rubber stamp.
		const broken = JSON.parse(formatters.sarif(reports, ctx));
		broken.runs[0].results[0].level = 'fatal';
		assert.equal(validate(broken), false);
	});

	it('the CLI\'s SARIF for a real run validates, with help URIs for every rule it reports', () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'patchlens-sarif-'));
		writeFileSync(path.join(dir, 'Dockerfile'), 'FROM python:3.12.1-slim-bullseye\nRUN apt-get update\nRUN apt-get install -y curl\nFROM ubuntu:latest\n');
		const r = runCli(['check', '-f', 'sarif', '--offline', '--now', '2026-11-27', 'Dockerfile'], dir);
		const sarif = JSON.parse(r.stdout);
		const validate = sarifValidator();
		const valid: boolean = validate(sarif);
		assert.ok(valid, JSON.stringify(validate.errors, null, 1));
		const run = sarif.runs[0];
		assert.ok(run.results.length >= 2);
		for (const result of run.results) {
			const rule = run.tool.driver.rules[result.ruleIndex];
			assert.equal(rule.id, result.ruleId);
			assert.match(rule.helpUri, new RegExp(`/docs/rules/${result.ruleId}\\.md$`));
		}
	});
});

describe('checkstyle', () => {
	it('writes well-formed XML with one <file> per Dockerfile and escaped messages', () => {
		const xml = formatters.checkstyle(reports, ctx);
		assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<checkstyle version="4.3">/);
		const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: name => name === 'file' || name === 'error' }).parse(xml);
		const files = doc.checkstyle.file;
		assert.deepEqual(files.map((f: { name: string }) => f.name), ['svc/api/Dockerfile', 'clean.Dockerfile']);
		assert.deepEqual(files[0].error.map((e: Record<string, string>) => [e.line, e.column, e.severity, e.source]), [
			['1', '6', 'warning', 'DL3006'], ['2', '6', 'error', 'DL3007'], ['3', '6', 'info', 'DL3006'],
		]);
		assert.equal(files[0].error[0].message, 'Always tag `ubuntu` & <pin> "it"', 'escaped in the file, intact once parsed');
		assert.match(xml, /message="Always tag `ubuntu` &amp; &lt;pin&gt; &quot;it&quot;"/);
		assert.equal(files[1].error, undefined);
	});

	it('never emits characters XML cannot carry', () => {
		const xml = formatters.checkstyle([{ file: 'a\u0001b', text: '', findings: [finding('DL3006', 0, 0, 1, 'info', 'x\u0000y\ud800\nz')] }], ctx);
		assert.doesNotMatch(xml, /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
		assert.match(xml, /message="x\uFFFDy\uFFFD&#10;z"/);
	});
});

describe('gitlab code quality', () => {
	it('writes Code Climate issues with hadolint\'s severity mapping and 1-based lines', () => {
		const issues = JSON.parse(formatters.gitlab(reports, ctx));
		assert.equal(issues.length, 3);
		assert.deepEqual(Object.keys(issues[0]).sort(), ['categories', 'check_name', 'description', 'fingerprint', 'location', 'severity', 'type']);
		assert.deepEqual(issues.map((i: { check_name: string; severity: string; location: { path: string; lines: { begin: number } } }) =>
			[i.check_name, i.severity, i.location.path, i.location.lines.begin]), [
			['DL3006', 'major', 'svc/api/Dockerfile', 1], ['DL3007', 'blocker', 'svc/api/Dockerfile', 2], ['DL3006', 'minor', 'svc/api/Dockerfile', 3],
		]);
		assert.match(issues[0].description, /^DL3006: Always tag/);
	});

	it('fingerprints are unique, and stable when unrelated lines move the finding', () => {
		const before = JSON.parse(formatters.gitlab(reports, ctx));
		const fingerprints = before.map((i: { fingerprint: string }) => i.fingerprint);
		assert.equal(new Set(fingerprints).size, 3, 'the two identical ubuntu lines still differ');
		assert.ok(fingerprints.every((f: string) => /^[0-9a-f]{64}$/.test(f)));
		const shifted: FileReport[] = [{ ...reports[0], text: '# a comment\n' + text, findings: reports[0].findings.map(f => ({ ...f, range: { start: { ...f.range.start, line: f.range.start.line + 1 }, end: { ...f.range.end, line: f.range.end.line + 1 } } })) }];
		const after = JSON.parse(formatters.gitlab(shifted, ctx));
		assert.deepEqual(after.map((i: { fingerprint: string }) => i.fingerprint), fingerprints);
		assert.deepEqual(JSON.parse(formatters.gitlab([{ ...reports[0], file: './svc/api/Dockerfile' }], ctx))[0].location.path, 'svc/api/Dockerfile');
	});
});

describe('text', () => {
	it('prints an excerpt with a caret under the finding when colours are on', () => {
		const out = formatters.text([{ file: 'Dockerfile', text: 'FROM ubuntu\n\tFROM node:latest\n', findings: [finding('DL3007', 1, 6, 17, 'warning', 'latest')] }], { ...ctx, color: true });
		const lines = out.split('\n');
		assert.equal(lines[0], 'Dockerfile:2:7 \x1b[33mwarning\x1b[0m DL3007 latest');
		assert.equal(lines[1], '\x1b[2m  2 | \x1b[0m\tFROM node:latest');
		assert.equal(lines[2], '\x1b[2m    | \x1b[0m\t     \x1b[33m^^^^^^^^^^^\x1b[0m', 'the tab is kept so the caret lines up');
		assert.doesNotMatch(formatters.text(reports, ctx), /\x1b|\|/, 'no colours or excerpts off a terminal');
	});

	it('cuts long lines around the finding and neutralises control characters', () => {
		const long = 'RUN ' + 'x'.repeat(500) + ' BAD ' + 'y'.repeat(500);
		const e = excerptOf(long, 505, 508);
		assert.ok(e.text.length <= 162);
		assert.equal(e.text.slice(e.pad.length, e.pad.length + e.width), 'BAD');
		assert.equal(excerptOf('FROM \x1b[31mevil', 0, 4).text, 'FROM \uFFFD[31mevil');
	});

	it('colours a real terminal and stays plain in a pipe', () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'patchlens-tty-'));
		writeFileSync(path.join(dir, 'Dockerfile'), 'FROM acme.invalid/app\n');
		const env = { ...process.env };
		delete env.NO_COLOR;
		delete env.FORCE_COLOR;
		// `script` gives the CLI a pseudo-terminal as stdout.
		const tty = spawnSync('script', ['-qec', `${process.execPath} ${CLI} check --offline Dockerfile`, '/dev/null'], { cwd: dir, encoding: 'utf8', env });
		if (tty.error) return; // no `script` here: nothing to check
		assert.match(tty.stdout, /\x1b\[33mwarning\x1b\[0m DL3006/);
		assert.match(tty.stdout, /1 \| \x1b\[0mFROM acme\.invalid\/app/);
		const pipe = spawnSync(process.execPath, [CLI, 'check', '--offline', 'Dockerfile'], { cwd: dir, encoding: 'utf8', env });
		assert.doesNotMatch(pipe.stdout, /\x1b/);
		const forced = spawnSync(process.execPath, [CLI, 'check', '--offline', 'Dockerfile'], { cwd: dir, encoding: 'utf8', env: { ...env, FORCE_COLOR: '1' } });
		assert.match(forced.stdout, /\x1b\[33m/);
		const noColor = spawnSync('script', ['-qec', `${process.execPath} ${CLI} check --offline Dockerfile`, '/dev/null'], { cwd: dir, encoding: 'utf8', env: { ...env, NO_COLOR: '1' } });
		assert.doesNotMatch(noColor.stdout, /\x1b/);
	});
});

describe('every format through the CLI', () => {
	it('is selectable with --format and parses', () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'patchlens-formats-'));
		writeFileSync(path.join(dir, 'Dockerfile'), 'FROM acme.invalid/app:latest\n');
		for (const format of Object.keys(formatters)) {
			const r = runCli(['check', '-f', format, '--offline', 'Dockerfile'], dir);
			assert.equal(r.code, 1, `${format}: ${r.stderr}`);
			if (format === 'checkstyle') assert.match(r.stdout, /<error line="1" column="6" severity="warning"/);
			else if (format !== 'text') assert.doesNotThrow(() => JSON.parse(r.stdout), format);
		}
	});
});

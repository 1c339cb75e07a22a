// `patchlens estimate DOCKERFILE` and `check --estimate` estimate the move the FROM's findings propose:
// one target per FROM, so the estimate attached to a finding is for the tag its message names.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { proposedPairs } from '../../cli/src/estimate';
import { findings, NOW } from '../helpers/analyze';

const OPTIONS = { now: NOW, offline: true };

/** The tag the FROM line's lifecycle findings move to (their first fix's text). */
function proposedByFindings(text: string, line: number): string[] {
	return findings(text).filter(f => /^PL10/.test(f.code) && f.range.start.line === line)
		.map(f => (f.fixes?.[0]?.edits[0]?.newText ?? '').replace(/^:/, ''));
}

describe('estimate: the proposed bump of each FROM', () => {
	it('is the target the findings name, distribution move included (golang 1.21 on bookworm)', () => {
		const text = '# a Go service\nFROM golang:1.21.6-bookworm\nRUN go build ./...\n';
		const pairs = proposedPairs(text, OPTIONS);
		assert.equal(pairs.length, 1);
		assert.equal(pairs[0].line, 1);
		assert.equal(pairs[0].image, 'golang:1.21.6-bookworm');
		const named = proposedByFindings(text, 1);
		assert.ok(named.length >= 2, 'PL101 and PL107 fire');
		for (const tag of named) assert.equal(pairs[0].candidate, `golang:${tag}`, 'the estimate is for the tag the findings propose');
	});
	it('proposes a move where only a distribution or variant move settles the findings', () => {
		const pairs = proposedPairs('FROM python:3.12.1-slim-bullseye\n', OPTIONS);
		assert.deepEqual(pairs.map(p => p.candidate), [`python:${proposedByFindings('FROM python:3.12.1-slim-bullseye\n', 0)[0]}`]);
	});
	it('proposes nothing for a FROM without lifecycle findings', () => {
		assert.deepEqual(proposedPairs('FROM scratch\nCOPY x /x\n', OPTIONS), []);
	});
});

describe('estimate: options', () => {
	const CLI = path.join(__dirname, '../../cli/out/patchlens.js');
	const run = (args: string[]) => spawnSync(process.execPath, [CLI, 'estimate', ...args], { encoding: 'utf8' });
	it('takes --registry-timeout in milliseconds, as check does (it was capped at 256)', () => {
		const r = run(['--offline', '--registry-timeout', '10000', '--image', 'python:3.12.1', '--candidate', 'python:3.12.14']);
		assert.equal(r.status, 0, r.stderr);
		assert.equal(run(['--offline', '--registry-timeout', '0', '--image', 'a:1', '--candidate', 'b:1']).status, 2);
	});
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertCatches, assertCatchesNot } from '../helpers/analyze';

describe('DL3007 latest tag', () => {
	it('fires on :latest', () => {
		assertCatches('DL3007', 'FROM debian:latest\nFROM ghcr.io/acme/app:latest AS x\n', [1, 2]);
	});
	it('does not fire on other tags, digests or untagged images', () => {
		assertCatchesNot('DL3007', 'FROM debian:12\nFROM debian:latest@sha256:' + 'b'.repeat(64) + '\nFROM debian\n');
	});
	it('can be switched off by a severity override or an ignore', () => {
		assertCatchesNot('DL3007', 'FROM debian:latest\n', { severityOverrides: { DL3007: 'off' } });
		assertCatchesNot('DL3007', 'FROM debian:latest\n', { ignored: ['DL3007'] });
	});
});

describe('DL3007 fix', () => {
	it('replaces latest with the current explicit tag, keeping the registry', () => {
		const [f] = assertCatches('DL3007', 'FROM docker.io/library/node:latest AS web\n', [1]);
		assert.match(f.fixes![0].title, /^Use docker\.io\/library\/node:26\.7\.0 \(the current 26 release/);
		assert.deepEqual(f.fixes![0].edits[0].newText, ':26.7.0');
		assert.deepEqual(f.fixes![0].edits[0].range, { start: { line: 0, character: 27 }, end: { line: 0, character: 34 } });
	});
	it('follows now: the newest line supported then', () => {
		const [f] = assertCatches('DL3007', 'FROM golang:latest\n', [1], { now: new Date('2026-11-27T00:00:00Z') });
		assert.match(f.fixes![0].title, /golang:1\.27\.0/);
	});
});

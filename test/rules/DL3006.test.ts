import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertCatches, assertCatchesNot } from '../helpers/analyze';

describe('DL3006 untagged FROM', () => {
	it('fires on an untagged image, on the image range', () => {
		const [f] = assertCatches('DL3006', 'FROM debian\nRUN true\n', [1]);
		assert.deepEqual(f.range, { start: { line: 0, character: 5 }, end: { line: 0, character: 11 } });
		assert.match(f.message, /debian:latest/);
	});
	it('fires on registry images and with --platform and AS', () => {
		assertCatches('DL3006', 'FROM --platform=linux/amd64 ghcr.io/acme/app AS base\n', [1]);
	});
	it('does not fire on tags, digests, scratch or stage references', () => {
		assertCatchesNot('DL3006', 'FROM debian:12\nFROM alpine@sha256:' + 'a'.repeat(64) + '\nFROM scratch\n');
		assertCatchesNot('DL3006', 'FROM golang:1.22 AS Build\nRUN go build\nFROM build\nFROM BUILD\n');
	});
	it('resolves global ARG defaults and build args before judging', () => {
		assertCatchesNot('DL3006', 'ARG BASE=python:3.12-slim\nFROM ${BASE}\n');
		assertCatches('DL3006', 'ARG BASE=python\nFROM $BASE\n', [2]);
		assertCatchesNot('DL3006', 'ARG TAG\nFROM python:${TAG}\n');
		assertCatchesNot('DL3006', 'ARG IMG\nFROM ${IMG}\n', { buildArgs: { IMG: 'node:20' } });
		assertCatchesNot('DL3006', 'ARG TAG\nFROM python:${TAG:-3.12}\n');
	});
	it('honours hadolint ignore pragmas', () => {
		assertCatchesNot('DL3006', '# hadolint ignore=DL3006\nFROM debian\n');
		assertCatchesNot('DL3006', '# hadolint global ignore=DL3006\nFROM alpine:3.20\nFROM debian\n');
		assertCatches('DL3006', '# hadolint ignore=DL3007\nFROM debian\n', [2]);
	});
});

describe('DL3006 fix', () => {
	it('adds the current explicit tag of the newest supported line, from the data', () => {
		const [f] = assertCatches('DL3006', 'FROM --platform=linux/amd64 python AS app\n', [1]);
		assert.equal(f.fixes![0].title, 'Use python:3.14.7 (the current 3.14 release, supported until 2030-10-31)');
		assert.deepEqual(f.fixes![0].edits, [{ range: { start: { line: 0, character: 34 }, end: { line: 0, character: 34 } }, newText: ':3.14.7' }]);
	});
	it('offers no fix for images without data', () => {
		const [f] = assertCatches('DL3006', 'FROM ghcr.io/acme/app\n', [1]);
		assert.equal(f.fixes, undefined);
	});
});

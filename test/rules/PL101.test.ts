import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertCatches, assertCatchesNot, findingsOf } from '../helpers/analyze';
import { applyEdits } from '../helpers/fix';

// NOW is 2026-11-27; the bundled data is the 2026-08 snapshot.
describe('PL101 release line past end of life', () => {
	it('fires as an error on the image range, naming the date and what to move to', () => {
		const [f] = assertCatches('PL101', 'FROM golang:1.21.6-bookworm AS build\n', [1]);
		assert.equal(f.severity, 'error');
		assert.deepEqual(f.range, { start: { line: 0, character: 5 }, end: { line: 0, character: 27 } });
		assert.match(f.message, /Go 1\.21 reached end of life on 2024-08-13/);
		// Debian 12 is in LTS at NOW (PL107), so the one target moves the variant too.
		assert.match(f.message, /Move to `golang:1\.27\.0-trixie` .*it settles PL101, PL107/);
	});
	it('offers the newest LTS line first and keeps the variant, --platform and AS', () => {
		const text = 'FROM --platform=linux/amd64 node:20.11.0-alpine3.23 AS web\n';
		const [f] = assertCatches('PL101', text, [1]);
		assert.ok(f.fixes?.length);
		assert.equal(f.fixes![0].isPreferred, false, 'a line move is never applied unattended by fix-all');
		assert.equal(f.fixes![0].level, 'major', 'an LTS line needs review');
		assert.match(f.fixes![0].title, /node:26\.7\.0-alpine3\.23 \(newest LTS line, 26\) — settles PL101/);
		const edit = f.fixes![0].edits[0];
		const line = text.split('\n')[0];
		const applied = line.slice(0, edit.range.start.character) + edit.newText + line.slice(edit.range.end.character);
		assert.equal(applied, 'FROM --platform=linux/amd64 node:26.7.0-alpine3.23 AS web');
	});
	it('labels a bump that also has to move the distribution', () => {
		const [f] = assertCatches('PL101', 'FROM node:18.19.0-alpine3.18\n', [1]);
		assert.match(f.fixes![0].title, /node:26\.7\.0-alpine3\.24 .*moving Alpine 3\.18 → 3\.24/);
	});
	it('follows the clock it is given: not EOL before the date', () => {
		assertCatchesNot('PL101', 'FROM node:20.11.0\n', { now: new Date('2025-01-01T00:00:00Z') });
		assertCatches('PL101', 'FROM node:20.11.0\n', [1], { now: new Date('2026-05-01T00:00:00Z') });
	});
	it('is not an error while extended support still ships fixes to the image (Debian LTS: PL102)', () => {
		assertCatchesNot('PL101', 'FROM debian:bookworm-slim\n');
		assertCatches('PL102', 'FROM debian:bookworm-slim\n', [1]);
	});
	it('is an error when only paid vendor support continues, and says so (Node.js commercial support)', () => {
		const [f] = assertCatches('PL101', 'FROM node:18.20.4-alpine3.23\n', [1]);
		assert.doesNotMatch(f.message, /LTS\/extended support until/);
		assert.match(f.message, /gets no more security fixes/);
	});
	it('resolves global ARG defaults and edits the ARG, not the FROM', () => {
		const text = 'ARG GO=1.21.6\nFROM golang:${GO}-bookworm\n';
		const [f] = assertCatches('PL101', text, [2]);
		assert.match(f.message, /resolves to `golang:1\.21\.6-bookworm`/);
		assert.deepEqual(f.fixes![0].edits[0], { range: { start: { line: 0, character: 7 }, end: { line: 0, character: 13 } }, newText: '1.27.0' });
	});
	it('moves the version in the ARG and the variant in the FROM when the bump changes both, and nothing else', () => {
		const text = '# build\nARG NODE_VERSION=18.19.0\nFROM node:${NODE_VERSION}-alpine3.18 AS build\nRUN npm ci\n';
		const [f] = assertCatches('PL101', text, [3]);
		const fix = f.fixes![0];
		assert.equal(fix.level, 'major');
		assert.match(fix.title, /node:26\.7\.0-alpine3\.24/);
		assert.equal(applyEdits(text, fix.edits), '# build\nARG NODE_VERSION=26.7.0\nFROM node:${NODE_VERSION}-alpine3.24 AS build\nRUN npm ci\n');
		// A quoted default keeps its quotes; the distribution moves with the line.
		const quoted = 'ARG GO="1.21.6"\nFROM golang:${GO}-bullseye\n';
		const [g] = assertCatches('PL101', quoted, [2]);
		assert.equal(applyEdits(quoted, g.fixes![0].edits), 'ARG GO="1.27.0"\nFROM golang:${GO}-trixie\n');
	});
	it('offers no ARG edit when another instruction reads the same ARG', () => {
		const [f] = assertCatches('PL101', 'ARG NODE_VERSION=18.19.0\nFROM node:${NODE_VERSION}-alpine3.18\nRUN echo $NODE_VERSION\n', [2]);
		assert.equal(f.fixes, undefined);
	});
	it('gives no fix when a build arg overrides the default it would edit', () => {
		const [f] = assertCatches('PL101', 'ARG GO=1.27.0\nFROM golang:${GO}\n', [2], { buildArgs: { GO: '1.21.6' } });
		assert.equal(f.fixes, undefined);
	});
	it('stays silent on supported lines, unknown images, floating tags and unresolvable references', () => {
		assertCatchesNot('PL101', 'FROM python:3.14.7-slim\nFROM node:24\nFROM ghcr.io/acme/node:18\nFROM acme/python:2.7\nFROM python:3\nFROM python:slim\n');
		assertCatchesNot('PL101', 'ARG V\nFROM golang:${V}\nFROM golang:$UNDECLARED\nFROM ${IMAGE}:1.21\n');
		assertCatchesNot('PL101', 'FROM python:99.1\nFROM python:3.21.0\n');
	});
	it('treats mirrors of official images like the original', () => {
		assertCatches('PL101', 'FROM 127.0.0.1:5000/library/golang:1.21.6\n', [1]);
	});
	it('reports every stage independently', () => {
		assert.equal(findingsOf('PL101', 'FROM golang:1.21 AS a\nFROM python:3.8-slim AS b\nFROM b\n').length, 2);
	});
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertCatches, assertCatchesNot } from '../helpers/analyze';

describe('PL103 newer patch of the same line', () => {
	it('names the exact published tag, keeping the variant', () => {
		const [f] = assertCatches('PL103', 'FROM python:3.12.1-slim-bookworm\n', [1]);
		assert.match(f.message, /3\.12\.14 is the latest Python 3\.12 patch published with the variant `slim-bookworm`, released 2026-08-12/);
		assert.match(f.message, /Move to `python:3\.12\.14-slim-bookworm`\. That is the smallest step; `python:3\.12\.14-slim-trixie` settles PL103, PL107 at once\./);
		// The line's one target comes first (Debian 12 is in LTS: PL107); the patch stays the preferred, unattended step.
		assert.equal(f.fixes![0].title, 'Move Debian 12 → 13 (trixie): python:3.12.14-slim-trixie — settles PL103, PL107');
		assert.equal(f.fixes![0].level, 'major');
		assert.equal(f.fixes![0].isPreferred, false);
		assert.equal(f.fixes![1].title, 'Bump to python:3.12.14-slim-bookworm (latest 3.12 patch) — settles PL103; still PL107');
		assert.equal(f.fixes![1].level, 'patch');
		assert.equal(f.fixes![1].isPreferred, true);
		f.fixes!.shift();
		assert.equal(f.fixes![0].isPreferred, true);
		assert.deepEqual(f.fixes![0].edits, [{ range: { start: { line: 0, character: 11 }, end: { line: 0, character: 32 } }, newText: ':3.12.14-slim-bookworm' }]);
		assert.ok(f.fixes!.some(x => /python:3\.14\.7-slim-bookworm \(newest supported line, 3\.14\)/.test(x.title)));
	});
	it('works for Java update tags and dated Ubuntu builds', () => {
		assert.match(assertCatches('PL103', 'FROM eclipse-temurin:8u402-b06-jre-jammy\n', [1])[0].message, /8u502-b07-jre-jammy/);
		assert.match(assertCatches('PL103', 'FROM ubuntu:jammy-20240530\n', [1])[0].message, /ubuntu:jammy-20260810/);
	});
	it('keeps the registry as written', () => {
		const [f] = assertCatches('PL103', 'FROM docker.io/library/node:24.1.0-alpine\n', [1]);
		assert.match(f.fixes![0].title, /docker\.io\/library\/node:24\.19\.0-alpine/);
	});
	it('prefers the live tag list when online registry facts are present', () => {
		const registryFacts = { tags: (repo: string) => repo === 'docker.io/library/python' ? ['3.12.1-slim', '3.12.15-slim'] : undefined, digest: () => undefined, fetchedAt: new Date('2026-11-27T10:00:00Z') };
		const [f] = assertCatches('PL103', 'FROM python:3.12.1-slim\n', [1], { offline: false, registryFacts });
		assert.match(f.message, /python:3\.12\.15-slim/);
		assertCatchesNot('PL103', 'FROM python:3.12.15-slim\n', { offline: false, registryFacts });
	});
	it('keeps a digest pin when the new tag\'s digest is known, and says when it has to drop it', () => {
		const old = 'sha256:' + 'a'.repeat(64);
		const next = 'sha256:' + 'b'.repeat(64);
		const text = `FROM python:3.12.1-slim@${old}\n`;
		const offline = assertCatches('PL103', text, [1])[0];
		assert.equal(offline.fixes![0].title, 'Bump to python:3.12.14-slim (latest 3.12 patch), dropping the digest pin (re-pin it after review) — settles PL103');
		assert.equal(offline.fixes![0].level, 'major', 'an unattended fix never drops a pin');
		assert.equal(offline.fixes![0].isPreferred, false);
		assert.equal(offline.fixes![0].edits[0].newText, ':3.12.14-slim');
		const registryFacts = { tags: () => undefined, digest: (_r: string, tag: string) => tag === '3.12.14-slim' ? next : undefined, fetchedAt: new Date() };
		const online = assertCatches('PL103', text, [1], { offline: false, registryFacts })[0];
		assert.equal(online.fixes![0].title, 'Bump to python:3.12.14-slim (latest 3.12 patch), pinned to its digest — settles PL103');
		assert.equal(online.fixes![0].edits[0].newText, `:3.12.14-slim@${next}`);
	});
	it('never invents a tag: no published patch with the variant means no finding', () => {
		assertCatchesNot('PL103', 'FROM python:3.12.1-slim-bullseye\n');
		assertCatchesNot('PL103', 'FROM python:3.12.14-slim-bookworm\nFROM python:3.12-slim\nFROM python:3.12\nFROM node:24\n');
	});
	it('does not judge references it cannot resolve', () => {
		assertCatchesNot('PL103', 'ARG TAG\nFROM python:${TAG}-slim\nFROM python:$OTHER\n');
	});
});

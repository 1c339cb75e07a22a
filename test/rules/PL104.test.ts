import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertCatches, assertCatchesNot } from '../helpers/analyze';

describe('PL104 tag no longer built', () => {
	it('fires for a dropped distribution variant and names a still-built tag', () => {
		const [f] = assertCatches('PL104', 'FROM python:3.12.1-slim-bullseye\n', [1]);
		assert.match(f.message, /no longer built by the official `python` image \(tag list of 2026-08-21\)/);
		assert.match(f.message, /Move to `python:3\.12\.14-slim-trixie`/);
		assert.match(f.fixes![0].title, /^Move Debian 11 → 13 \(trixie\): python:3\.12\.14-slim-trixie — settles PL104, PL107$/);
		assertCatches('PL104', 'FROM ruby:3.3-buster\n', [1]);
	});
	it('leaves newer patches to PL103 and end-of-life lines to PL101', () => {
		assertCatchesNot('PL104', 'FROM python:3.12.1-slim-bookworm\nFROM golang:1.21.6\n');
	});
	it('never calls a tag newer than the snapshot stale', () => {
		assertCatchesNot('PL104', 'FROM python:3.12.99-slim\nFROM python:3.16.0\nFROM debian:forky-slim\n');
	});
	it('is silent for built tags and non-official images', () => {
		assertCatchesNot('PL104', 'FROM python:3.12.14-slim-trixie\nFROM node:bookworm-slim\nFROM acme/python:3.12-slim-bullseye\n');
	});
});

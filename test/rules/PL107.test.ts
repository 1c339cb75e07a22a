import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertCatches, assertCatchesNot } from '../helpers/analyze';

describe('PL107 variant names an OS release past or near end of life', () => {
	it('fires on a Debian variant even though the Python line is supported', () => {
		const [f] = assertCatches('PL107', 'FROM python:3.12-slim-bullseye\n', [1]);
		assert.match(f.message, /`bullseye` .* is Debian 11 \(bullseye\), which reached end of life on 2024-08-14 \(extended support ended 2026-08-31\)/);
		assert.equal(f.fixes![0].title, 'Move Debian 11 → 13 (trixie): python:3.12-slim-trixie — settles PL104, PL107');
		assert.equal(f.fixes![0].edits[0].newText, ':3.12-slim-trixie');
	});
	it('says when extended support (LTS) still runs', () => {
		const [f] = assertCatches('PL107', 'FROM python:3.12.14-slim-bookworm\n', [1]);
		assert.match(f.message, /left regular support on 2026-07-11; security fixes continue from the Debian LTS team .* until 2028-06-30/);
	});
	it('understands alpine variants in both spellings and Ubuntu codenames', () => {
		assertCatches('PL107', 'FROM node:20-alpine3.16\n', [1]);
		assertCatches('PL107', 'FROM eclipse-temurin:21-jre-alpine-3.20\n', [1]);
		assertCatches('PL107', 'FROM eclipse-temurin:21-jre-focal\n', [1]);
		assertCatches('PL107', 'FROM ruby:3.3-buster\n', [1]);
	});
	it('is silent for supported variants, OS images themselves and far-away dates', () => {
		assertCatchesNot('PL107', 'FROM python:3.12-slim-trixie\nFROM node:24-alpine3.24\nFROM debian:bullseye-slim\nFROM alpine:3.16\n');
		assertCatchesNot('PL107', 'FROM python:3.12-slim-bookworm\n', { now: new Date('2025-06-01T00:00:00Z') });
	});
});

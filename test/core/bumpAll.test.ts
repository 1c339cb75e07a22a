import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bumpAllEdits } from '../../server/src/core/lifecycle/bumpAll';
import type { TextEdit } from '../../server/src/core/finding';
import { NOW } from '../helpers/analyze';

function apply(text: string, edits: TextEdit[]): string {
	const lines = text.split('\n');
	for (const e of [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character)) {
		const l = lines[e.range.start.line];
		lines[e.range.start.line] = l.slice(0, e.range.start.character) + e.newText + l.slice(e.range.end.character);
	}
	return lines.join('\n');
}

describe('bump all base images', () => {
	it('moves supported lines to their latest patch and EOL lines to the newest LTS, keeping everything else', () => {
		const text = [
			'ARG NODE=20.11.0',
			'FROM --platform=$BUILDPLATFORM golang:1.21.6-bookworm AS build',
			'FROM node:${NODE}-bookworm-slim AS web',
			'FROM docker.io/library/python:3.12.1-slim AS app',
			'FROM python:3.12.1-slim-bullseye',
			'FROM ghcr.io/acme/tool:1',
			'FROM scratch',
			'FROM build',
			'',
		].join('\n');
		const edits = bumpAllEdits(text, { now: NOW, offline: true });
		assert.equal(apply(text, edits), [
			'ARG NODE=26.7.0',
			'FROM --platform=$BUILDPLATFORM golang:1.27.0-bookworm AS build',
			'FROM node:${NODE}-bookworm-slim AS web',
			'FROM docker.io/library/python:3.12.14-slim AS app',
			'FROM python:3.12.1-slim-bullseye',
			'FROM ghcr.io/acme/tool:1',
			'FROM scratch',
			'FROM build',
			'',
		].join('\n'));
		assert.ok(edits.some(e => e.description === 'docker.io/library/python:3.12.1-slim -> 3.12.14-slim'));
	});
	it('returns nothing for an up-to-date or unresolvable file', () => {
		assert.deepEqual(bumpAllEdits('FROM python:3.14.7-slim\nARG X\nFROM node:${X}\n', { now: NOW, offline: true }), []);
	});
});

describe('bump all keeps digest pins', () => {
	it('leaves a pinned FROM alone when the new tag\'s digest is unknown, and re-pins when it is known', () => {
		const digest = `sha256:${'a'.repeat(64)}`;
		const text = `FROM python:3.12.1-slim@${digest}\n`;
		assert.deepEqual(bumpAllEdits(text, { now: NOW, offline: true }), []);
		const next = `sha256:${'b'.repeat(64)}`;
		const registryFacts = { tags: () => undefined, digest: (_repo: string, tag: string) => tag === '3.12.14-slim' ? next : undefined, fetchedAt: NOW };
		const edits = bumpAllEdits(text, { now: NOW, offline: false, registryFacts });
		assert.equal(apply(text, edits), `FROM python:3.12.14-slim@${next}\n`);
	});
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RegistryFacts } from '../../server/src/core/options';
import { assertCatches, assertCatchesNot } from '../helpers/analyze';

const OLD = `sha256:${'a'.repeat(64)}`;
const NEW = `sha256:${'b'.repeat(64)}`;

function facts(digests: Record<string, string>): RegistryFacts {
	return {
		tags: () => undefined,
		digest: (repository, tag) => digests[`${repository}:${tag}`],
		fetchedAt: new Date('2026-11-27T10:00:00Z'),
	};
}

const online = (digests: Record<string, string>) => ({ offline: false, registryFacts: facts(digests) });

describe('PL106 stale digest', () => {
	it('fires when the tag points elsewhere now, with a fix that edits only the digest', () => {
		const text = `FROM python:3.12.1-slim@${OLD} AS build\nFROM ghcr.io/acme/app:1.0@${OLD}\n`;
		const [python, app] = assertCatches('PL106', text, [1, 2], online({
			'docker.io/library/python:3.12.1-slim': NEW,
			'ghcr.io/acme/app:1.0': NEW,
		}));
		assert.equal(python.severity, 'warning');
		assert.match(python.message, /`python:3\.12\.1-slim` is pinned to sha256:aaaaaaaaaaaa…, but the tag now points to sha256:bbbbbbbbbbbb…/);
		assert.match(python.message, /registry checked 2026-11-27 10:00 UTC/);
		const fix = python.fixes![0];
		assert.match(fix.title, /^Refresh the digest of python:3\.12\.1-slim to sha256:bbbb/);
		assert.deepEqual(fix.edits, [{ range: { start: { line: 0, character: 11 }, end: { line: 0, character: 23 + 1 + 71 } }, newText: `:3.12.1-slim@${NEW}` }]);
		const edited = text.split('\n')[0].slice(0, 11) + fix.edits[0].newText + text.split('\n')[0].slice(fix.edits[0].range.end.character);
		assert.equal(edited, `FROM python:3.12.1-slim@${NEW} AS build`);
		assert.equal(app.fixes![0].edits[0].newText, `:1.0@${NEW}`);
	});

	it('refreshes a digest written in a global ARG default', () => {
		const text = `ARG BASE="python:3.12.1-slim@${OLD}"\nFROM $BASE\n`;
		const [found] = assertCatches('PL106', text, [2], online({ 'docker.io/library/python:3.12.1-slim': NEW }));
		assert.deepEqual(found.fixes![0].edits[0].newText, `"python:3.12.1-slim@${NEW}"`);
	});

	it('does not fire when the digest is current, unknown, tagless, or offline', () => {
		const text = `FROM python:3.12.1-slim@${OLD}\n`;
		assertCatchesNot('PL106', text, online({ 'docker.io/library/python:3.12.1-slim': OLD }));
		assertCatchesNot('PL106', text, online({}));
		assertCatchesNot('PL106', `FROM python@${OLD}\nFROM python:3.12.1-slim\n`, online({ 'docker.io/library/python:3.12.1-slim': NEW, 'docker.io/library/python:latest': NEW }));
		assertCatchesNot('PL106', text, { offline: true, registryFacts: facts({ 'docker.io/library/python:3.12.1-slim': NEW }) });
		assertCatchesNot('PL106', text);
	});
});

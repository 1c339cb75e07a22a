import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertCatches, assertCatchesNot } from '../helpers/analyze';

const DIGEST = 'sha256:' + 'd'.repeat(64);
const registryFacts = { tags: () => undefined, digest: (repo: string, tag: string) => repo === 'docker.io/library/python' && tag === '3.12-slim' ? DIGEST : undefined, fetchedAt: new Date() };

describe('PL105 pin by digest (optional)', () => {
	it('is off unless enabled', () => {
		assertCatchesNot('PL105', 'FROM python:3.12-slim\n');
	});
	it('reports info and, online, pins the digest keeping the tag', () => {
		const text = 'FROM --platform=linux/arm64 python:3.12-slim AS app\n';
		const [f] = assertCatches('PL105', text, [1], { enabledOptionalRules: ['PL105'], offline: false, registryFacts });
		assert.equal(f.severity, 'info');
		assert.deepEqual(f.fixes![0].edits, [{ range: { start: { line: 0, character: 34 }, end: { line: 0, character: 44 } }, newText: `:3.12-slim@${DIGEST}` }]);
		assert.match(f.message, new RegExp(`python:3\\.12-slim@${DIGEST}`));
	});
	it('has no fix offline, and never fires on digests, scratch or stages', () => {
		const [f] = assertCatches('PL105', 'FROM python:3.12-slim\n', [1], { enabledOptionalRules: ['PL105'] });
		assert.equal(f.fixes, undefined);
		assertCatchesNot('PL105', `FROM python:3.12-slim@${DIGEST} AS a\nFROM scratch\nFROM a\n`, { enabledOptionalRules: ['PL105'] });
	});
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertCatches, assertCatchesNot } from '../helpers/analyze';

describe('PL102 release line nearing end of life', () => {
	// Python 3.10 reaches EOL on 2026-10-31.
	const before = new Date('2026-09-01T00:00:00Z');
	it('warns inside the window with the date, days left and a move', () => {
		const [f] = assertCatches('PL102', 'FROM python:3.10-slim\n', [1], { now: before });
		assert.equal(f.severity, 'warning');
		assert.match(f.message, /Python 3\.10 gets security fixes only \(since 2023-04-05\) and reaches end of life on 2026-10-31 \(in 60 days\)/);
		assert.match(f.message, /Move to `python:3\.14-slim`/);
		assert.match(f.fixes![0].title, /python:3\.14-slim/);
	});
	it('honours eolWarningDays', () => {
		assertCatchesNot('PL102', 'FROM python:3.10-slim\n', { now: before, eolWarningDays: 30 });
		assertCatches('PL102', 'FROM python:3.10-slim\n', [1], { now: before, eolWarningDays: 61 });
	});
	it('hands over to PL101 on the day itself and is silent long before', () => {
		assertCatchesNot('PL102', 'FROM python:3.10-slim\n', { now: new Date('2026-10-31T00:00:00Z') });
		assertCatches('PL101', 'FROM python:3.10-slim\n', [1], { now: new Date('2026-10-31T00:00:00Z') });
		assertCatchesNot('PL102', 'FROM python:3.10-slim\n', { now: new Date('2026-01-01T00:00:00Z') });
	});
});

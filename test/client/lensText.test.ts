// What a startup code lens says for each combination of figures (client/src/lenses/lensText.ts).
import { describe, it, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ago, fixTitleNote, lensText, shortTag, signedMs } from '../../client/src/lenses/lensText';
import { estimateLine } from '../../startup/src/estimate/describe';

const now = new Date('2026-11-27T12:00:00Z');
const twoHoursAgo = new Date('2026-11-27T10:00:00Z');

test('measured figure with a measured bump: the issue\'s example line', () => {
	const { title, tooltip } = lensText({
		image: 'python:3.12.1-slim', concurrency: 16,
		measured: { medianMs: 412.4, measuredAt: twoHoursAgo },
		bump: { candidate: 'python:3.12.11-slim', medianDiffMs: -38.2, ci95: [-47, -29], measuredAt: twoHoursAgo },
	}, now);
	assert.equal(title, 'p50 412 ms @16 \u00b7 bump to 3.12.11-slim: \u221238 ms \u00b19 ms, measured 2 h ago');
	assert.match(tooltip, /95% interval \u221247 ms to \u221229 ms/);
});

test('measured figure alone says when it was measured', () => {
	assert.equal(lensText({ image: 'alpine:3.20', concurrency: 4, measured: { medianMs: 99.6, measuredAt: new Date(now.getTime() - 5 * 60_000) } }, now).title,
		'p50 100 ms @4, measured 5 min ago');
});

test('an estimate is marked as estimated and never as measured', () => {
	const { title } = lensText({ image: 'alpine:3.20', concurrency: 16, estimateMs: 380 }, now);
	assert.equal(title, '\u2248 p50 380 ms @16 (estimated)');
	assert.doesNotMatch(title, /measured/);
});

test('no figure at all: an invitation to measure, no number', () => {
	assert.equal(lensText({ image: 'alpine:3.20', concurrency: 16 }, now).title, '$(pulse) Measure startup');
	const proposed = lensText({ image: 'python:3.12.1-slim', concurrency: 16, proposedBump: 'python:3.12.14-slim' }, now);
	assert.equal(proposed.title, '$(pulse) Measure startup vs 3.12.14-slim');
	assert.doesNotMatch(proposed.title, /\d+ ms/);
});

test('a proposed bump next to a measured figure is marked as not measured', () => {
	assert.equal(lensText({ image: 'python:3.12.1-slim', concurrency: 2, measured: { medianMs: 50, measuredAt: now }, proposedBump: 'python:3.12.14-slim' }, now).title,
		'p50 50 ms @2, measured just now \u00b7 bump to 3.12.14-slim: not measured yet');
});

test('helpers: signs, short tags, ages', () => {
	assert.equal(signedMs(12.6), '+13 ms');
	assert.equal(signedMs(-0.2), '\u00b10 ms');
	assert.equal(shortTag('python:3.12.11-slim', 'python:3.12.1-slim'), '3.12.11-slim');
	assert.equal(shortTag('127.0.0.1:5000/library/python:3.13', '127.0.0.1:5000/library/python:3.12'), '3.13');
	assert.equal(shortTag('node:22', 'python:3.12'), 'node:22');
	assert.equal(ago(new Date(now.getTime() - 30_000), now), 'just now');
	assert.equal(ago(new Date(now.getTime() - 3 * 86_400_000), now), '3 days ago');
});

describe('bump quick-fix titles', () => {
	it('add the measured startup difference with its interval, concurrency and age', () => {
		const note = fixTitleNote({ candidate: 'python:3.12.11-slim', medianDiffMs: -38.4, ci95: [-47, -29], measuredAt: new Date('2026-11-27T10:00:00Z') }, 16, now);
		assert.equal(note, ' \u00b7 startup \u221238 ms \u00b19 ms @16, measured 2 h ago');
		assert.equal(fixTitleNote({ candidate: 'x:2', medianDiffMs: 120, ci95: [80, 160], measuredAt: now }, 1, now), ' \u00b7 startup +120 ms \u00b140 ms @1, measured just now');
	});
});

describe('estimated bump (issue 14)', () => {
	const est = estimateLine({
		image: 'python:3.12.1-slim', candidate: 'python:3.13.1-slim', concurrency: 1, coldStartMs: 1580, coldStartInterval: [900, 2300],
		warmDeltaMs: 0, warm: { basis: 'layers', comparisons: 0 }, firstStartDeltaMs: 1300, newLayers: 3, newBytes: 48e6, source: 'estimated',
		calibration: { source: 'defaults', pullObservations: 0, startObservations: 0, layerObservations: 0 },
		breakdown: { layers: 3, compressedBytes: 48e6, unpackedBytes: 130e6, files: 5000, fixedMs: 150, layerMs: 270, downloadMs: 320, unpackMs: 1625, filesMs: 600, totalMs: 1300, estimatedLayers: 3, startMs: 280 },
	});

	it('words the estimate as the issue shows it', () => {
		assert.equal(est, '\u2248 +1.3 s first start after bump (3 new layers, 48 MB) \u00b7 warm \u00b10 ms (estimated)');
	});

	it('shows the estimate for a proposed bump with the breakdown in the tooltip', () => {
		const { title, tooltip } = lensText({ image: 'python:3.12.1-slim', concurrency: 1, proposedBump: 'python:3.13.1-slim',
			bumpEstimate: { kind: 'estimate', line: est, details: ['pull 1.3 s: …'] } }, now);
		assert.equal(title, `bump to 3.13.1-slim: ${est}`);
		assert.match(tooltip, /^pull 1\.3 s/);
	});

	it('says "estimate unavailable" and why; while pending, stays the invitation to measure', () => {
		const { title, tooltip } = lensText({ image: 'python:3.12.1-slim', concurrency: 1, proposedBump: 'python:3.13.1-slim',
			bumpEstimate: { kind: 'unavailable', reason: 'docker.io/library/python: rate limited (429)' } }, now);
		assert.equal(title, 'bump to 3.13.1-slim: estimate unavailable');
		assert.match(tooltip, /rate limited \(429\)/);
		const pending = lensText({ image: 'python:3.12.1-slim', concurrency: 1, proposedBump: 'python:3.13.1-slim', bumpEstimate: { kind: 'pending' } }, now);
		assert.equal(pending.title, '$(pulse) Measure startup vs 3.13.1-slim');
	});

	it('a measured bump replaces the estimate', () => {
		const { title } = lensText({ image: 'python:3.12.1-slim', concurrency: 1, proposedBump: 'python:3.13.1-slim',
			bump: { candidate: 'python:3.13.1-slim', medianDiffMs: 900, ci95: [800, 1000], measuredAt: twoHoursAgo },
			bumpEstimate: { kind: 'estimate', line: est, details: [] } }, now);
		assert.doesNotMatch(title, /estimated/);
		assert.match(title, /measured 2 h ago/);
	});
});

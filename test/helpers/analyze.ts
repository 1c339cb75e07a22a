// Small helpers for rule tests, in hadolint's ruleCatches / ruleCatchesNot spirit.
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import type { Finding } from '../../server/src/core/finding';
import type { AnalysisOptions } from '../../server/src/core/options';

export const NOW = new Date('2026-11-27T00:00:00Z');

export function findings(text: string, options: Partial<AnalysisOptions> = {}): Finding[] {
	return analyze(text, { now: NOW, offline: true, ...options }).findings;
}

export function findingsOf(code: string, text: string, options: Partial<AnalysisOptions> = {}): Finding[] {
	return findings(text, options).filter(f => f.code === code);
}

/** Asserts that `code` fires exactly on the given 1-based lines. */
export function assertCatches(code: string, text: string, lines: number[], options: Partial<AnalysisOptions> = {}): Finding[] {
	const found = findingsOf(code, text, options);
	assert.deepEqual(found.map(f => f.range.start.line + 1), lines, `${code} on lines ${lines} in:\n${text}\n got ${JSON.stringify(found, null, 1)}`);
	return found;
}

export function assertCatchesNot(code: string, text: string, options: Partial<AnalysisOptions> = {}): void {
	const found = findingsOf(code, text, options);
	assert.deepEqual(found, [], `${code} must not fire in:\n${text}`);
}

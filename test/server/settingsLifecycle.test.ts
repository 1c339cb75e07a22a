import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalise, toAnalysisOptions } from '../../server/src/lsp/settings';

describe('patchlens.lifecycle.warnDays', () => {
	it('reaches the analysis as eolWarningDays, nested as VS Code sends it', () => {
		assert.equal(toAnalysisOptions(normalise({ lifecycle: { warnDays: 30 } })).eolWarningDays, 30);
	});
	it('defaults to 90 and ignores nonsense', () => {
		assert.equal(normalise({}).warnDays, 90);
		for (const bad of [-1, 'soon', Number.NaN, Infinity, null]) assert.equal(normalise({ lifecycle: { warnDays: bad } }).warnDays, 90, String(bad));
	});
});

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_DATA_DIR, DEFAULT_OUT, generateLifecycle } from '../../scripts/generate-lifecycle';

const shared = existsSync(path.join(DEFAULT_DATA_DIR, 'endoflife'));

describe('lifecycle dataset generator', () => {
	it('reproduces the committed server/data/lifecycle.json byte for byte from the shared snapshot', { skip: shared ? false : `no shared data at ${DEFAULT_DATA_DIR} (a user clone): the committed file is checked by the data tests instead` }, () => {
		const { text } = generateLifecycle(DEFAULT_DATA_DIR);
		assert.ok(text === readFileSync(DEFAULT_OUT, 'utf8'), 'server/data/lifecycle.json is stale: run `npm run data`');
		assert.equal(generateLifecycle(DEFAULT_DATA_DIR).text, text, 'deterministic');
	});
	it('fails with a clear message on a folder that is not the shared data', () => {
		assert.throws(() => generateLifecycle('/nonexistent/data'), /missing .*endoflife.*shared data folder/);
	});
});

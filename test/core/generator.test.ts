import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

describe('npm run data (the generator command line)', () => {
	const skip = shared ? false : `no shared data at ${DEFAULT_DATA_DIR} (a user clone)`;
	const script = path.join(__dirname, '../../scripts/generate-lifecycle.ts');
	const run = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8' });

	it('writes to --out from --data, and --check tells a stale file from a current one', { skip }, () => {
		const out = path.join(mkdtempSync(path.join(tmpdir(), 'patchlens-data-')), 'lifecycle.json');
		const wrote = run(['--data', DEFAULT_DATA_DIR, '--out', out]);
		assert.equal(wrote.status, 0, wrote.stderr);
		assert.match(wrote.stdout, /wrote .*: \d+ images, \d+ products, \d+ built tags, \d+ bytes, \d+ ms/);
		assert.equal(readFileSync(out, 'utf8'), readFileSync(DEFAULT_OUT, 'utf8'));
		assert.equal(run(['--data', DEFAULT_DATA_DIR, '--out', out, '--check']).status, 0);
		writeFileSync(out, '{}\n');
		const stale = run(['--data', DEFAULT_DATA_DIR, '--out', out, '--check']);
		assert.equal(stale.status, 1);
		assert.match(stale.stderr, /is stale; run npm run data/);
	});
	it('fails with one line, no stack trace, on a wrong --data folder or argument', () => {
		const bad = run(['--data', '/nonexistent']);
		assert.equal(bad.status, 1);
		assert.match(bad.stderr, /^generate-lifecycle: missing /);
		assert.doesNotMatch(bad.stderr, /\n\s+at /);
		assert.equal(run(['--frobnicate']).status, 2);
	});
});

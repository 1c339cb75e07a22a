// The packaged extension holds bundles, data, media, grammars and docs — no sources, tests or node_modules.
// `npm run package` (run by scripts/test-all.sh before the suites) writes patchlens.vsix.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { zipEntries } from '../helpers/zip';

const ROOT = path.join(__dirname, '../..');
const VSIX = path.join(ROOT, 'patchlens.vsix');

describe('patchlens.vsix', () => {
	let entries: Map<string, number>;
	before(async () => {
		assert.ok(existsSync(VSIX), 'run `npm run package` first: patchlens.vsix is missing');
		entries = await zipEntries(VSIX);
	});

	it('contains the three bundles, the manifest and the readme', () => {
		for (const name of ['extension/package.json', 'extension/readme.md', 'extension/client/out/extension.js', 'extension/server/out/server.js', 'extension/cli/out/patchlens.js']) {
			assert.ok(entries.has(name), `${name} missing; has ${[...entries.keys()].join(', ')}`);
		}
	});

	it('ships every file the manifest points at', () => {
		const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
		const referenced: string[] = [manifest.main, manifest.bin.patchlens];
		for (const grammar of manifest.contributes.grammars ?? []) referenced.push(grammar.path);
		if (manifest.icon) referenced.push(manifest.icon);
		for (const file of referenced) {
			const name = `extension/${path.posix.normalize(file)}`;
			assert.ok(entries.has(name), `${file} is referenced by package.json but not packaged`);
		}
	});

	it('has no TypeScript sources, source maps, tests or node_modules', () => {
		const offending = [...entries.keys()].filter(name =>
			/\.ts$|\.map$/.test(name) || name.includes('/node_modules/') || name.startsWith('extension/test/') || name.includes('/src/'));
		assert.deepEqual(offending, []);
	});

	it('stays small: bundles and data only', () => {
		const total = [...entries.values()].reduce((a, b) => a + b, 0);
		console.log(`vsix: ${entries.size} files, ${(total / 1024).toFixed(0)} KiB uncompressed`);
		assert.ok(total < 8 * 1024 * 1024, `unexpectedly large: ${total} bytes`);
	});
});

// `patchlens update-data` against a local endoflife.date API, and the overlay it writes in use.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { bundledDataset, datasetFor, type LifecycleOverlay } from '../../server/src/core/lifecycle/dataset';
import { lifecycleOverlayPath, loadLifecycleOverlay, toProduct, updateLifecycleData } from '../../server/src/registry/lifecycleUpdate';
import { EolApiServer, toApi } from './eolApiServer';

const CLI = path.join(__dirname, '../../cli/out/patchlens.js');

/** Asynchronous: the API server answering it runs in this process. */
function run(args: string[], cwd?: string): Promise<{ code: number; stdout: string; stderr: string }> {
	return new Promise(resolve => {
		execFile(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) =>
			resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }));
	});
}

describe('patchlens update-data', () => {
	// The API says Python 3.12 reached end of life early: visible as PL101 once the overlay is used.
	const api = new EolApiServer((id, product) => id !== 'python' ? product : {
		...product,
		releases: product.releases.map(r => r.cycle === '3.12' ? { ...r, eol: '2026-01-31' } : r),
	});
	before(() => api.start());
	after(() => api.stop());
	afterEach(() => { api.failing.clear(); });

	it('maps the API answer back to exactly the bundled product', () => {
		for (const id of ['python', 'debian', 'nodejs', 'ubuntu']) {
			const product = bundledDataset().products[id];
			assert.deepEqual(toProduct(JSON.parse(JSON.stringify(toApi(id, product)))), { ok: true, value: product }, id);
		}
	});

	it('writes every product, keeps the bundled one where a product fails, and the overlay changes the analysis', async () => {
		api.failing.set('zookeeper', 503);
		const cache = mkdtempSync(path.join(tmpdir(), 'patchlens-update-'));
		const r = await run(['update-data', '--api', api.api, '--cache-dir', cache, '--timeout', '2000']);
		const total = Object.keys(bundledDataset().products).length;
		assert.equal(r.code, 0, r.stderr);
		assert.equal(r.stdout, `Updated lifecycle data of ${total - 1} products in ${path.join(cache, 'lifecycle.json')} (1 kept from the bundled data).\n`);
		assert.match(r.stderr, /^patchlens: warning: zookeeper: .*server error 503 after 4 attempts; keeping the bundled data for it\n$/);
		assert.equal(api.requests.filter(u => u.endsWith('/zookeeper')).length, 4, 'retried 503 a bounded number of times');
		const written = JSON.parse(readFileSync(path.join(cache, 'lifecycle.json'), 'utf8'));
		assert.equal(written.products.python.releases.find((l: { cycle: string }) => l.cycle === '3.12').eol, '2026-01-31');

		const dir = mkdtempSync(path.join(tmpdir(), 'patchlens-update-df-'));
		writeFileSync(path.join(dir, 'Dockerfile'), 'FROM python:3.12.1-slim\n');
		const codesWith = async (cacheDir: string) => JSON.parse((await run(['check', '--offline', '--format', 'json', '--now', '2026-11-27', '--cache-dir', cacheDir, 'Dockerfile'], dir)).stdout).map((f: { code: string }) => f.code);
		assert.ok((await codesWith(cache)).includes('PL101'), 'the updated data says 3.12 is past end of life');
		assert.ok(!(await codesWith(mkdtempSync(path.join(tmpdir(), 'patchlens-empty-')))).includes('PL101'), 'the bundled data does not');
	});

	it('fails with one clear line and exit 3 when nothing can be fetched', async () => {
		const closed = new EolApiServer();
		await closed.start();
		await closed.stop();
		const cache = mkdtempSync(path.join(tmpdir(), 'patchlens-update-'));
		const r = await run(['update-data', '--api', closed.api, '--cache-dir', cache]);
		assert.equal(r.code, 3);
		assert.equal(r.stdout, '');
		assert.match(r.stderr, /^patchlens: update-data failed: no product could be fetched from http:\/\/127\.0\.0\.1:\d+\S* \(\w[\w-]*: .*connection refused\); the bundled data stays in use\n$/);
	});

	it('refuses an API that is not an http(s) URL as a usage error, before any request, naming what was given', async () => {
		const cache = mkdtempSync(path.join(tmpdir(), 'patchlens-update-'));
		for (const bad of ['ftp://127.0.0.1/api/v1', 'not a url']) {
			const r = await run(['update-data', '--api', bad, '--cache-dir', cache]);
			assert.equal(r.code, 2, r.stderr);
			assert.equal(r.stderr, `patchlens: --api: "${bad}" is not ${bad.startsWith('ftp') ? 'an http(s) URL' : 'a URL'}\n`);
		}
		assert.equal(loadLifecycleOverlay(lifecycleOverlayPath(cache)).overlay, undefined, 'nothing written');
	});

	it('ignores an overlay older than the bundled data, or broken, with a reason', async () => {
		const cache = mkdtempSync(path.join(tmpdir(), 'patchlens-update-'));
		const result = await updateLifecycleData({ api: api.api, cacheRoot: cache, products: ['python'] });
		assert.ok(result.ok);
		const loaded = loadLifecycleOverlay(lifecycleOverlayPath(cache));
		assert.match(loaded.note!, /^lifecycle data of 1 products from/);
		const eol312 = (overlay?: LifecycleOverlay) => datasetFor({ lifecycleOverlay: overlay }).products.python.releases.find(l => l.cycle === '3.12')!.eol;
		assert.equal(eol312(loaded.overlay), '2026-01-31');
		assert.equal(eol312(undefined), '2028-10-31', 'an input, not a switch: without it the bundled data answers');
		const file = lifecycleOverlayPath(cache);
		const content = JSON.parse(readFileSync(file, 'utf8'));
		writeFileSync(file, JSON.stringify({ ...content, fetchedAt: '2020-01-01T00:00:00Z' }));
		assert.match(loadLifecycleOverlay(file).note!, /older \(2020-01-01\) than the bundled data/);
		assert.equal(loadLifecycleOverlay(file).overlay, undefined);
		writeFileSync(file, '{"schema": 1, "products": ');
		assert.match(loadLifecycleOverlay(file).note!, /not readable JSON/);
		// Release lines the rules cannot read (a number for a cycle, an object for a date): ignored whole.
		writeFileSync(file, JSON.stringify({ ...content, products: { python: { title: 'Python', releases: [{ cycle: 3.12, eol: {} }] } } }));
		assert.deepEqual(loadLifecycleOverlay(file), { note: `ignoring ${file}: unexpected content (run patchlens update-data again)` });
	});

	it('a mirror that knows only some products updates those, and keeps the rest', async () => {
		for (const id of Object.keys(bundledDataset().products)) if (id !== 'python') api.failing.set(id, 404);
		const cache = mkdtempSync(path.join(tmpdir(), 'patchlens-update-'));
		const r = await run(['update-data', '--api', api.api, '--cache-dir', cache, '--timeout', '2000']);
		assert.equal(r.code, 0, r.stderr);
		assert.match(r.stdout, /^Updated lifecycle data of 1 product in .* \(\d+ kept from the bundled data\)\.\n$/);
	});

	it('keeps the data in use for a product whose answer is implausible, and writes nothing when most are', async () => {
		const cache = mkdtempSync(path.join(tmpdir(), 'patchlens-update-'));
		const file = path.join(cache, 'lifecycle.json');
		const total = Object.keys(bundledDataset().products).length;
		const emptied = new EolApiServer((id, product) => id === 'python' || id === 'nodejs' ? { ...product, releases: [] } : product);
		await emptied.start();
		try {
			const r = await run(['update-data', '--api', emptied.api, '--cache-dir', cache, '--timeout', '2000']);
			assert.equal(r.code, 0, r.stderr);
			assert.match(r.stderr, /patchlens: warning: python: answered no release lines \(the data in use has \d+\); keeping the bundled data for it\n/);
			assert.match(r.stdout, new RegExp(`^Updated lifecycle data of ${total - 2} products in .* \\(2 kept from the bundled data\\)\\.\n$`));
			assert.equal(JSON.parse(readFileSync(file, 'utf8')).products.python, undefined, 'python stays bundled');
		} finally {
			await emptied.stop();
		}
		const before = readFileSync(file, 'utf8');
		const broken = new EolApiServer((_id, product) => ({ ...product, releases: product.releases.slice(0, 1) }));
		await broken.start();
		try {
			const r = await run(['update-data', '--api', broken.api, '--cache-dir', cache, '--timeout', '2000']);
			assert.equal(r.code, 3);
			assert.match(r.stderr, /^patchlens: update-data failed: \d+ of \d+ answers from http:\/\/127\.0\.0\.1:\d+\S* look implausible \(.*answered 1 release line where the data in use has \d+\); the previous update stays in use\n$/);
			assert.equal(readFileSync(file, 'utf8'), before, 'the previous data is kept byte for byte');
		} finally {
			await broken.stop();
		}
	});
});

// `patchlens update-data` against a local endoflife.date API, and the overlay it writes in use.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { bundledDataset, setLifecycleOverlay } from '../../server/src/core/lifecycle/dataset';
import { applyLifecycleOverlay, lifecycleOverlayPath, toProduct, updateLifecycleData } from '../../server/src/registry/lifecycleUpdate';
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
	afterEach(() => { api.failing.clear(); setLifecycleOverlay(undefined); });

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
		assert.match(r.stderr, /^patchlens: update-data failed: no product could be fetched from http:\/\/127\.0\.0\.1:\d+ \(\w[\w-]*: .*connection refused\); the bundled data stays in use\n$/);
	});

	it('ignores an overlay older than the bundled data, or broken, with a reason', async () => {
		const cache = mkdtempSync(path.join(tmpdir(), 'patchlens-update-'));
		const result = await updateLifecycleData({ api: api.api, cacheRoot: cache, products: ['python'] });
		assert.ok(result.ok);
		assert.match(applyLifecycleOverlay(lifecycleOverlayPath(cache))!, /^lifecycle data of 1 products from/);
		assert.equal(bundledDataset().products.python.releases.find(l => l.cycle === '3.12')!.eol, '2026-01-31');
		const file = lifecycleOverlayPath(cache);
		const content = JSON.parse(readFileSync(file, 'utf8'));
		writeFileSync(file, JSON.stringify({ ...content, fetchedAt: '2020-01-01T00:00:00Z' }));
		setLifecycleOverlay(undefined);
		assert.match(applyLifecycleOverlay(file)!, /older \(2020-01-01\) than the bundled data/);
		assert.equal(bundledDataset().products.python.releases.find(l => l.cycle === '3.12')!.eol, '2028-10-31');
		writeFileSync(file, '{"schema": 1, "products": ');
		assert.match(applyLifecycleOverlay(file)!, /not readable JSON/);
	});
});

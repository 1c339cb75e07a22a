// The results store: default location, atomic saves, look-ups by digest and key, foreign files ignored.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { defaultResultsDir, ResultsStore } from '../../startup/src/store';
import type { BenchmarkReport } from '../../startup/src/result';

function report(runId: string, startedAt: string, digest: string, key: string): BenchmarkReport {
	return { schemaVersion: 1, runId, startedAt, engine: { id: 'E' }, results: [{ image: 'x', digest, imageId: 'sha256:i', key }] } as unknown as BenchmarkReport;
}

describe('results store', () => {
	it('lives under XDG_DATA_HOME, else ~/.local/share', () => {
		assert.equal(defaultResultsDir({ XDG_DATA_HOME: '/data' }), '/data/patchlens/results');
		assert.equal(defaultResultsDir({}), path.join(homedir(), '.local', 'share', 'patchlens', 'results'));
	});

	it('saves reports and finds them by digest and key, newest first', async () => {
		const dir = path.join(mkdtempSync(path.join(tmpdir(), 'patchlens-store-')), 'results');
		const store = new ResultsStore(dir);
		assert.deepEqual(await store.list(), []);
		await store.save(report('pl-1', '2026-11-27T10:00:00.000Z', 'r@sha256:a', 'k1'));
		await store.save(report('pl-2', '2026-11-27T11:00:00.000Z', 'r@sha256:a', 'k1'));
		await store.save(report('pl-3', '2026-11-27T12:00:00.000Z', 'r@sha256:b', 'k2'));
		writeFileSync(path.join(dir, 'broken.json'), '{');
		writeFileSync(path.join(dir, 'future.json'), JSON.stringify({ schemaVersion: 99, results: [] }));
		assert.equal(readdirSync(dir).filter(n => n.endsWith('.tmp')).length, 0);
		assert.deepEqual((await store.findByDigest('r@sha256:a')).map(f => f.report.runId), ['pl-2', 'pl-1']);
		assert.deepEqual((await store.findByDigest('r@sha256:a', 'other-engine')), []);
		assert.equal((await store.findByKey('k2')).length, 1);
		assert.equal((await store.list()).length, 3);
	});
});

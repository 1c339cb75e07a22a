// Cold pulls and engine death run against a second dockerd this suite starts itself (own data-root and
// socket): removing images and killing the engine must never disturb the shared engine.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DockerExecutor } from '../../startup/src/dockerExecutor';
import { EngineUnreachableError, ImageUnavailableError } from '../../startup/src/errors';
import { newRunId, runBenchmark } from '../../startup/src/runner';
import { sweepLeftovers } from '../../startup/src/sweep';
import { startPrivateEngine, type PrivateEngine } from '../../scripts/env/privateEngine';
import { gunzipSync } from 'node:zlib';
import { layerCounter } from '../../startup/src/estimate/layerContents';
import { fixture, labelled, sleep, waitFor } from './helpers';

/** A layer's regular files and their bytes, counted from its blob in the registry. */
async function blobFigures(registryRef: string, digest: string): Promise<{ unpackedBytes: number; files: number }> {
	const [, host, repo] = /^([^/]+)\/(.+?)(?::[^/:]+)?$/.exec(registryRef)!;
	const response = await fetch(`http://${host}/v2/${repo}/blobs/${digest}`);
	const counter = layerCounter();
	counter.push(gunzipSync(Buffer.from(await response.arrayBuffer())));
	return counter.result()!;
}

describe('benchmarks on a private engine', { timeout: 240_000 }, () => {
	let engine: PrivateEngine;
	let executor: DockerExecutor;
	const python = fixture('python:3.12.1-slim');
	const fast = fixture('patchlens/fast:1');

	before(async () => {
		engine = await startPrivateEngine();
		executor = new DockerExecutor(engine.host);
		// A plain local copy (docker save | docker load: no registry digest) ...
		engine.loadFromShared(fast.ref);
		// ... and one pulled, so the engine knows its registry digest as on a user's machine (cold mode needs it).
		engine.docker(['pull', '-q', python.registryRef]);
		engine.docker(['tag', python.registryRef, python.ref]);
		engine.docker(['build', '-q', '-t', 'local/only:1', '-'], Buffer.from(`FROM ${fast.ref}\nLABEL built=here\n`));
	});

	after(async () => {
		await engine?.dispose();
	});

	it('cold mode pulls again, measures time and bytes, and leaves the image and all its tags in place', async () => {
		const runId = newRunId();
		const { report, error } = await runBenchmark({ executor, images: [python.ref], modes: ['cold', 'warm'], concurrency: [1], runs: 2, warmup: 0, runId });
		assert.equal(error, undefined, error?.message);
		const cold = report.results.find(r => r.mode === 'cold')!;
		const warm = report.results.find(r => r.mode === 'warm')!;
		assert.equal(cold.phases.pull!.n, 2);
		// The python fixture shares only its base layer with patchlens/fast: the other three come down the wire.
		const unshared = python.layers.filter(l => !fast.layers.some(f => f.digest === l.digest)).reduce((s, l) => s + l.size, 0);
		for (const bytes of cold.pullBytes!) assert.ok(Math.abs(bytes - unshared) < 4096, `${bytes} vs ${unshared}`);
		// Exact unpacked bytes and files of what came down the wire, read from the registry's blobs themselves (estimate calibration, issue 14).
		const blobs = await Promise.all(python.layers.filter(l => !fast.layers.some(f => f.digest === l.digest)).map(l => blobFigures(python.registryRef, l.digest)));
		const sum = (k: 'unpackedBytes' | 'files') => blobs.reduce((s, b) => s + b[k], 0);
		assert.deepEqual(cold.pullUnpackedBytes, [sum('unpackedBytes'), sum('unpackedBytes')]);
		assert.deepEqual(cold.pullFiles, [sum('files'), sum('files')]);
		assert.ok(sum('files') > 0);
		// A cold sample includes the pull.
		assert.ok(cold.stats.min >= cold.phases.pull!.min);
		assert.ok(cold.stats.median > warm.stats.median);
		const after = JSON.parse(engine.docker(['image', 'inspect', python.ref]))[0];
		assert.equal(after.Id, python.imageId);
		assert.deepEqual([...after.RepoTags].sort(), [python.registryRef, python.ref].sort());
		// The loaded image cannot be re-pulled (no digest), so cold mode refuses it rather than lose it.
		const refused = await runBenchmark({ executor, images: [fast.ref], modes: ['cold'], concurrency: [1], runs: 1, warmup: 0 });
		assert.ok(refused.error instanceof ImageUnavailableError);
		assert.equal(JSON.parse(engine.docker(['image', 'inspect', fast.ref]))[0].Id, fast.imageId);
		assert.deepEqual(labelled(`patchlens=${runId}`, engine.host), []);
	});

	it('refuses to cold-pull an image no registry can give back, and keeps it', async () => {
		const { error } = await runBenchmark({ executor, images: ['local/only:1'], modes: ['cold'], concurrency: [1], runs: 1, warmup: 0 });
		assert.ok(error instanceof ImageUnavailableError);
		assert.match(error.message, /cold mode needs an image a registry can give back, but it was built locally/);
		assert.ok(engine.docker(['image', 'inspect', 'local/only:1']).includes('built=here'.split('=')[0]));
	});

	it('ends promptly with a clear error when the engine dies mid-run; the sweep removes the leftovers after a restart', async () => {
		const runId = newRunId();
		const pending = runBenchmark({ executor, images: [fast.ref], concurrency: [2], runs: 1, warmup: 0, runId, cmd: ['sleep', '120'], timeoutMs: 300_000 });
		await waitFor(() => labelled(`patchlens=${runId}`, engine.host).length === 2, 30_000, 'two running containers');
		await sleep(500);
		const killedAt = Date.now();
		await engine.kill();
		const { report, error } = await pending;
		assert.ok(error instanceof EngineUnreachableError, String(error));
		assert.match(error.message, new RegExp(`^Docker Engine not reachable at ${engine.host.replace(/[/.]/g, '\\$&')}: .+ — is dockerd running\\?$`));
		// Far below the 300 s run timeout it would otherwise hit; not a speed target (the machine may be busy).
		assert.ok(Date.now() - killedAt < 60_000, `took ${Date.now() - killedAt} ms after the kill`);
		assert.equal(report.status, 'failed');
		assert.ok(report.warnings.some(w => w.includes('--sweep')));

		await engine.start();
		const left = labelled(`patchlens=${runId}`, engine.host);
		assert.equal(left.length, 2, 'the dead engine kept its containers');
		const swept = await sweepLeftovers(executor);
		assert.equal(swept.removed.length, 2);
		assert.deepEqual(labelled('patchlens', engine.host), []);
	});
});

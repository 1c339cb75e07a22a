// The run loop against the real shared engine: measurements, readiness, failures, timeouts and cancel,
// and that no container survives any of them. Small levels and run counts: the 2 CPUs are shared.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DockerExecutor } from '../../startup/src/dockerExecutor';
import { BenchCancelledError, ContainerFailedError, EngineUnreachableError, ImageUnavailableError, ReadyTimeoutError } from '../../startup/src/errors';
import { newRunId, runBenchmark, type BenchOptions } from '../../startup/src/runner';
import { inBatches } from '../../startup/src/schedule';
import { fixture, fixtureEnv, labelled, SHARED_HOST, sleepyImage } from './helpers';

const executor = new DockerExecutor(SHARED_HOST);

async function run(options: Partial<BenchOptions> & { images: string[] }) {
	const runId = newRunId();
	const t0 = Date.now();
	const outcome = await runBenchmark({ executor, concurrency: [1], runs: 1, warmup: 0, runId, ...options });
	assert.deepEqual(labelled(`patchlens=${runId}`), [], 'containers left behind');
	return { ...outcome, runId, elapsedMs: Date.now() - t0 };
}

describe('benchmark run loop (real engine)', () => {
	it('measures two images at two levels and records phases, digests, engine and a comparison', async () => {
		const sleepy = sleepyImage();
		const { report, error } = await run({ images: ['patchlens/fast:1', sleepy], concurrency: [1, 2], runs: 3, warmup: 1 });
		assert.equal(error, undefined);
		assert.equal(report.status, 'complete');
		assert.equal(report.engine.storageDriver, 'overlay2');
		assert.ok(report.engine.cpus >= 1 && report.engine.version);
		assert.deepEqual(report.results.map(r => [r.image, r.concurrency, r.samples.length]), [
			['patchlens/fast:1', 1, 3], [sleepy, 1, 3], ['patchlens/fast:1', 2, 6], [sleepy, 2, 6],
		]);
		const fast = report.results[0];
		assert.equal(fast.digest, `${fixtureEnv().registry}/patchlens/fast@${fixture('patchlens/fast:1').digest}`);
		assert.equal(fast.imageId, fixture('patchlens/fast:1').imageId);
		for (const phase of ['create', 'start', 'ready', 'remove'] as const) assert.ok(fast.phases[phase]!.median > 0, phase);
		assert.equal(fast.phases.pull, undefined);
		// A sample spans create + start + ready of its container at least.
		for (const c of fast.containers) assert.ok(c.readyMs >= c.phases.create! + c.phases.start! + c.phases.ready! - 1);
		// The candidate sleeps 2 s before exiting: its ready phase can never be shorter, and the comparison sees it.
		const slow = report.results[1];
		assert.ok(slow.phases.ready!.min >= 1990, String(slow.phases.ready!.min));
		const cmp = report.comparisons.find(c => c.concurrency === 1)!;
		assert.equal(cmp.candidate, sleepy);
		assert.equal(cmp.verdict, 'slower');
		assert.ok(cmp.medianDiffMs > 1000, String(cmp.medianDiffMs));
		assert.ok(cmp.ci95[0] > 0 && cmp.ci95[0] <= cmp.medianDiffMs && cmp.medianDiffMs <= cmp.ci95[1]);
	});

	it('waits for a log line and for the health check', async () => {
		const log = await run({ images: ['patchlens/healthy:1'], ready: { kind: 'log', pattern: /^ready$/ } });
		assert.equal(log.error, undefined);
		// The fixture prints "ready" after sleeping 0.5 s.
		assert.ok(log.report.results[0].phases.ready!.median >= 450, String(log.report.results[0].phases.ready!.median));
		const healthy = await run({ images: ['patchlens/healthy:1'], ready: { kind: 'healthy' } });
		assert.equal(healthy.error, undefined);
		// Health checks run every second: healthy comes after the first passing check, not before.
		assert.ok(healthy.report.results[0].phases.ready!.median >= 900, String(healthy.report.results[0].phases.ready!.median));
		const none = await run({ images: ['patchlens/fast:1'], ready: { kind: 'healthy' }, cmd: ['sleep', '30'] });
		assert.ok(none.error instanceof ContainerFailedError);
		assert.match(none.error.message, /has no health check/);
	});

	it('fails with the exit code and last output of a failing container, and removes everything', async () => {
		const { report, error } = await run({ images: ['patchlens/fast:1'], concurrency: [2], cmd: ['/bin/sh', '-c', 'echo boom >&2; exit 3'] });
		assert.ok(error instanceof ContainerFailedError);
		assert.equal(error.message, 'container of patchlens/fast:1 failed: exited with code 3: boom');
		assert.equal(report.status, 'failed');
		assert.equal(report.error, error.message);
	});

	it('ends a container that is not ready within the time limit', async () => {
		const { error, elapsedMs } = await run({ images: ['patchlens/fast:1'], concurrency: [2], cmd: ['sleep', '60'], timeoutMs: 1500, ready: { kind: 'log', pattern: /never/ } });
		assert.ok(error instanceof ReadyTimeoutError);
		assert.equal(error.message, 'container of patchlens/fast:1 not ready within 1.5 s (waiting for a log line matching /never/)');
		assert.ok(elapsedMs < 15_000, `took ${elapsedMs} ms`);
	});

	it('cancels through an AbortSignal and removes running containers', async () => {
		const controller = new AbortController();
		const runId = newRunId();
		const pending = run({
			images: ['patchlens/fast:1'], concurrency: [2], runId, signal: controller.signal, timeoutMs: 120_000, cmd: ['sleep', '60'],
			onProgress: () => { setTimeout(() => controller.abort(), 1500); },
		});
		// While the round runs, its containers exist on the engine.
		await new Promise(r => setTimeout(r, 1200));
		assert.equal(labelled(`patchlens=${runId}`).length, 2);
		const { report, error, elapsedMs } = await pending;
		assert.ok(error instanceof BenchCancelledError, String(error));
		assert.equal(report.status, 'cancelled');
		assert.equal(report.error, 'benchmark cancelled');
		assert.ok(elapsedMs < 60_000, `took ${elapsedMs} ms`);
		assert.deepEqual(labelled(`patchlens=${runId}`), []);
	});

	it('starts containers in batches when given that schedule', async () => {
		const { report, error } = await run({ images: ['patchlens/fast:1'], concurrency: [2], schedule: inBatches(1) });
		assert.equal(error, undefined);
		assert.equal(report.settings.schedule, 'batches:1');
		const [a, b] = report.results[0].containers;
		// Sequential: the second container is created only once the first is ready. An order of events, not
		// a duration (durations on a loaded 2-core machine are noise: 'twice as late' failed under load).
		assert.ok(a.at && b.at, JSON.stringify([a, b]));
		assert.ok(b.at.create >= a.at.ready, JSON.stringify([a.at, b.at]));
	});

	it('names a missing image and an unreachable engine in one line', async () => {
		// Only the local registry: tests never reach out to Docker Hub.
		const missing = await run({ images: ['127.0.0.1:5000/patchlens/does-not-exist:1'] });
		assert.ok(missing.error instanceof ImageUnavailableError);
		assert.match(missing.error.message, /^image 127.0.0.1:5000\/patchlens\/does-not-exist:1: not present on the engine and cannot be pulled/);
		const down = await runBenchmark({ executor: new DockerExecutor('unix:///tmp/patchlens-no-engine.sock'), images: ['patchlens/fast:1'] });
		assert.ok(down.error instanceof EngineUnreachableError);
		assert.equal(down.error.message, 'Docker Engine not reachable at unix:///tmp/patchlens-no-engine.sock: connect ENOENT — is dockerd running?');
		assert.equal(down.report.status, 'failed');
		assert.deepEqual(down.report.warnings, [], 'no container was made, so nothing to sweep');
	});
});

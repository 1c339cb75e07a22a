// Rollout strategies against the real engine: batch/canary timing from each container's recorded
// create/ready timestamps, limits reaching HostConfig, and no container left on success, failure or abort.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DockerExecutor } from '../../startup/src/dockerExecutor';
import { BenchCancelledError, ContainerFailedError } from '../../startup/src/errors';
import type { ContainerSpec } from '../../startup/src/executor';
import { toCsv } from '../../startup/src/export/csv';
import { toMarkdown } from '../../startup/src/export/markdown';
import { toText } from '../../startup/src/export/text';
import { describeLimits, parseLimits, parseMemory } from '../../startup/src/limits';
import { rolloutMarkdown, rolloutText } from '../../startup/src/rollout/format';
import type { ContainerTiming } from '../../startup/src/result';
import { runStrategies } from '../../startup/src/rollout/run';
import { parseStrategy, type Strategy } from '../../startup/src/rollout/strategy';
import { peakConcurrent } from '../../startup/src/rollout/summary';
import { newRunId } from '../../startup/src/runner';
import { fixture, labelled, SHARED_HOST } from './helpers';

const FAST = fixture('patchlens/fast:1').ref;
const SLOW = fixture('patchlens/slow:1').ref;

function strategies(...labels: string[]): Strategy[] {
	return labels.map(l => {
		const p = parseStrategy(l);
		assert.ok(p.ok, l);
		return p.strategy;
	});
}

/** Containers between create and ready at the moment each one is created, from the raw timestamps. */
function startingAtCreate(round: ContainerTiming[]): number[] {
	return round.map(c => round.filter(o => o.at!.create <= c.at!.create && c.at!.create < o.at!.ready).length);
}

function rounds(containers: ContainerTiming[]): ContainerTiming[][] {
	const by = new Map<number, ContainerTiming[]>();
	for (const c of containers) by.set(c.round, [...(by.get(c.round) ?? []), c]);
	return [...by.values()];
}

/** Records the HostConfig the engine really applied to each container it creates. */
class InspectingExecutor extends DockerExecutor {
	readonly applied: { NanoCpus?: number; Memory?: number; CpuShares?: number; NetworkMode?: string }[] = [];
	override async createContainer(spec: ContainerSpec, signal?: AbortSignal): Promise<string> {
		const id = await super.createContainer(spec, signal);
		const info = await this.docker.getContainer(id).inspect();
		this.applied.push(info.HostConfig);
		return id;
	}
}

describe('rollout strategies (real engine)', { timeout: 240_000 }, () => {
	it('all vs batch:2 vs canary:2 for 6 replicas: never more than k starting at once, all containers removed', async () => {
		const executor = new InspectingExecutor(SHARED_HOST);
		const limits = parseLimits({ cpus: '0.5', memory: '64m', cpuShares: '512' });
		assert.ok(limits.ok);
		const runId = newRunId();
		const { report, error } = await runStrategies({
			executor, images: [FAST], replicas: 6, strategies: strategies('all', 'batch:2', 'canary:2'), runs: 3, warmup: 0, runId, limits: limits.limits,
		});
		assert.equal(error, undefined, error?.message);
		assert.deepEqual(labelled(`patchlens=${runId}`), []);
		assert.deepEqual(report.results.map(r => r.strategy), ['all', 'batch:2', 'canary:2']);
		assert.equal(report.settings.schedule, 'all, batch:2, canary:2');

		const [all, batch, canary] = report.results;
		for (const r of report.results) {
			assert.equal(r.containers.length, 18);
			assert.ok(r.containers.every(c => c.at && c.at.create <= c.at.start && c.at.start <= c.at.ready), 'timestamps in order');
			assert.equal(r.rollout?.timeToAllReady.length, 3);
		}
		// batch:2 (rolling, maxSurge 2): at every create, at most 2 containers are between create and ready.
		for (const round of rounds(batch.containers)) {
			assert.ok(Math.max(...startingAtCreate(round)) <= 2, JSON.stringify(round.map(c => c.at)));
			// ...and a new one starts only once an earlier one is ready: the third create follows the first ready.
			const byCreate = [...round].sort((a, b) => a.at!.create - b.at!.create);
			const firstReady = Math.min(...round.map(c => c.at!.ready));
			assert.ok(byCreate[2].at!.create >= firstReady);
		}
		assert.deepEqual(batch.rollout?.peakStarting, [2, 2, 2]);
		// all: every replica is created before the first one is ready.
		assert.deepEqual(all.rollout?.peakStarting, [6, 6, 6]);
		// canary:2: nothing else is created before both canaries are ready; the rest then start together.
		for (const round of rounds(canary.containers)) {
			const canaries = round.filter(c => c.index < 2);
			const rest = round.filter(c => c.index >= 2);
			assert.ok(Math.min(...rest.map(c => c.at!.create)) >= Math.max(...canaries.map(c => c.at!.ready)));
		}
		assert.ok(canary.rollout!.peakStarting.every(p => p <= 4));
		// Each replica's own latency excludes its wait; time to all ready includes it.
		assert.ok(batch.rollout!.replicaLatency.median < batch.rollout!.timeToAllReadyStats.median);

		// The limits reached the engine on every container, and the network stayed off.
		assert.equal(executor.applied.length, 54);
		for (const h of executor.applied) {
			assert.equal(h.NanoCpus, 500_000_000);
			assert.equal(h.Memory, 64 * 1024 * 1024);
			assert.equal(h.CpuShares, 512);
			assert.equal(h.NetworkMode, 'none');
		}
		assert.deepEqual(report.settings.limits, { NanoCpus: 500_000_000, Memory: 67108864, CpuShares: 512 });

		// Every output names the strategy and the limits.
		const text = toText(report) + rolloutText(report);
		assert.match(text, /Limits per container: cpus=0\.5 memory=64m cpu-shares=512/);
		assert.match(text, /patchlens\/fast:1 \[batch:2\]/);
		assert.match(text, /^\s+patchlens\/fast:1\s+batch:2\s+warm\s+6\s+\S+ m?s\s+\S+ m?s\s+\S+ m?s\s+\S+ m?s\s+2$/m);
		const md = toMarkdown(report) + rolloutMarkdown(report);
		assert.match(md, /Limits per container: cpus=0\.5 memory=64m cpu-shares=512\./);
		assert.match(md, /^## Rollout strategies$/m);
		const csv = toCsv(report).trim().split('\n');
		assert.ok(csv[0].endsWith(',strategy,all_ready_median_ms,replica_median_ms,peak_starting,limits'));
		assert.match(csv[2], /,batch:2,[\d.]+,[\d.]+,2,cpus=0\.5 memory=64m cpu-shares=512$/);
	});

	it('a container failing mid-rollout ends the run and leaves nothing behind', async () => {
		const runId = newRunId();
		const { report, error } = await runStrategies({
			executor: new DockerExecutor(SHARED_HOST), images: [FAST], replicas: 4, strategies: strategies('batch:2', 'all'), runs: 1, warmup: 0, runId,
			cmd: ['sh', '-c', 'exit 3'],
		});
		assert.ok(error instanceof ContainerFailedError, String(error));
		assert.equal(report.status, 'failed');
		assert.deepEqual(report.results, []);
		assert.deepEqual(labelled(`patchlens=${runId}`), []);
	});

	it('cancelling during a rollout removes every container', async () => {
		const runId = newRunId();
		const controller = new AbortController();
		const executor = new DockerExecutor(SHARED_HOST);
		let created = 0;
		const create = executor.createContainer.bind(executor);
		executor.createContainer = async (spec, signal) => {
			const id = await create(spec, signal);
			if (++created === 3) controller.abort(); // mid-rollout: some ready, some starting, some not yet created
			return id;
		};
		const { report, error } = await runStrategies({
			executor, images: [SLOW], replicas: 6, strategies: strategies('batch:2', 'all'), runs: 2, warmup: 0, runId, signal: controller.signal,
		});
		assert.ok(error instanceof BenchCancelledError, String(error));
		assert.equal(report.status, 'cancelled');
		assert.ok(created < 12, `stopped creating after the abort (created ${created})`);
		assert.deepEqual(labelled(`patchlens=${runId}`), []);
	});
});

describe('resource limits', () => {
	it('parses docker run spellings into HostConfig fields and refuses what the engine would', () => {
		assert.deepEqual(parseLimits({ cpus: '1.5', memory: '1g', cpuShares: '256' }), { ok: true, limits: { NanoCpus: 1_500_000_000, Memory: 1024 ** 3, CpuShares: 256 } });
		assert.deepEqual(parseLimits({}), { ok: true, limits: undefined });
		assert.equal(parseMemory('512MiB'), 512 * 1024 ** 2);
		assert.equal(parseMemory('100k'), 102400);
		assert.equal(parseMemory('lots'), undefined);
		assert.match((parseLimits({ cpus: '0' }) as { error: string }).error, /--cpus/);
		assert.match((parseLimits({ memory: '4m' }) as { error: string }).error, /at least 6m/);
		assert.match((parseLimits({ cpuShares: '1.5' }) as { error: string }).error, /--cpu-shares/);
		assert.equal(describeLimits({ NanoCpus: 250_000_000, Memory: 256 * 1024 ** 2 }), 'cpus=0.25 memory=256m');
	});
});

describe('peakConcurrent', () => {
	it('counts overlapping [create, ready) intervals; touching ones do not overlap', () => {
		assert.equal(peakConcurrent([]), 0);
		assert.equal(peakConcurrent([{ create: 0, ready: 10 }, { create: 10, ready: 20 }]), 1);
		assert.equal(peakConcurrent([{ create: 0, ready: 10 }, { create: 5, ready: 20 }, { create: 6, ready: 7 }, { create: 8, ready: 30 }]), 3);
	});
});

describe('rollout schedules (no engine)', () => {
	/** Fake launches: ready after `readyMs[i]`, removed 30 ms later; records how many are starting at once. */
	async function simulate(strategy: string, readyMs: number[]): Promise<{ peak: number; order: number[]; readyOrder: number[] }> {
		const p = parseStrategy(strategy);
		assert.ok(p.ok);
		let starting = 0;
		let peak = 0;
		const order: number[] = [];
		const readyOrder: number[] = [];
		const sleepMs = (ms: number) => new Promise(r => setTimeout(r, ms));
		await p.strategy.schedule.run(readyMs.length, async (i, onReady) => {
			order.push(i);
			peak = Math.max(peak, ++starting);
			await sleepMs(readyMs[i]);
			starting--;
			readyOrder.push(i);
			onReady?.();
			await sleepMs(30);
		}, new AbortController().signal);
		return { peak, order, readyOrder };
	}

	it('batch:k keeps k starting and refills a slot as soon as one is ready (before removal)', async () => {
		const r = await simulate('batch:2', [400, 10, 10, 10, 10, 10]);
		assert.equal(r.peak, 2);
		assert.deepEqual(r.order, [0, 1, 2, 3, 4, 5]);
		// 1 is ready at 10 ms: 2..5 run through the free slot while 0 is still starting.
		assert.deepEqual(r.readyOrder, [1, 2, 3, 4, 5, 0]);
	});

	it('canary:c starts the rest only after every canary is ready; all starts everything at once', async () => {
		const c = await simulate('canary:2', [100, 200, 5, 5, 5]);
		assert.deepEqual(c.readyOrder.slice(0, 2).sort(), [0, 1]);
		assert.equal(c.peak, 3);
		assert.equal((await simulate('all', [10, 10, 10, 10])).peak, 4);
		assert.equal((await simulate('wave:2', [10, 10, 10, 10, 10])).peak, 2);
	});

	it('rejects unknown strategies with a message', () => {
		assert.deepEqual(parseStrategy('batch:0'), { ok: false, error: 'strategy batch:0: the size must be a positive integer' });
		assert.match((parseStrategy('surge:2') as { error: string }).error, /expected all, batch:K, wave:K or canary:C/);
	});
});

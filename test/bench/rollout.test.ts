// Rollout strategies against the real engine: batch/canary timing from each container's recorded
// create/ready timestamps, limits reaching HostConfig, and no container left on success, failure or abort.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DockerExecutor } from '../../client/src/bench/dockerExecutor';
import { BenchCancelledError, ContainerFailedError } from '../../client/src/bench/errors';
import type { ContainerSpec } from '../../client/src/bench/executor';
import { parseLimits } from '../../client/src/bench/limits';
import type { ContainerTiming } from '../../client/src/bench/result';
import { runStrategies } from '../../client/src/bench/rollout/run';
import { parseStrategy, type Strategy } from '../../client/src/bench/rollout/strategy';
import { peakConcurrent } from '../../client/src/bench/rollout/summary';
import { newRunId } from '../../client/src/bench/runner';
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

describe('peakConcurrent', () => {
	it('counts overlapping [create, ready) intervals; touching ones do not overlap', () => {
		assert.equal(peakConcurrent([]), 0);
		assert.equal(peakConcurrent([{ create: 0, ready: 10 }, { create: 10, ready: 20 }]), 1);
		assert.equal(peakConcurrent([{ create: 0, ready: 10 }, { create: 5, ready: 20 }, { create: 6, ready: 7 }, { create: 8, ready: 30 }]), 3);
	});
});

// Rollouts on the private swarm of scripts/env/swarm.sh (a real dockerd in swarm mode): update, start-first,
// canary, rollback, a failing candidate rolled back by Swarm, cancel mid-update and the SIGTERM case.
// Every test checks that no service is left behind. Images are tiny, grace periods short.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { findingsOf } from '../helpers/analyze';
import { dockerOptions } from '../../startup/src/dockerHost';
import { rolloutJson } from '../../startup/src/orchestrators/format';
import type { UpdatePolicy } from '../../startup/src/orchestrators/orchestrator';
import { runRollout, type RolloutRequest } from '../../startup/src/orchestrators/rollout';
import { SwarmOrchestrator } from '../../startup/src/orchestrators/swarm';
import { newRunId } from '../../startup/src/runner';
import { fixtureEnv } from './helpers';
import { swarmEnv } from '../../scripts/env/fixtures';

const swarm = swarmEnv();
const orchestrator = new SwarmOrchestrator(dockerOptions(swarm.dockerHost));
const { service1, service2, stubborn, crash } = swarm.images;

const POLICY: UpdatePolicy = { parallelism: 2, delayMs: 0, order: 'stop-first', failureAction: 'pause', monitorMs: 500 };

/** Services carrying our label on the private swarm (all of them, or one run's). */
function services(runId?: string): string[] {
	return execFileSync('docker', ['-H', swarm.dockerHost, 'service', 'ls', '-q', '--filter', `label=patchlens${runId ? `=${runId}` : ''}`], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

function request(overrides: Partial<RolloutRequest>): RolloutRequest {
	return { orchestrator, runId: newRunId(), image: service1, candidate: service2, replicas: 4, policy: POLICY, rollback: false, stopGraceMs: 3000, timeoutMs: 90_000, ...overrides };
}

const running = <T extends { state: string }>(tasks: T[]) => tasks.filter(t => t.state === 'running');

describe('patchlens rollout on a real swarm', () => {
	after(() => assert.deepEqual(services(), [], 'no patchlens service left on the swarm'));

	it('updates stop-first two at a time: every slot runs NEW, at most two replicas down, old tasks stop on SIGTERM', async () => {
		const req = request({});
		const report = await runRollout(req);
		const u = report.update;
		assert.equal(u.outcome, 'completed');
		assert.equal(u.image, service2);
		assert.deepEqual(running(u.tasks).map(t => t.image), [service2, service2, service2, service2]);
		assert.deepEqual(running(u.tasks).map(t => t.slot), [1, 2, 3, 4]);
		assert.ok(u.minReady >= 4 - 2 && u.minReady < 4, `stop-first takes at most two down at once (min ready ${u.minReady})`);
		assert.ok(u.convergedMs! > 0 && u.slowestBatchMs! <= u.convergedMs!);
		// Phases in order for every new task that was seen in them.
		for (const t of running(u.tasks)) {
			const seen = (['new', 'assigned', 'starting', 'running'] as const).map(p => t.phases[p]).filter((v): v is number => v !== undefined);
			assert.deepEqual(seen, [...seen].sort((a, b) => a - b), JSON.stringify(t.phases));
			assert.ok(t.phases.healthy !== undefined, 'service images have a HEALTHCHECK: the healthy phase is recorded');
		}
		assert.equal(u.availability.at(-1)!.ready, 4);
		assert.equal(u.stops.length, 4, 'every old task was asked to stop');
		assert.ok(u.stops.every(s => !s.graceHit && s.durationMs! < req.stopGraceMs), JSON.stringify(u.stops));
		assert.deepEqual(services(req.runId), []);
	});

	it('start-first never drops below the replica count', async () => {
		const report = await runRollout(request({ replicas: 2, policy: { ...POLICY, parallelism: 1, order: 'start-first' } }));
		assert.equal(report.update.outcome, 'completed');
		assert.ok(report.update.minReady >= 2, `min ready ${report.update.minReady}`);
	});

	it('canary: one task first, held, then the rest; rollback returns every slot to CURRENT', async () => {
		const report = await runRollout(request({ replicas: 3, canary: 1, rollback: true, policy: { ...POLICY, parallelism: 2 } }));
		assert.equal(report.canary?.outcome, 'completed');
		assert.deepEqual(report.canary!.tasks.map(t => t.image), [service2], 'the canary phase created exactly one new task');
		assert.equal(report.update.outcome, 'completed');
		assert.equal(running(report.update.tasks).length, 2, 'the update replaced the two slots the canary left');
		assert.equal(report.rollback?.outcome, 'completed');
		assert.deepEqual(running(report.rollback!.tasks).map(t => t.image), [service1, service1, service1]);
	});

	it('rolls back with Swarm\'s own rollback and reports it in the documented JSON shape', async () => {
		const report = await runRollout(request({ replicas: 2, rollback: true }));
		const doc = JSON.parse(rolloutJson([report]));
		assert.equal(doc.schemaVersion, 1);
		assert.equal(doc.orchestrator, 'swarm');
		assert.equal(doc.replicas, 2);
		for (const phase of [doc.update, doc.rollback]) {
			assert.equal(typeof phase.convergedMs, 'number');
			assert.ok(Array.isArray(phase.availability) && phase.availability.every((s: { tMs: number; ready: number }) => typeof s.tMs === 'number' && typeof s.ready === 'number'));
			for (const t of phase.tasks) assert.deepEqual(Object.keys(t).filter(k => ['slot', 'node', 'image', 'phases'].includes(k)).sort(), ['image', 'node', 'phases', 'slot']);
			assert.equal(typeof phase.stopMs, 'number');
		}
		assert.equal(doc.rollback.image, service1);
		assert.equal(doc.identity.clusterId.length > 0, true);
		assert.equal(doc.settings.candidate, service2);
	});

	it('a crashing candidate with --failure-action rollback ends rolled back on CURRENT', async () => {
		const report = await runRollout(request({ candidate: crash, replicas: 2, policy: { ...POLICY, parallelism: 1, failureAction: 'rollback', monitorMs: 2000 } }));
		assert.equal(report.update.outcome, 'rolled-back');
		assert.equal(report.update.image, service1);
		assert.ok(report.update.tasks.some(t => t.image === crash && t.state === 'failed'), 'the failed candidate task is reported');
		assert.deepEqual(running(report.update.tasks).map(t => t.image).sort(), [service1, service1]);
	});

	it('cancel mid-update removes the service', async () => {
		const controller = new AbortController();
		const req = request({
			replicas: 2, policy: { ...POLICY, parallelism: 1, delayMs: 5000 }, signal: controller.signal,
			onPhase: kind => { if (kind === 'update') controller.abort(); },
		});
		await assert.rejects(runRollout(req));
		assert.deepEqual(services(req.runId), []);
	});

	it('a create whose answer is lost (cancelled in flight) still leaves no service: the run\'s label finds it', async () => {
		const req = request({ replicas: 1 });
		const lossy = Object.create(orchestrator) as typeof orchestrator;
		lossy.create = async (r, s) => {
			await orchestrator.create(r, s);
			throw Object.assign(new Error('aborted'), { name: 'AbortError' });
		};
		await assert.rejects(runRollout({ ...req, orchestrator: lossy }), /aborted/);
		assert.deepEqual(services(req.runId), []);
	});

	it('an image that ignores SIGTERM (PL206 fires on its Dockerfile) makes every old task wait out the grace period', async () => {
		const dockerfile = readFileSync(`${(fixtureEnv() as { stateDir?: string }).stateDir ?? '/tmp/patchlens-env'}/build/swarm/stubborn:1/Dockerfile`, 'utf8');
		assert.equal(findingsOf('PL206', dockerfile).length, 1, dockerfile);
		const grace = 2000;
		const report = await runRollout(request({ image: stubborn, candidate: service1, replicas: 2, stopGraceMs: grace }));
		const stops = report.update.stops;
		assert.equal(stops.length, 2);
		for (const s of stops) {
			assert.ok(s.graceHit, JSON.stringify(s));
			assert.ok(s.durationMs! >= grace, `stopped after ${s.durationMs} ms, grace ${grace} ms`);
		}
		assert.ok(report.update.stopMs! >= grace);
	});
});

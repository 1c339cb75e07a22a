// The pure parts of `patchlens rollout`: Swarm's task/event records mapped to phases, the phase
// bookkeeping (availability, minimum ready, batches, stop times), summaries over runs and the formats.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { rolloutCsv, rolloutJson, rolloutMarkdown, rolloutOpenMetrics, rolloutText } from '../../startup/src/orchestrators/format';
import type { TaskSnapshot } from '../../startup/src/orchestrators/orchestrator';
import type { PhaseResult, RolloutReport } from '../../startup/src/orchestrators/rollout';
import { summariseRuns } from '../../startup/src/orchestrators/summary';
import { serviceSpec, toSnapshot, toTaskEvent } from '../../startup/src/orchestrators/swarm';
import { minimumReady, perNode, PhaseRecorder, slowestBatchMs } from '../../startup/src/orchestrators/timeline';

const task = (id: string, slot: number, state: string, sinceMs: number, over: Partial<TaskSnapshot> = {}): TaskSnapshot =>
	({ id, slot, node: 'n1', image: 'app:2', state, desiredState: 'running', stateSinceMs: sinceMs, createdMs: 1000, ...over });

describe('Swarm records', () => {
	it('maps container events of a task to phases and stops, and ignores the rest', () => {
		const attrs = { 'com.docker.swarm.task.id': 't1', signal: '15' };
		assert.deepEqual(toTaskEvent({ Action: 'kill', timeNano: 2_500_000_000, Actor: { Attributes: attrs } }), { taskId: 't1', kind: 'kill', signal: '15', timeMs: 2500 });
		assert.deepEqual(toTaskEvent({ Action: 'health_status: healthy', time: 3, Actor: { Attributes: attrs } }), { taskId: 't1', kind: 'healthy', timeMs: 3000 });
		assert.equal(toTaskEvent({ Action: 'exec_start: sh', time: 3, Actor: { Attributes: attrs } }), undefined);
		assert.equal(toTaskEvent({ Action: 'die', time: 3, Actor: { Attributes: {} } }), undefined, 'a container that is no swarm task');
	});

	it('reads a task: node name, image without the pinned digest, engine timestamps', () => {
		const snap = toSnapshot({
			ID: 'x', Slot: 2, NodeID: 'abc', CreatedAt: '2026-01-01T00:00:00Z', DesiredState: 'running',
			Spec: { ContainerSpec: { Image: `reg/app:2@sha256:${'a'.repeat(64)}` } }, Status: { State: 'failed', Timestamp: '2026-01-01T00:00:01.5Z', Err: 'task: non-zero exit (1)' },
		}, new Map([['abc', 'node-1']]));
		assert.deepEqual(snap, { id: 'x', slot: 2, node: 'node-1', image: 'reg/app:2', state: 'failed', desiredState: 'running', stateSinceMs: Date.parse('2026-01-01T00:00:01.5Z'), createdMs: Date.parse('2026-01-01T00:00:00Z'), error: 'task: non-zero exit (1)' });
	});

	it('creates a labelled service without published ports, with the policy and grace period in nanoseconds', () => {
		const spec = serviceSpec({ runId: 'r1', image: 'app:1', replicas: 3, stopGraceMs: 2000, labels: { 'patchlens.pid': '42' }, limits: { cpus: 0.5, memoryBytes: 64 << 20 },
			policy: { parallelism: 2, delayMs: 1500, order: 'start-first', failureAction: 'rollback', monitorMs: 500 } }, 'patchlens-r1');
		assert.deepEqual(spec.Labels, { 'patchlens.pid': '42', patchlens: 'r1' });
		assert.equal(spec.EndpointSpec, undefined);
		assert.deepEqual(spec.UpdateConfig, { Parallelism: 2, Delay: 1_500_000_000, Order: 'start-first', FailureAction: 'rollback', Monitor: 500_000_000, MaxFailureRatio: 0 });
		const template = spec.TaskTemplate as { ContainerSpec: { StopGracePeriod: number }; Resources: { Limits: object }; RestartPolicy: object };
		assert.equal(template.ContainerSpec.StopGracePeriod, 2_000_000_000);
		assert.deepEqual(template.Resources.Limits, { NanoCPUs: 500_000_000, MemoryBytes: 64 << 20 });
		assert.deepEqual(template.RestartPolicy, { Condition: 'none' });
	});
});

describe('phase bookkeeping', () => {
	it('records each new task\'s phases from engine timestamps, relative to the phase start', () => {
		const old = task('old', 1, 'running', 0, { image: 'app:1' });
		const r = new PhaseRecorder(10_000, [old], 3000);
		r.look([old, task('n1', 1, 'assigned', 10_050)], 10_100);
		r.look([task('old', 1, 'shutdown', 10_120, { desiredState: 'shutdown' }), task('n1', 1, 'running', 11_000)], 11_100);
		r.event({ taskId: 'n1', kind: 'healthy', timeMs: 11_000 });
		const [t] = r.newTasks();
		assert.equal(t.id, 'n1');
		assert.deepEqual(t.phases, { assigned: 50, new: 0, running: 1000, healthy: 1000 });
		assert.deepEqual(r.availability, [{ tMs: 100, ready: 1 }, { tMs: 1100, ready: 1 }]);
	});

	it('measures an old task\'s stop and marks the grace period hit by SIGKILL or by duration', () => {
		const r = new PhaseRecorder(0, [task('a', 1, 'running', 0), task('b', 2, 'running', 0)], 2000);
		r.event({ taskId: 'a', kind: 'kill', signal: '15', timeMs: 100 });
		r.event({ taskId: 'a', kind: 'die', timeMs: 150 });
		r.event({ taskId: 'b', kind: 'kill', signal: '15', timeMs: 100 });
		assert.equal(r.pendingStops(), 1);
		r.event({ taskId: 'b', kind: 'kill', signal: '9', timeMs: 2100 });
		r.event({ taskId: 'b', kind: 'die', timeMs: 2110 });
		assert.deepEqual(r.stops().map(s => [s.id, s.durationMs, s.graceHit]), [['a', 50, false], ['b', 2010, true]]);
	});

	it('finds the minimum of ready replicas and how long it lasted', () => {
		assert.deepEqual(minimumReady([{ tMs: 0, ready: 4 }, { tMs: 100, ready: 2 }, { tMs: 300, ready: 3 }, { tMs: 400, ready: 2 }, { tMs: 450, ready: 4 }]), { minReady: 2, minReadyForMs: 250 });
		assert.deepEqual(minimumReady([]), { minReady: 0, minReadyForMs: 0 });
	});

	it('groups new tasks into batches of the parallelism in creation order', () => {
		const t = (id: string, created: number, ready: number) => ({ id, slot: 1, node: 'n', image: 'x', state: 'running', phases: { new: created, running: ready } });
		assert.equal(slowestBatchMs([t('a', 0, 900), t('b', 10, 1000), t('c', 1000, 1500), t('d', 1005, 2400)], 2), 1400);
		assert.equal(slowestBatchMs([], 2), undefined);
	});

	it('summarises new tasks per node: count, median pull, median ready', () => {
		const t = (node: string, preparing: number | undefined, starting: number, healthy: number) => ({ id: node, slot: 1, node, image: 'x', state: 'running', phases: { new: 0, preparing, starting, healthy } });
		assert.deepEqual(perNode([t('b', 100, 400, 900), t('a', 100, 200, 500), t('b', 100, 600, 1100), t('a', undefined, 300, 700)]), [
			{ node: 'a', tasks: 2, preparingMs: 100, readyMs: 600 },
			{ node: 'b', tasks: 2, preparingMs: 400, readyMs: 1000 },
		]);
	});
});

function phase(kind: PhaseResult['kind'], convergedMs: number, over: Partial<PhaseResult> = {}): PhaseResult {
	return {
		kind, outcome: 'completed', image: 'app:2', convergedMs, slowestBatchMs: convergedMs / 2, minReady: 2, minReadyForMs: 300,
		tasks: [{ id: 't', slot: 1, node: 'n1', image: 'app:2', state: 'running', phases: { new: 0, running: 800, healthy: 810 } }],
		availability: [{ tMs: 0, ready: 4 }, { tMs: 100, ready: 2 }], stopMs: 40, stops: [{ id: 'o', node: 'n1', requestedMs: 10, stoppedMs: 50, durationMs: 40, graceHit: false }],
		nodes: [{ node: 'n1', tasks: 1, readyMs: 810 }], ...over,
	};
}

function report(convergedMs: number): RolloutReport {
	return {
		schemaVersion: 1, orchestrator: 'swarm', runId: `r${convergedMs}`, startedAt: '2026-12-01T00:00:00.000Z',
		identity: { orchestrator: 'swarm', engineVersion: '20.10', apiVersion: '1.41', nodes: 1, managers: 1, clusterId: 'c' },
		settings: { image: 'app:1', candidate: 'app:2', replicas: 4, policy: { parallelism: 2, delayMs: 0, order: 'stop-first', failureAction: 'pause', monitorMs: 500 }, rollback: false, stopGraceMs: 10_000 },
		replicas: 4, deploy: phase('deploy', 1000), update: phase('update', convergedMs),
	};
}

describe('rollout reports', () => {
	it('summarises runs per phase with medians and a bootstrap interval that contains them', () => {
		const [, update] = summariseRuns([report(5000), report(6000), report(7000)]);
		assert.equal(update.kind, 'update');
		assert.equal(update.convergedMs!.median, 6000);
		assert.ok(update.convergedMs!.ci95[0] <= 6000 && update.convergedMs!.ci95[1] >= 6000);
		assert.deepEqual(update.outcomes, { completed: 3 });
		assert.equal(update.stops, 3);
	});

	it('renders text, Markdown, CSV and JSON with the same numbers', () => {
		const runs = [report(5000), report(7000)];
		assert.match(rolloutText(runs), /update\s+completed ×2\s+6\.00 s \[5\.00 s, 7\.00 s\]/);
		assert.match(rolloutMarkdown(runs), /\| update \| completed ×2 \| 6\.00 s \[5\.00 s, 7\.00 s\] \|/);
		const csv = rolloutCsv(runs).trim().split('\n');
		assert.equal(csv[0], 'run,phase,outcome,image,converged_ms,slowest_batch_ms,min_ready,min_ready_for_ms,stop_ms,grace_hits,stops');
		assert.deepEqual(csv.slice(1), ['1,deploy,completed,app:2,1000,500,2,300,40,0,1', '1,update,completed,app:2,5000,2500,2,300,40,0,1', '2,deploy,completed,app:2,1000,500,2,300,40,0,1', '2,update,completed,app:2,7000,3500,2,300,40,0,1']);
		const doc = JSON.parse(rolloutJson(runs));
		assert.equal(doc.update.convergedMs, 5000, 'top level: the first run');
		assert.deepEqual(doc.runs.map((r: RolloutReport) => r.update.convergedMs), [5000, 7000]);
		assert.equal(doc.summary.find((s: { kind: string }) => s.kind === 'update').convergedMs.median, 6000);
	});

	it('writes OpenMetrics that promtool accepts', () => {
		const text = rolloutOpenMetrics([report(5000)]);
		assert.match(text, /^patchlens_rollout_converged_seconds\{image="app:1",candidate="app:2",replicas="4",order="stop-first",parallelism="2",phase="update"\} 5$/m);
		assert.ok(text.endsWith('# EOF\n'));
		const r = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
		assert.ok(!r.error, 'promtool missing: run scripts/env/install-promtool.sh');
		assert.equal(r.status, 0, r.stdout + r.stderr);
	});
});

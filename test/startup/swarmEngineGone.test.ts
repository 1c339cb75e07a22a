// The engine goes away mid-rollout: the rollout fails with the engine's error instead of hanging, and once
// the engine is back, `--sweep` (sweepServices) removes the service it could not remove. On a private
// dockerd of its own (scripts/env/privateEngine.ts) in swarm mode, so the shared swarm is never killed.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startPrivateEngine, type PrivateEngine } from '../../scripts/env/privateEngine';
import { swarmEnv } from '../../scripts/env/fixtures';
import { dockerOptions } from '../../startup/src/dockerHost';
import { runRollout } from '../../startup/src/orchestrators/rollout';
import { SwarmOrchestrator } from '../../startup/src/orchestrators/swarm';
import { sweepServices } from '../../startup/src/orchestrators/sweep';
import { newRunId } from '../../startup/src/runner';

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer().listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		}).on('error', reject);
	});
}

describe('a swarm engine that goes away mid-rollout', () => {
	let engine: PrivateEngine;
	const { service1, service2 } = swarmEnv().images;

	before(async () => {
		engine = await startPrivateEngine();
		engine.docker(['swarm', 'init', '--advertise-addr', '127.0.0.1', '--listen-addr', `127.0.0.1:${await freePort()}`]);
	});
	after(async () => engine?.dispose());

	it('fails the rollout with the engine\'s error; the sweep removes the service once the engine is back', async () => {
		const orchestrator = new SwarmOrchestrator(dockerOptions(engine.host));
		let killed: Promise<void> | undefined;
		const rollout = runRollout({
			orchestrator, runId: newRunId(), image: service1, candidate: service2, replicas: 2, rollback: false, stopGraceMs: 2000, timeoutMs: 120_000,
			policy: { parallelism: 1, delayMs: 10_000, order: 'stop-first', failureAction: 'pause', monitorMs: 500 },
			onPhase: kind => { if (kind === 'update') killed ??= engine.kill(); },
		});
		await assert.rejects(rollout, (error: Error) => /ECONNREFUSED|ENOENT|socket hang up|EPIPE|ECONNRESET/.test(error.message));
		await killed;
		await engine.start();
		const services = () => engine.docker(['service', 'ls', '-q', '--filter', 'label=patchlens']).split('\n').filter(Boolean);
		assert.equal(services().length, 1, 'the engine was gone: the service could not be removed');
		const swept = await sweepServices(orchestrator);
		assert.equal(swept.removed.length, 1);
		assert.deepEqual(services(), []);
	});
});

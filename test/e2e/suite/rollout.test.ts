// "Roll Out the Bump on a Swarm" in a real VS Code, against the private swarm of scripts/env/swarm.sh:
// a rollout that converges, one cancelled mid-update, and an engine that is not a swarm manager.
// No service may be left on the swarm.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import type { RolloutOutcome } from '../../../client/src/run/rolloutController';
import { swarmEnv } from '../../../scripts/env/fixtures';
import { setSetting, waitFor } from './util';

const swarm = swarmEnv();
const { service1, service2 } = swarm.images;

function services(): string[] {
	return execFileSync('docker', ['-H', swarm.dockerHost, 'service', 'ls', '-q', '--filter', 'label=patchlens'], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

describe('swarm rollouts from VS Code', function () {
	this.timeout(180_000);

	before(async () => {
		await setSetting('rollout.host', swarm.dockerHost);
		await setSetting('rollout.replicas', 2);
		await setSetting('rollout.parallelism', 1);
		await setSetting('rollout.monitorSeconds', 0.5);
	});

	after(() => assert.deepEqual(services(), [], 'no patchlens service left on the swarm'));

	it('rolls CURRENT out to NEW, reports every task and removes the service', async () => {
		const outcome = await vscode.commands.executeCommand<RolloutOutcome>('patchlens.rolloutSwarm', { image: service1, candidate: service2 });
		assert.equal(outcome?.kind, 'done', JSON.stringify(outcome));
		if (outcome.kind !== 'done') return;
		const { update } = outcome.report;
		console.log(`rollout ${outcome.report.runId}: update ${update.outcome} in ${update.convergedMs} ms, min ready ${update.minReady}/2, ${update.availability.length} samples`);
		assert.equal(update.outcome, 'completed');
		assert.deepEqual(update.tasks.filter(t => t.state === 'running').map(t => t.image), [service2, service2]);
		assert.ok(update.availability.length > 1);
		assert.deepEqual(services(), []);
	});

	it('Cancel mid-update stops the rollout and removes the service', async () => {
		await setSetting('rollout.monitorSeconds', 30); // the update cannot complete before the cancel
		const running = vscode.commands.executeCommand<RolloutOutcome>('patchlens.rolloutSwarm', { image: service1, candidate: service2 });
		await waitFor('the rollout service', () => services().length === 1 || undefined, 60_000);
		await vscode.commands.executeCommand('patchlens.cancelRollout');
		const outcome = await running;
		await setSetting('rollout.monitorSeconds', 0.5);
		assert.equal(outcome?.kind, 'cancelled', JSON.stringify(outcome));
		assert.deepEqual(services(), []);
	});

	it('an engine that is not a swarm manager gets a message saying how to try it, and is left alone', async () => {
		const outcome = await vscode.commands.executeCommand<RolloutOutcome>('patchlens.rolloutSwarm', { image: service1, candidate: service2, host: 'unix:///var/run/docker.sock' });
		assert.equal(outcome?.kind, 'failed');
		if (outcome.kind !== 'failed') return;
		assert.match(outcome.message, /not in swarm mode/);
		assert.match(outcome.message, /swarm init --advertise-addr 127\.0\.0\.1/);
	});
});

// Foundation: a fixture container runs through the Engine API with no network and the run label, and is
// removed afterwards.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { DockerExecutor } from '../../startup/src/dockerExecutor';
import { newRunId } from '../../startup/src/runner';
import { labelled, SHARED_HOST } from '../startup/helpers';

describe('containers through the Docker Engine API', () => {
	it('runs a fixture with NetworkMode none and the patchlens label, then removes it', async () => {
		const executor = new DockerExecutor(SHARED_HOST);
		const runId = newRunId();
		const id = await executor.createContainer({
			image: 'patchlens/fast:1', cmd: ['/bin/sh', '-c', 'cat /proc/net/dev; sleep 30'], labels: { patchlens: runId, 'patchlens.image': 'patchlens/fast:1' },
			// A caller's limits must not be able to turn the network back on.
			limits: { NetworkMode: 'bridge', Memory: 64 * 1024 * 1024 } as never,
		});
		try {
			await executor.startContainer(id);
			const state = JSON.parse(execFileSync('docker', ['-H', SHARED_HOST, 'inspect', id], { encoding: 'utf8' }))[0];
			assert.equal(state.State.Running, true);
			assert.equal(state.HostConfig.NetworkMode, 'none');
			assert.equal(state.HostConfig.Memory, 64 * 1024 * 1024);
			assert.equal(state.Config.Labels.patchlens, runId);
			assert.deepEqual(labelled(`patchlens=${runId}`), [id.slice(0, 12)]);
			// Inside: only the loopback interface exists.
			await executor.waitReady(id, 'patchlens/fast:1', { kind: 'log', pattern: /lo:/ });
			const logs = execFileSync('docker', ['-H', SHARED_HOST, 'logs', id], { encoding: 'utf8' });
			const interfaces = logs.split('\n').slice(2).map(l => l.split(':')[0].trim()).filter(Boolean);
			assert.deepEqual(interfaces, ['lo']);
		} finally {
			await executor.removeContainer(id);
		}
		assert.deepEqual(labelled(`patchlens=${runId}`), []);
		// Removing twice is fine (cleanup paths may race).
		await executor.removeContainer(id);
	});
});

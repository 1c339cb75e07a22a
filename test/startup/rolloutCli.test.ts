// `patchlens rollout` as a user runs it (the built CLI): on the private swarm, on the plain shared engine
// (a clear message, nothing changed), Ctrl-C and a killed process (--sweep) leaving no service behind.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { swarmEnv } from '../../scripts/env/fixtures';
import { SHARED_HOST, waitFor } from './helpers';

const CLI = path.join(__dirname, '../../cli/out/patchlens.js');
const swarm = swarmEnv();
const { service1, service2 } = swarm.images;

function rollout(args: string[]) {
	return spawnSync(process.execPath, [CLI, 'rollout', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

function services(label: string): string[] {
	return execFileSync('docker', ['-H', swarm.dockerHost, 'service', 'ls', '-q', '--filter', `label=${label}`], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

const servicesOf = (pid: number) => services(`patchlens.pid=${pid}`);

const swarmState = (host: string) => execFileSync('docker', ['-H', host, 'info', '--format', '{{.Swarm.LocalNodeState}}'], { encoding: 'utf8' }).trim();

/** A rollout slow enough to interrupt: one task at a time with 10 s between batches. */
function slowRollout() {
	const child = spawn(process.execPath, [CLI, 'rollout', '--host', swarm.dockerHost, '-i', service1, '--candidate', service2, '-r', '2', '--delay', '10s', '--monitor', '500ms'], { stdio: ['ignore', 'pipe', 'pipe'] });
	let stderr = '';
	child.stderr.on('data', d => { stderr += d; });
	const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)));
	return { child, exited, stderr: () => stderr };
}

describe('patchlens rollout (CLI)', () => {
	it('writes the JSON report to --out and exits 0 when the candidate converges', () => {
		const out = path.join(mkdtempSync(path.join(tmpdir(), 'pl-rollout-')), 'r.json');
		const r = rollout(['--host', swarm.dockerHost, '-i', service1, '--candidate', service2, '-r', '2', '--parallelism', '2', '--monitor', '500ms', '-f', 'json', '-o', out]);
		assert.equal(r.status, 0, r.stderr);
		assert.equal(r.stdout, '');
		const doc = JSON.parse(readFileSync(out, 'utf8'));
		assert.equal(doc.orchestrator, 'swarm');
		assert.equal(doc.update.outcome, 'completed');
		assert.equal(doc.settings.policy.parallelism, 2);
		assert.deepEqual(services(`patchlens=${doc.runId}`), []);
	});

	it('on an engine that is not in swarm mode says how to try it locally and leaves the engine as it was', () => {
		const before = swarmState(SHARED_HOST);
		const r = rollout(['--host', SHARED_HOST, '-i', service1, '--candidate', service2]);
		assert.equal(r.status, 3, r.stderr);
		assert.match(r.stderr, /not in swarm mode/);
		assert.match(r.stderr, /never runs `swarm init` on your engine/);
		assert.match(r.stderr, /swarm init --advertise-addr 127\.0\.0\.1/);
		assert.equal(swarmState(SHARED_HOST), before);
	});

	it('rejects what a swarm cannot measure before touching it', () => {
		const r = rollout(['--host', swarm.dockerHost, '-i', service1, '--candidate', service2, '--ready', 'exit']);
		assert.equal(r.status, 2);
		assert.match(r.stderr, /--ready exit: on a swarm a task is ready when the orchestrator runs it/);
		assert.match(rollout(['--host', swarm.dockerHost, '-i', service1]).stderr, /give --image CURRENT and --candidate NEW/);
		assert.match(rollout(['--host', swarm.dockerHost, '-i', service1, '--candidate', service2, '-r', '2', '--canary', '2']).stderr, /--canary 2 must be below --replicas 2/);
	});

	it('Ctrl-C cancels mid-rollout, removes the service and exits 130', async () => {
		const { child, exited, stderr } = slowRollout();
		await waitFor(() => servicesOf(child.pid!).length === 1, 30_000, 'the service');
		child.kill('SIGINT');
		assert.equal(await exited, 130, stderr());
		assert.match(stderr(), /cancelling, removing the service/);
		assert.deepEqual(servicesOf(child.pid!), []);
	});

	it('--sweep removes the service of a rollout whose process was killed', async () => {
		const { child, exited } = slowRollout();
		const pid = child.pid!;
		await waitFor(() => servicesOf(pid).length === 1, 30_000, 'the service');
		child.kill('SIGKILL');
		await exited;
		assert.equal(servicesOf(pid).length, 1, 'a killed process cannot clean up: its service stays');
		const r = rollout(['--host', swarm.dockerHost, '--sweep']);
		assert.equal(r.status, 0, r.stderr);
		const removed = /^patchlens: removed (\d+) leftover service\(s\)\n$/.exec(r.stderr);
		assert.ok(removed && Number(removed[1]) >= 1, r.stderr);
		assert.deepEqual(servicesOf(pid), []);
	});
});

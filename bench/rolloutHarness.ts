// Overhead and speed of `patchlens rollout` on the private swarm (scripts/env/swarm.sh), in one run:
//  1. paired: one update, started by `docker service update --detach=false` and observed by Patchlens
//     at the same time; Patchlens's convergence against the CLI's wall time. Target: within 5 %.
//  2. a full `patchlens rollout` of 8 replicas, parallelism 2 (the CLI, as a user runs it): wall time to
//     the verdict. Target: < 60 s.
//   npm run bench:rollout [-- --replicas 8 --parallelism 2 --monitor 1000]
import { spawn, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { swarmEnv } from '../scripts/env/fixtures';
import { dockerOptions } from '../startup/src/dockerHost';
import type { UpdatePolicy } from '../startup/src/orchestrators/orchestrator';
import { measurePhase, type RolloutRequest } from '../startup/src/orchestrators/rollout';
import { SwarmOrchestrator } from '../startup/src/orchestrators/swarm';
import { newRunId } from '../startup/src/runner';

const arg = (name: string, fallback: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const REPLICAS = arg('--replicas', 8);
const PARALLELISM = arg('--parallelism', 2);
const MONITOR_MS = arg('--monitor', 1000);
const swarm = swarmEnv();
const { service1, service2 } = swarm.images;
const orchestrator = new SwarmOrchestrator(dockerOptions(swarm.dockerHost));
const policy: UpdatePolicy = { parallelism: PARALLELISM, delayMs: 0, order: 'stop-first', failureAction: 'pause', monitorMs: MONITOR_MS };

/** Runs the docker CLI's blocking update; resolves with its exit time (ms since the epoch). */
function cliUpdate(serviceId: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const child = spawn('docker', ['-H', swarm.dockerHost, 'service', 'update', '--detach=false', '--quiet', '--image', service2, serviceId], { stdio: ['ignore', 'ignore', 'pipe'] });
		let err = '';
		child.stderr.on('data', d => { err += d; });
		child.on('exit', code => (code === 0 ? resolve(Date.now()) : reject(new Error(`docker service update exited ${code}: ${err}`))));
	});
}

async function paired(): Promise<{ patchlensMs: number; cliMs: number }> {
	const req: RolloutRequest = { orchestrator, runId: newRunId(), image: service1, candidate: service2, replicas: REPLICAS, policy, rollback: false, stopGraceMs: 10_000, timeoutMs: 300_000 };
	const zero = Date.now();
	const id = await orchestrator.create({ runId: req.runId, image: service1, replicas: REPLICAS, policy, stopGraceMs: req.stopGraceMs, labels: { 'patchlens.kind': 'bench' } });
	try {
		await measurePhase(req, id, zero, { kind: 'deploy', target: service1, want: REPLICAS });
		let cliDone: Promise<number> | undefined;
		let started = 0;
		const update = await measurePhase(req, id, undefined, {
			kind: 'update', target: service2, want: REPLICAS,
			start: async () => { started = Date.now(); cliDone = cliUpdate(id); },
		});
		const cliEnd = await cliDone!;
		if (update.convergedMs === undefined) throw new Error(`the update did not converge: ${update.outcome}`);
		// Patchlens's zero is taken just before the spawn (after its event watch is set up): a few ms
		// earlier than the CLI's, which counts against Patchlens.
		return { patchlensMs: update.convergedMs, cliMs: cliEnd - started };
	} finally {
		await orchestrator.remove(id);
	}
}

function fullRollout(): { wallMs: number; status: number | null; convergedMs?: number } {
	const cli = path.join(__dirname, '../cli/out/patchlens.js');
	const t0 = Date.now();
	const r = spawnSync(process.execPath, [cli, 'rollout', '--host', swarm.dockerHost, '-i', service1, '--candidate', service2, '-r', String(REPLICAS),
		'--parallelism', String(PARALLELISM), '--monitor', `${MONITOR_MS}ms`, '-f', 'json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
	const wallMs = Date.now() - t0;
	if (r.status !== 0) return { wallMs, status: r.status };
	return { wallMs, status: r.status, convergedMs: (JSON.parse(r.stdout) as { update: { convergedMs?: number } }).update.convergedMs };
}

async function main(): Promise<void> {
	console.log(`rollout harness: ${REPLICAS} replicas, parallelism ${PARALLELISM}, monitor ${MONITOR_MS} ms, ${service1} → ${service2} on ${swarm.dockerHost}`);
	const { patchlensMs, cliMs } = await paired();
	const ratio = patchlensMs / cliMs;
	console.log(`paired update: patchlens converged ${(patchlensMs / 1000).toFixed(2)} s, docker service update --detach=false ${(cliMs / 1000).toFixed(2)} s, ratio ${ratio.toFixed(3)} (target 0.95–1.05): ${Math.abs(ratio - 1) <= 0.05 ? 'met' : 'NOT met'}`);
	const full = fullRollout();
	console.log(`patchlens rollout (CLI, deploy + update + report): verdict after ${(full.wallMs / 1000).toFixed(1)} s, exit ${full.status}${full.convergedMs ? `, update converged in ${(full.convergedMs / 1000).toFixed(2)} s` : ''} (target < 60 s): ${full.wallMs < 60_000 && full.status === 0 ? 'met' : 'NOT met'}`);
}

main().catch(error => {
	console.error(error);
	process.exitCode = 1;
});

// `patchlens rollout`: a real rolling update on a Docker Swarm (the manager --host / DOCKER_HOST / the
// docker context points at): service with CURRENT, update to NEW under the given policy, optional canary
// and rollback, `--runs` times; then a report. Ctrl-C cancels and removes the service; a second Ctrl-C
// quits at once (`patchlens rollout --sweep` removes what is left).
import { Command, InvalidArgumentError, Option } from 'commander';
import { promises as fs } from 'node:fs';
import { dockerOptions, resolveDockerHost } from '../../startup/src/dockerHost';
import { parseLimits } from '../../startup/src/limits';
import { ROLLOUT_FORMATS, rolloutFormatters, type RolloutFormat } from '../../startup/src/orchestrators/format';
import type { FailureAction, ServiceLimits, UpdateOrder, UpdatePolicy } from '../../startup/src/orchestrators/orchestrator';
import { RolloutCancelledError, runRollout, type RolloutReport } from '../../startup/src/orchestrators/rollout';
import { SwarmOrchestrator } from '../../startup/src/orchestrators/swarm';
import { sweepServices } from '../../startup/src/orchestrators/sweep';
import { newRunId } from '../../startup/src/runner';
import { EXIT_BENCH_FAILED } from './bench';
import { EXIT_CANCELLED, EXIT_FINDINGS, EXIT_OK, UsageError } from './exitCode';
import { onInterrupt } from './interrupt';

/** `500ms`, `2s`, `1m`, `1.5s`, or a bare number of seconds (docker's --update-delay spelling). */
export function parseDuration(value: string): number {
	const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(value.trim());
	if (!m) throw new InvalidArgumentError('expected a duration like 500ms, 2s or 1m');
	return Math.round(Number(m[1]) * (m[2] === 'ms' ? 1 : m[2] === 'm' ? 60_000 : 1000));
}

function intAtLeast(min: number) {
	return (value: string) => {
		const n = Number(value);
		if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`expected an integer ≥ ${min}`);
		return n;
	};
}

interface RolloutCliOptions {
	image?: string; candidate?: string; replicas: number; parallelism: number; delay: number; order: UpdateOrder;
	failureAction: FailureAction; monitor: number; canary?: number; rollback: boolean; runs: number; host?: string;
	cpus?: string; memory?: string; ready: string; stopGrace: number; timeout: number; format: RolloutFormat; out?: string; sweep: boolean;
}

export function registerRollout(program: Command): void {
	program.command('rollout')
		.description('roll a service from one image to another on a Docker Swarm and measure it (tasks, availability, stop times)')
		.option('-i, --image <ref>', 'CURRENT: the image the service starts with (a registry reference every node can pull)')
		.option('--candidate <ref>', 'NEW: the image the service is updated to')
		.option('-r, --replicas <n>', 'replicas of the service', intAtLeast(1), 4)
		.option('--parallelism <n>', 'tasks updated at once (--update-parallelism)', intAtLeast(1), 1)
		.option('--delay <duration>', 'wait between batches (--update-delay)', parseDuration, 0)
		.addOption(new Option('--order <order>', 'stop-first or start-first (--update-order)').choices(['stop-first', 'start-first']).default('stop-first'))
		.addOption(new Option('--failure-action <action>', 'what Swarm does when a new task fails (--update-failure-action)').choices(['pause', 'rollback']).default('pause'))
		.option('--monitor <duration>', 'how long a new task must run to count as a success (--update-monitor)', parseDuration, 5000)
		.option('--canary <n>', 'update N tasks first, hold for the monitor period, measure, then continue', intAtLeast(1))
		.option('--rollback', 'roll the service back to CURRENT after the update and measure that too', false)
		.option('--runs <n>', 'repeat the whole rollout; medians and bootstrap intervals over the runs', intAtLeast(1), 1)
		.option('--host <address>', 'a swarm manager\'s engine address (default: DOCKER_HOST, then the current docker context)')
		.option('--cpus <cpus>', 'CPU limit per task, like docker service create --limit-cpu')
		.option('--memory <size>', 'memory limit per task, e.g. 256m (--limit-memory)')
		.option('--ready <condition>', 'healthy or running: Swarm counts a task ready once running, after its HEALTHCHECK passes', 'healthy')
		.option('--stop-grace <duration>', 'time an old task gets between SIGTERM and SIGKILL (--stop-grace-period)', parseDuration, 10_000)
		.option('-t, --timeout <duration>', 'time limit for each phase (deploy, canary, update, rollback)', parseDuration, 300_000)
		.addOption(new Option('-f, --format <format>', 'output format').choices([...ROLLOUT_FORMATS]).default('text'))
		.option('-o, --out <file>', 'write the output to a file instead of stdout')
		.option('--sweep', 'remove services left by rollouts whose process died, then exit', false)
		.action(async (opts: RolloutCliOptions) => {
			process.exitCode = await runRolloutCommand(opts);
		});
}

function plan(opts: RolloutCliOptions): { policy: UpdatePolicy; limits?: ServiceLimits } {
	if (!opts.image || !opts.candidate) throw new UsageError('nothing to roll out: give --image CURRENT and --candidate NEW');
	if (opts.ready !== 'healthy' && opts.ready !== 'running') {
		throw new UsageError(`--ready ${opts.ready}: on a swarm a task is ready when the orchestrator runs it (after its HEALTHCHECK passes); use healthy or running (exit and log:RE are for patchlens bench)`);
	}
	if (opts.canary !== undefined && opts.canary >= opts.replicas) throw new UsageError(`--canary ${opts.canary} must be below --replicas ${opts.replicas}`);
	const parsed = parseLimits({ cpus: opts.cpus, memory: opts.memory });
	if (!parsed.ok) throw new UsageError(parsed.error);
	const limits = parsed.limits && { cpus: parsed.limits.NanoCpus && parsed.limits.NanoCpus / 1e9, memoryBytes: parsed.limits.Memory };
	return {
		policy: { parallelism: opts.parallelism, delayMs: opts.delay, order: opts.order, failureAction: opts.failureAction, monitorMs: opts.monitor },
		...(limits ? { limits } : {}),
	};
}

function connect(host: string | undefined): SwarmOrchestrator {
	try {
		return new SwarmOrchestrator(dockerOptions(resolveDockerHost(host).host));
	} catch (error) {
		throw new UsageError((error as Error).message);
	}
}

async function runRolloutCommand(opts: RolloutCliOptions): Promise<number> {
	const orchestrator = connect(opts.host);
	if (opts.sweep) return sweep(orchestrator);
	const { policy, limits } = plan(opts);
	const controller = new AbortController();
	const release = onInterrupt(controller, 'the service', 'rollout');
	const runs: RolloutReport[] = [];
	try {
		for (let i = 0; i < opts.runs && !controller.signal.aborted; i++) {
			runs.push(await runRollout({
				orchestrator, runId: newRunId(), image: opts.image!, candidate: opts.candidate!, replicas: opts.replicas, policy, limits,
				canary: opts.canary, rollback: opts.rollback, stopGraceMs: opts.stopGrace, timeoutMs: opts.timeout, signal: controller.signal,
			}));
		}
	} catch (error) {
		if (error instanceof RolloutCancelledError || controller.signal.aborted) {
			process.stderr.write('patchlens: rollout cancelled; the service was removed\n');
			return EXIT_CANCELLED;
		}
		throw new UsageError(`rollout failed: ${(error as Error).message}`, EXIT_BENCH_FAILED);
	} finally {
		release();
	}
	const output = rolloutFormatters[opts.format](runs);
	if (opts.out) await fs.writeFile(opts.out, output);
	else process.stdout.write(output);
	// The candidate did not converge (paused, rolled back by its failure action, timed out): a CI step fails.
	return runs.some(r => r.update.outcome !== 'completed') ? EXIT_FINDINGS : EXIT_OK;
}

async function sweep(orchestrator: SwarmOrchestrator): Promise<number> {
	const outcome = await sweepServices(orchestrator).catch((error: Error) => { throw new UsageError(error.message, EXIT_BENCH_FAILED); });
	process.stderr.write(`patchlens: removed ${outcome.removed.length} leftover service(s)${outcome.failed.length ? `, ${outcome.failed.length} could not be removed` : ''}\n`);
	return outcome.failed.length ? EXIT_BENCH_FAILED : EXIT_OK;
}

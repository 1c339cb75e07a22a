// `patchlens bench`: options -> (build) -> runBenchmark -> table/export -> exit code. Ctrl-C cancels and
// waits for cleanup; a second Ctrl-C exits at once (`patchlens bench --sweep` removes what is left).
import { Command, InvalidArgumentError, Option } from 'commander';
import { promises as fs } from 'node:fs';
import { buildVariants } from '../../startup/src/build';
import { resolveDockerHost } from '../../startup/src/dockerHost';
import { DockerExecutor } from '../../startup/src/dockerExecutor';
import { BenchCancelledError } from '../../startup/src/errors';
import { CONCURRENCY, DEFAULTS, describeRange, inRange, RUNS, WARMUP, type IntRange } from '../../startup/src/defaults';
import { FORMAT_NAMES, outputFormat } from '../../startup/src/export/formats';
import { runStrategies } from '../../startup/src/rollout/run';
import { parseReady } from '../../startup/src/ready';
import type { Mode } from '../../startup/src/result';
import { newRunId, runBenchmark, type BenchProgress } from '../../startup/src/runner';
import { ResultsStore } from '../../startup/src/store';
import { sweepLeftovers } from '../../startup/src/sweep';
import { addGateOptions, applyGate, hasBudget, planGate, withBaseline, type GateCliOptions } from './benchGate';
import { EXIT_CANCELLED, EXIT_FINDINGS, EXIT_OK, UsageError } from './exitCode';
import { onInterrupt } from './interrupt';
import { VERSION } from './version';

/** Engine unreachable, build or container failure: the benchmark could not measure. */
export const EXIT_BENCH_FAILED = 3;

/** The same ranges as the extension's settings (defaults.ts): a CLI run and an editor run are comparable. */
function intIn(name: string, range: IntRange) {
	return (value: string) => {
		const n = Number(value);
		if (!inRange(n, range)) throw new InvalidArgumentError(`expected ${name} to be an integer ${describeRange(range)}`);
		return n;
	};
}

export function parseLevels(value: string): number[] {
	const levels = value.split(',').map(s => Number(s.trim()));
	if (!levels.length || levels.some(n => !inRange(n, CONCURRENCY))) throw new InvalidArgumentError(`expected a list of integers ${describeRange(CONCURRENCY)}, e.g. ${DEFAULTS.concurrency.join(',')}`);
	return [...new Set(levels)];
}

function parseModes(value: string): Mode[] {
	const modes = value === 'both' ? ['warm', 'cold'] : value.split(',').map(s => s.trim());
	if (!modes.length || modes.some(m => m !== 'warm' && m !== 'cold')) throw new InvalidArgumentError('expected warm, cold or warm,cold');
	return [...new Set(modes)] as Mode[];
}

/** Splits a command like a shell would for quoting (no expansion): `sh -c "sleep 1"` -> [sh, -c, sleep 1]. */
export function splitCommand(text: string): string[] {
	const args: string[] = [];
	const re = /"((?:\\.|[^"\\])*)"|'([^']*)'|(\S+)/g;
	for (const m of text.matchAll(re)) args.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2] ?? m[3]);
	return args;
}

const collect = (value: string, previous: string[]) => [...previous, value];

interface BenchCliOptions extends GateCliOptions {
	image: string[]; base: string[]; concurrency: number[]; runs: number; warmup: number; mode: Mode[]; ready: string; cmd?: string;
	timeout: number; format: string; out?: string; host?: string; resultsDir?: string; save: boolean; sweep: boolean; progress: boolean;
}

export function registerBench(program: Command): void {
	const bench = program.command('bench')
		.description('measure container start-up of images (or a Dockerfile and its base-image bumps) through the Docker Engine API')
		.argument('[dockerfile]', 'build this Dockerfile (and each --base variant) and benchmark the builds')
		.option('-i, --image <ref>', 'image to benchmark (repeatable; the first is the baseline)', collect, [] as string[])
		.option('--base <image>', 'with a Dockerfile: also build it on this base image (repeatable)', collect, [] as string[])
		.option('-c, --concurrency <list>', 'containers started at once, per level', parseLevels, [...DEFAULTS.concurrency])
		.option('-r, --runs <n>', 'measured rounds per image and level', intIn('runs', RUNS), DEFAULTS.runs)
		.option('-w, --warmup <n>', 'discarded warm-up rounds', intIn('warmup', WARMUP), DEFAULTS.warmup)
		.option('-m, --mode <mode>', 'warm (image present), cold (pull, then start) or warm,cold', parseModes, ['warm'] as Mode[])
		.option('--ready <condition>', 'exit | log:REGEX | healthy', 'exit')
		.option('--cmd <command>', 'command override for the containers')
		.option('-t, --timeout <seconds>', 'time limit for one container to become ready', (v: string) => {
			const n = Number(v);
			if (!(n > 0)) throw new InvalidArgumentError('expected a positive number of seconds');
			return n;
		}, DEFAULTS.timeoutSeconds)
		.addOption(new Option('-f, --format <format>', 'output format').choices([...FORMAT_NAMES]).default('text'))
		.option('-o, --out <file>', 'write the output to a file instead of stdout')
		.option('--host <address>', 'Docker Engine address (default: DOCKER_HOST, then the current docker context)')
		.option('--results-dir <dir>', 'results store (default: $XDG_DATA_HOME/patchlens/results)')
		.option('--no-save', 'do not store the results')
		.option('--no-progress', 'no progress bar')
		.option('--sweep', 'remove containers left by benchmark runs whose process died, then exit', false);
	// Rollouts, limits and the startup budget (issue 8): options in benchGate.ts.
	addGateOptions(bench)
		.action(async (dockerfile: string | undefined, opts: BenchCliOptions) => {
			process.exitCode = await runBenchCommand(dockerfile, opts);
		});
}

async function runBenchCommand(dockerfile: string | undefined, opts: BenchCliOptions): Promise<number> {
	const host = resolveDockerHost(opts.host).host;
	const executor = new DockerExecutor(host);
	if (opts.sweep) {
		const outcome = await sweepLeftovers(executor).catch(rethrowAsUsage);
		process.stderr.write(`patchlens: removed ${outcome.removed.length} leftover container(s)${outcome.failed.length ? `, ${outcome.failed.length} could not be removed` : ''}\n`);
		return outcome.failed.length ? EXIT_BENCH_FAILED : EXIT_OK;
	}
	const ready = parseReady(opts.ready);
	if (!ready.ok) throw new UsageError(ready.error);
	if (!dockerfile && !opts.image.length) throw new UsageError('nothing to benchmark: give a Dockerfile or at least one --image');
	if (opts.base.length && !dockerfile) throw new UsageError('--base needs a Dockerfile to rebuild');
	if (dockerfile && opts.mode.includes('cold')) throw new UsageError('cold mode needs images a registry can give back; built images are local (use --mode warm)');
	if (dockerfile) await fs.access(dockerfile).catch(() => { throw new UsageError(`cannot read ${dockerfile}`); });

	const controller = new AbortController();
	const release = onInterrupt(controller, 'containers', 'bench');
	const bar = opts.progress && process.stderr.isTTY ? progressBar() : undefined;
	try {
		const images = [...opts.image];
		// Gate plan (issue 8): validated before any build so a typo never costs a build.
		const plan = await planGate(opts, dockerfile, images.length + (dockerfile ? 1 + opts.base.length : 0), opts.concurrency);
		const built = new Set<string>();
		if (dockerfile) {
			bar?.message(`building ${dockerfile}…`);
			const builds = await buildVariants(executor, dockerfile, opts.base.map(b => ({ label: b, baseImageOverride: b })), controller.signal)
				.catch(error => handleEarly(error, controller.signal));
			for (const b of builds) built.add(b.tag);
			images.unshift(...builds.map(b => b.tag));
		}
		const common = {
			executor, images: withBaseline(plan, images), built, runs: opts.runs, warmup: opts.warmup, modes: opts.mode, ready: ready.ready,
			cmd: opts.cmd ? splitCommand(opts.cmd) : undefined, timeoutMs: opts.timeout * 1000, runId: newRunId(), toolVersion: VERSION,
			signal: controller.signal, onProgress: bar?.update, limits: plan.limits,
		};
		const { report, error } = plan.strategies
			? await runStrategies({ ...common, replicas: plan.replicas!, strategies: plan.strategies })
			: await runBenchmark({ ...common, concurrency: plan.concurrency });
		const gate = hasBudget(plan) && !error ? applyGate(report, plan) : undefined;
		bar?.done();
		if (opts.save && report.results.length) await new ResultsStore(opts.resultsDir).save(report);
		const output = outputFormat(opts.format)!.render(report);
		if (opts.out) await fs.writeFile(opts.out, output);
		else if (report.results.length || opts.format !== 'text') process.stdout.write(output);
		if (error instanceof BenchCancelledError) {
			process.stderr.write('patchlens: benchmark cancelled\n');
			return EXIT_CANCELLED;
		}
		if (error) throw new UsageError(error.message, EXIT_BENCH_FAILED);
		if (gate) {
			process.stderr.write(`patchlens: ${gate.line}\n`);
			return gate.exitCode;
		}
		return report.comparisons.some(c => c.verdict === 'slower') ? EXIT_FINDINGS : EXIT_OK;
	} finally {
		bar?.done();
		release();
	}
}

function rethrowAsUsage(error: unknown): never {
	throw new UsageError((error as Error).message, EXIT_BENCH_FAILED);
}

/** Failures before the run (building): cancel -> 130, anything the user can act on -> one line, exit 3. */
function handleEarly(error: unknown, signal: AbortSignal): never {
	if (signal.aborted) throw new UsageError('benchmark cancelled', EXIT_CANCELLED);
	rethrowAsUsage(error);
}

/** A one-line bar on stderr, redrawn in place. */
function progressBar() {
	let last = '';
	const draw = (line: string) => {
		const width = Math.max(20, (process.stderr.columns || 80) - 1);
		const text = line.slice(0, width);
		if (text !== last) process.stderr.write(`\r\x1b[2K${text}`);
		last = text;
	};
	return {
		message: (text: string) => draw(text),
		update: (p: BenchProgress) => {
			const width = 24;
			const filled = p.total ? Math.round((p.done / p.total) * width) : 0;
			const what = p.image ? ` ${p.image} ${p.mode} N=${p.concurrency} ${p.warmup ? 'warm-up' : 'run'} ${p.round}` : '';
			draw(`[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.done}/${p.total}${what}`);
		},
		done: () => {
			if (last) process.stderr.write('\r\x1b[2K');
			last = '';
		},
	};
}

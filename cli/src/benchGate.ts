// `patchlens bench` as a patch gate (issue 8): rollout strategies, per-container limits and a startup
// budget. Registers the options and turns them into a plan; bench.ts runs it and asks for the verdict.
import { InvalidArgumentError, type Command } from 'commander';
import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import { budgetLevels, isEmptyBudget, loadBudgetConfig, mergeBudgets, parseAbsoluteBudget, parseBudgetConfig, parseRegression, evaluateBudget, type Budget } from '../../startup/src/budget';
import type { GateOutcome } from '../../startup/src/result';
import type { ContainerLimits } from '../../startup/src/executor';
import { parseLimits } from '../../startup/src/limits';
import type { BenchmarkReport } from '../../startup/src/result';
import { parseStrategy, type Strategy } from '../../startup/src/rollout/strategy';
import { CONCURRENCY, describeRange, inRange } from '../../startup/src/defaults';
import { EXIT_FINDINGS, EXIT_OK, UsageError } from './exitCode';

export interface GateCliOptions {
	baseline?: string;
	replicas?: number;
	strategy: string[];
	cpus?: string;
	memory?: string;
	cpuShares?: string;
	failOnRegression?: number;
	budget: string[];
	budgetConfig?: string;
}


function parseReplicas(value: string): number {
	const n = Number(value);
	if (!inRange(n, CONCURRENCY)) throw new InvalidArgumentError(`expected an integer ${describeRange(CONCURRENCY)}`);
	return n;
}

function parseStrategyOption(value: string, previous: string[]): string[] {
	const parsed = parseStrategy(value);
	if (!parsed.ok) throw new InvalidArgumentError(parsed.error);
	return [...previous, parsed.strategy.label];
}

function parseRegressionOption(value: string): number {
	const parsed = parseRegression(value);
	if (!parsed.ok) throw new InvalidArgumentError(parsed.error);
	return parsed.value;
}

function parseBudgetOption(value: string, previous: string[]): string[] {
	const parsed = parseAbsoluteBudget(value);
	if (!parsed.ok) throw new InvalidArgumentError(parsed.error);
	return [...previous, value];
}

export function addGateOptions(command: Command): Command {
	return command
		.option('--baseline <image>', 'image to compare against (goes first: every other image is compared with it)')
		.option('--replicas <n>', 'start N replicas per round under each --strategy (replaces --concurrency)', parseReplicas)
		.option('--strategy <strategy>', 'rollout: all | batch:K (rolling, maxSurge K) | wave:K | canary:C (repeatable: compared side by side)', parseStrategyOption, [] as string[])
		.option('--cpus <cpus>', 'CPU limit per container, like docker run --cpus (HostConfig.NanoCpus)')
		.option('--memory <size>', 'memory limit per container, e.g. 256m (HostConfig.Memory)')
		.option('--cpu-shares <weight>', 'relative CPU weight per container (HostConfig.CpuShares, default 1024)')
		.option('--fail-on-regression <percent>', 'exit 1 when a candidate is clearly (95 % CI) more than this much slower than the baseline, e.g. 10%', parseRegressionOption)
		.option('--budget <duration@containers>', 'exit 1 when the p95 ready latency at that many containers is clearly above the duration, e.g. 2s@16 (repeatable)', parseBudgetOption, [] as string[])
		.option('--budget-config <file>', 'read budget: from this .patchlens.yaml (default: the one next to the Dockerfile being benchmarked)');
}

export interface GatePlan {
	baseline?: string;
	concurrency: number[];
	strategies?: Strategy[];
	replicas?: number;
	limits?: ContainerLimits;
	budget: Budget;
	/** Where the budget came from, for the verdict line. */
	budgetFile?: string;
}

/** Validates the gate options against the rest and returns what to run. Usage errors throw UsageError. */
export async function planGate(opts: GateCliOptions, dockerfile: string | undefined, imageCount: number, concurrency: number[]): Promise<GatePlan> {
	const limits = parseLimits({ cpus: opts.cpus, memory: opts.memory, cpuShares: opts.cpuShares });
	if (!limits.ok) throw new UsageError(limits.error);

	let fileBudget: Budget = {};
	let budgetFile: string | undefined;
	if (opts.budgetConfig) {
		const text = await fs.readFile(opts.budgetConfig, 'utf8').catch(() => { throw new UsageError(`cannot read ${opts.budgetConfig}`); });
		const parsed = parseBudgetConfig(text);
		if (!parsed.ok) throw new UsageError(`${opts.budgetConfig}: ${parsed.error}`);
		fileBudget = parsed.value;
		budgetFile = opts.budgetConfig;
	} else if (dockerfile) {
		const loaded = await loadBudgetConfig(dockerfile);
		if (!loaded.ok) throw new UsageError(loaded.error);
		fileBudget = loaded.value.budget;
		budgetFile = loaded.value.file && path.relative(process.cwd(), loaded.value.file);
	}
	const cliBudget: Budget = {
		...(opts.failOnRegression !== undefined ? { regression: opts.failOnRegression } : {}),
		...(opts.budget.length ? { absolute: opts.budget.map(b => (parseAbsoluteBudget(b) as { ok: true; value: NonNullable<Budget['absolute']>[number] }).value) } : {}),
	};
	const budget = mergeBudgets(fileBudget, cliBudget);

	if (budget.regression !== undefined && imageCount + (opts.baseline ? 1 : 0) < 2) {
		throw new UsageError('a regression threshold needs a baseline to compare with: add --baseline IMAGE (or a second --image)');
	}

	let strategies: Strategy[] | undefined;
	let levels = concurrency;
	if (opts.strategy.length || opts.replicas !== undefined) {
		if (opts.replicas === undefined) throw new UsageError('--strategy needs --replicas N (how many replicas to roll out)');
		strategies = (opts.strategy.length ? opts.strategy : ['all']).map(s => (parseStrategy(s) as { ok: true; strategy: Strategy }).strategy);
		levels = [opts.replicas];
		const other = budgetLevels(budget).find(n => n !== opts.replicas);
		if (other !== undefined) throw new UsageError(`the budget is for ${other} containers but --replicas is ${opts.replicas}: make them match`);
	} else {
		// An absolute budget needs its level measured: add it rather than fail after the run.
		levels = [...new Set([...concurrency, ...budgetLevels(budget)])].sort((a, b) => a - b);
	}
	return {
		...(opts.baseline ? { baseline: opts.baseline } : {}), concurrency: levels, ...(strategies ? { strategies, replicas: opts.replicas } : {}),
		...(limits.limits ? { limits: limits.limits } : {}), budget, ...(budgetFile ? { budgetFile } : {}),
	};
}

/** The images to measure, the baseline first (it is what every other image is compared with). */
export function withBaseline(plan: GatePlan, images: string[]): string[] {
	return plan.baseline ? [plan.baseline, ...images.filter(i => i !== plan.baseline)] : images;
}

export function hasBudget(plan: GatePlan): boolean {
	return !isEmptyBudget(plan.budget);
}

/** Checks the budget, records the verdict in the report and returns the exit code plus the one line to print. */
export function applyGate(report: BenchmarkReport, plan: GatePlan): { exitCode: number; line: string; gate: GateOutcome } {
	const gate = evaluateBudget(report, plan.budget);
	report.gate = gate;
	const source = plan.budgetFile ? ` [budget from ${plan.budgetFile}]` : '';
	return { exitCode: gate.pass ? EXIT_OK : EXIT_FINDINGS, line: `startup budget ${gate.summary}${source}`, gate };
}

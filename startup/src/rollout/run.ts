// Strategies side by side: the same images and replica count under each rollout strategy, one engine
// run per strategy (same run id, so one label finds every container), merged into one report whose
// results and comparisons say which strategy they belong to.
import { newRunId, runBenchmark, type BenchOptions, type BenchOutcome } from '../runner';
import type { BenchmarkReport } from '../result';
import type { Strategy } from './strategy';
import { summarizeRollout } from './summary';

export interface RolloutOptions extends Omit<BenchOptions, 'schedule' | 'concurrency'> {
	replicas: number;
	strategies: Strategy[];
}

export async function runStrategies(options: RolloutOptions): Promise<BenchOutcome> {
	if (!options.strategies.length) throw new RangeError('at least one strategy');
	const runId = options.runId ?? newRunId();
	let merged: BenchmarkReport | undefined;
	let error: Error | undefined;
	const count = options.strategies.length;
	for (const [k, strategy] of options.strategies.entries()) {
		const outcome = await runBenchmark({
			...options, runId, concurrency: [options.replicas], schedule: strategy.schedule,
			onProgress: options.onProgress && (p => options.onProgress!({ ...p, done: k * p.total + p.done, total: count * p.total })),
			onResult: options.onResult && (r => options.onResult!({ ...r, strategy: strategy.label, rollout: summarizeRollout(r.containers, options.replicas) })),
		});
		const report = outcome.report;
		for (const r of report.results) {
			r.strategy = strategy.label;
			r.rollout = summarizeRollout(r.containers, options.replicas);
		}
		for (const c of report.comparisons) c.strategy = strategy.label;
		merged = merged ? mergeReports(merged, report) : report;
		if (outcome.error) {
			error = outcome.error;
			break; // cancelled or failed: the remaining strategies would fail alike
		}
	}
	merged!.settings.schedule = options.strategies.map(s => s.label).join(', ');
	return { report: merged!, error };
}

function mergeReports(into: BenchmarkReport, next: BenchmarkReport): BenchmarkReport {
	return {
		...into,
		finishedAt: next.finishedAt,
		status: next.status,
		...(next.error ? { error: next.error } : {}),
		results: [...into.results, ...next.results],
		comparisons: [...into.comparisons, ...next.comparisons],
		warnings: [...into.warnings, ...next.warnings.filter(w => !into.warnings.includes(w))],
	};
}

// Runs benchmarks for the UI: trust check, one run at a time, `withProgress` with a Cancel that aborts the
// engine (which removes the run's containers), then the results go to the store, the status bar, the
// report and the log. Engine errors become one clear message.
import * as vscode from 'vscode';
import { resolveDockerHost } from '../../../startup/src/dockerHost';
import { DockerExecutor } from '../../../startup/src/dockerExecutor';
import { buildVariants, type BuildVariant } from '../../../startup/src/build';
import { BenchCancelledError } from '../../../startup/src/errors';
import type { BenchmarkReport } from '../../../startup/src/result';
import { runBenchmark, newRunId, type BenchProgress } from '../../../startup/src/runner';
import { sweepLeftovers } from '../../../startup/src/sweep';
import type { ResultsRepository } from '../results/resultsRepository';
import { benchmarkSettings } from '../settings';
import { requireTrust } from '../trust';
import { verdictOf, type StatusBar } from '../ui/statusBar';

export interface BenchmarkRequest {
	/** The first image is the baseline the others are compared with. */
	images: string[];
	/** Shown in the progress notification, e.g. "Dockerfile line 1". */
	title: string;
	/** Settings scope (the Dockerfile). */
	scope?: vscode.Uri;
	/** Also measure at `patchlens.benchmark.lensConcurrency`, so the lens has its figure. */
	includeLensConcurrency?: boolean;
	/** Build this Dockerfile (as written and once per variant) and benchmark the builds instead of `images`. */
	build?: { dockerfile: string; variants: BuildVariant[] };
}

export type RunOutcome =
	| { kind: 'done'; report: BenchmarkReport }
	| { kind: 'cancelled'; report: BenchmarkReport; leftovers: number }
	| { kind: 'failed'; message: string; report?: BenchmarkReport }
	| { kind: 'refused'; reason: string };

export class BenchmarkController {
	private running: { runId: string; abort: AbortController; request: BenchmarkRequest } | undefined;
	private lastRequest: BenchmarkRequest | undefined;

	constructor(
		private readonly results: ResultsRepository,
		private readonly status: StatusBar,
		private readonly output: vscode.LogOutputChannel,
		private readonly toolVersion: string,
	) {}

	get isRunning(): boolean {
		return this.running !== undefined;
	}

	get previous(): BenchmarkRequest | undefined {
		return this.lastRequest;
	}

	/** Aborts the running benchmark (the same as its Cancel button). */
	cancel(): void {
		this.running?.abort.abort();
	}

	async run(request: BenchmarkRequest): Promise<RunOutcome> {
		if (!(await requireTrust('run benchmark containers'))) return { kind: 'refused', reason: 'untrusted workspace' };
		if (this.running) {
			void vscode.window.showInformationMessage(`A Patchlens benchmark is already running (${this.running.request.title}).`);
			return { kind: 'refused', reason: 'a benchmark is already running' };
		}
		const settings = benchmarkSettings(request.scope);
		const levels = request.includeLensConcurrency && !settings.concurrency.includes(settings.lensConcurrency)
			? [...settings.concurrency, settings.lensConcurrency].sort((a, b) => a - b) : settings.concurrency;
		const host = resolveDockerHost(settings.dockerHost);
		const executor = new DockerExecutor(host.host);
		const runId = newRunId();
		const abort = new AbortController();
		this.running = { runId, abort, request };
		this.lastRequest = request;
		const label = request.build ? `build of ${request.build.dockerfile}` : request.images.length > 1 ? `${request.images[0]} vs ${request.images.slice(1).join(', ')}` : request.images[0];
		this.output.info(`benchmark ${runId}: ${label} on ${host.host} (${host.source}), concurrency ${levels.join('/')}, ${settings.runs} runs + ${settings.warmup} warm-up`);
		this.status.set({ kind: 'running', label: 'Benchmarking', done: 0, total: 1 });
		try {
			const outcome = await vscode.window.withProgress({
				location: vscode.ProgressLocation.Notification,
				title: `Patchlens: benchmarking ${request.title}`,
				cancellable: true,
			}, async (progress, token) => {
				token.onCancellationRequested(() => abort.abort());
				let reported = 0;
				const onProgress = (p: BenchProgress) => {
					const percent = p.total ? (100 * p.done) / p.total : 0;
					progress.report({ increment: percent - reported, message: p.image ? `${p.image} \u00b7 ${p.concurrency} at once \u00b7 ${p.mode} \u00b7 ${p.warmup ? 'warm-up' : `round ${p.round}`}` : 'cleaning up' });
					reported = percent;
					this.status.set({ kind: 'running', label: 'Benchmarking', done: p.done, total: p.total });
				};
				let images = request.images;
				let built: Set<string> | undefined;
				if (request.build) {
					progress.report({ message: `building ${request.build.dockerfile}${request.build.variants.length ? ` and ${request.build.variants.length} variant(s)` : ''}\u2026` });
					this.output.info(`benchmark ${runId}: building ${request.build.dockerfile} as written${request.build.variants.map(v => `, on ${v.baseImageOverride}`).join('')}`);
					try {
						const builds = await buildVariants(executor, request.build.dockerfile, request.build.variants, abort.signal);
						images = builds.map(b => b.tag);
						built = new Set(images);
					} catch (error) {
						return { report: undefined, error: abort.signal.aborted ? new BenchCancelledError() : error as Error };
					}
				}
				return runBenchmark({
					executor, images, built, concurrency: levels, runs: settings.runs, warmup: settings.warmup,
					runId, toolVersion: this.toolVersion, signal: abort.signal, onProgress,
				});
			});
			const { report, error } = outcome;
			if (!report) {
				// The build did not finish: nothing was measured and no container was started.
				if (error instanceof BenchCancelledError) {
					this.output.info(`benchmark ${runId} cancelled during the build`);
					this.status.set({ kind: 'idle' });
					void vscode.window.showInformationMessage('Benchmark cancelled during the build; nothing was measured.');
					return { kind: 'failed', message: 'cancelled during the build' };
				}
				const message = error?.message ?? 'the build failed';
				this.output.error(`benchmark ${runId} failed: ${message}`);
				this.status.set({ kind: 'failed', message });
				void this.showFailure(message);
				return { kind: 'failed', message };
			}
			for (const warning of report.warnings) this.output.warn(`benchmark ${runId}: ${warning}`);
			await this.results.add(report);
			if (error instanceof BenchCancelledError || report.status === 'cancelled') {
				const leftovers = await removeStragglers(executor, runId, this.output);
				this.output.info(`benchmark ${runId} cancelled; ${leftovers} container(s) left`);
				this.status.set(verdictOf(report, benchmarkSettings().lensConcurrency) ?? { kind: 'idle' });
				void vscode.window.showInformationMessage(leftovers
					? `Benchmark cancelled, but ${leftovers} container(s) could not be removed yet. Run "Patchlens: Sweep Leftover Benchmark Containers".`
					: 'Benchmark cancelled; its containers were removed.');
				return { kind: 'cancelled', report, leftovers };
			}
			if (error) {
				this.output.error(`benchmark ${runId} failed: ${error.message}`);
				this.status.set({ kind: 'failed', message: error.message });
				void this.showFailure(error.message);
				return { kind: 'failed', message: error.message, report };
			}
			this.output.info(`benchmark ${runId} finished: ${report.results.length} results, ${report.comparisons.length} comparisons`);
			this.status.set(verdictOf(report, benchmarkSettings().lensConcurrency) ?? { kind: 'idle' });
			return { kind: 'done', report };
		} finally {
			this.running = undefined;
		}
	}

	/** Removes containers that earlier runs (or crashed processes) left behind. */
	async sweep(): Promise<{ removed: number; failed: number; kept: number } | undefined> {
		if (!(await requireTrust('remove benchmark containers'))) return undefined;
		const host = resolveDockerHost(benchmarkSettings().dockerHost);
		try {
			const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Patchlens: sweeping benchmark containers' },
				() => sweepLeftovers(new DockerExecutor(host.host)));
			const summary = { removed: outcome.removed.length, failed: outcome.failed.length, kept: outcome.kept };
			this.output.info(`sweep on ${host.host}: removed ${summary.removed}, failed ${summary.failed}, kept ${summary.kept} of running benchmarks`);
			void vscode.window.showInformationMessage(summary.removed || summary.failed
				? `Removed ${summary.removed} leftover benchmark container(s)${summary.failed ? `; ${summary.failed} could not be removed (see output)` : ''}.`
				: 'No leftover benchmark containers.');
			return summary;
		} catch (error) {
			const message = (error as Error).message;
			this.output.error(`sweep failed: ${message}`);
			void this.showFailure(message);
			return undefined;
		}
	}

	private async showFailure(message: string): Promise<void> {
		const output = 'Show Output';
		const settings = 'Docker Host Setting';
		const choice = await vscode.window.showErrorMessage(`Patchlens benchmark failed: ${message}`, output, settings);
		if (choice === output) this.output.show(true);
		else if (choice === settings) await vscode.commands.executeCommand('workbench.action.openSettings', 'patchlens.docker.host');
	}
}

/**
 * A create request that was in flight when Cancel aborted it can still produce a container on the
 * engine after the run's own cleanup listed them. Look again a few times and remove what turns up, so
 * "its containers were removed" holds. Returns how many are left.
 */
async function removeStragglers(executor: DockerExecutor, runId: string, output: vscode.LogOutputChannel): Promise<number> {
	let left = 0;
	for (let pass = 0; pass < 4; pass++) {
		if (pass) await new Promise(resolve => setTimeout(resolve, 500));
		const found = await executor.listContainers(`patchlens=${runId}`).catch(() => undefined);
		if (!found) return left;
		left = found.length;
		for (const c of found) {
			output.warn(`benchmark ${runId}: removing container ${c.id.slice(0, 12)} that appeared after the run's cleanup`);
			await executor.removeContainer(c.id).then(() => left--, () => undefined);
		}
		if (!found.length && pass >= 1) return 0;
	}
	return left;
}

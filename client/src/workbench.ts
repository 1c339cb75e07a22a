// The benchmark side of the extension: results, status bar, code lenses, report panel and their
// commands, wired together. extension.ts calls registerWorkbench once.
import * as vscode from 'vscode';
import { ResultsStore, defaultResultsDir } from '../../startup/src/store';
import { benchmarkDockerfile, benchmarkFrom, benchmarkImage } from './commands/benchmarkCommands';
import { bumpAll } from './commands/bumpAll';
import { clearResults, combinedReportData, exportResults, type ExportFormat } from './commands/resultsCommands';
import { rolloutSwarm } from './commands/rolloutCommand';
import { BumpEstimator } from './lenses/bumpEstimator';
import { bumpHoverProvider } from './lenses/bumpHover';
import { StartupEstimator } from './lenses/startupEstimator';
import { BENCHMARK_FROM_COMMAND, StartupLensProvider } from './lenses/startupLensProvider';
import { ResultsRepository } from './results/resultsRepository';
import { BenchmarkController } from './run/benchmarkController';
import { RolloutController } from './run/rolloutController';
import { ReportPanel } from './ui/reportPanel';
import { benchmarkSettings } from './settings';
import { StatusBar, verdictOf } from './ui/statusBar';

/** What activate() returns: enough for the extension's own tests to look inside. */
export interface PatchlensApi {
	results: ResultsRepository;
	controller: BenchmarkController;
	rollouts: RolloutController;
	bumpEstimator: BumpEstimator;
	/** The code lens provider (tests watch it announce new lenses). */
	lenses: StartupLensProvider;
	status(): { text: string; tooltip: string; visible: boolean };
}

export const DOCKERFILE_SELECTOR: vscode.DocumentSelector = [
	{ language: 'dockerfile', scheme: 'file' },
	{ language: 'dockerfile', scheme: 'untitled' },
];

export async function registerWorkbench(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): Promise<PatchlensApi> {
	const results = new ResultsRepository(new ResultsStore(process.env.PATCHLENS_RESULTS_DIR || defaultResultsDir()));
	const status = new StatusBar();
	const controller = new BenchmarkController(results, status, output, String(context.extension.packageJSON.version));
	const estimator = new StartupEstimator(results);
	const bumpEstimator = new BumpEstimator(results);
	const lenses = new StartupLensProvider(results, estimator.estimate, estimator.onDidChange, bumpEstimator);
	const rollouts = new RolloutController(output);
	const setContext = (key: string, value: boolean) => void vscode.commands.executeCommand('setContext', key, value);
	const reportData = () => combinedReportData(results.last(), rollouts.last);

	const showReport = () => {
		const data = reportData();
		if (!data) {
			void vscode.window.showInformationMessage('No benchmark results yet. Click a code lens above a FROM, or run "Patchlens: Benchmark Startup of This Dockerfile".');
			return;
		}
		ReportPanel.show(context.extensionUri, data, {
			onExport: format => void exportResults(results, format),
			onRerun: () => void rerun(),
		});
	};
	const rerun = async () => {
		const previous = controller.previous;
		if (previous) await controller.run(previous);
		else void vscode.window.showInformationMessage('Nothing to run again in this session: start a benchmark from a code lens or the command palette.');
	};
	const running = <T>(work: () => Promise<T>) => async () => {
		setContext('patchlens.benchmarkRunning', true);
		try {
			return await work();
		} finally {
			setContext('patchlens.benchmarkRunning', controller.isRunning);
		}
	};

	context.subscriptions.push(
		results, status, estimator, bumpEstimator, lenses, rollouts,
		vscode.languages.registerCodeLensProvider(DOCKERFILE_SELECTOR, lenses),
		vscode.languages.registerHoverProvider(DOCKERFILE_SELECTOR, bumpHoverProvider(lenses, bumpEstimator)),
		results.onDidChange(() => {
			setContext('patchlens.hasResults', results.all().length > 0);
			ReportPanel.refresh(reportData());
		}),
		rollouts.onDidFinish(() => ReportPanel.refresh(reportData())),
		vscode.commands.registerCommand(BENCHMARK_FROM_COMMAND, (uri: vscode.Uri, line: number) => running(() => benchmarkFrom(controller, uri, line))()),
		vscode.commands.registerCommand('patchlens.benchmarkDockerfile', (uri?: vscode.Uri) => running(() => benchmarkDockerfile(controller, uri))()),
		vscode.commands.registerCommand('patchlens.benchmarkImage', running(() => benchmarkImage(controller))),
		vscode.commands.registerCommand('patchlens.cancelBenchmark', () => controller.cancel()),
		vscode.commands.registerCommand('patchlens.bumpAll', (uri?: vscode.Uri) => bumpAll(uri)),
		vscode.commands.registerCommand('patchlens.showReport', showReport),
		vscode.commands.registerCommand('patchlens.exportResults', (format?: ExportFormat, target?: vscode.Uri) => exportResults(results, format, target)),
		vscode.commands.registerCommand('patchlens.clearResults', (options?: { confirm?: boolean }) => clearResults(results, options?.confirm ?? true)),
		vscode.commands.registerCommand('patchlens.sweepContainers', () => controller.sweep()),
		vscode.commands.registerCommand('patchlens.rolloutSwarm', async (arg?: unknown) => {
			setContext('patchlens.rolloutRunning', true);
			try {
				return await rolloutSwarm(rollouts, arg, showReport);
			} finally {
				setContext('patchlens.rolloutRunning', rollouts.isRunning);
			}
		}),
		vscode.commands.registerCommand('patchlens.cancelRollout', () => rollouts.cancel()),
	);
	await results.load().catch(error => output.warn(`could not read stored benchmark results: ${(error as Error).message}`));
	const last = results.last();
	if (last) status.set(verdictOf(last, benchmarkSettings().lensConcurrency) ?? { kind: 'idle' });
	output.info(`benchmark results: ${results.all().length} report(s) in ${results.store.dir}`);
	return { results, controller, bumpEstimator, lenses, rollouts, status: () => status.snapshot };
}

// Commands over stored results: show the last report, export it, clear the store.
import * as vscode from 'vscode';
import { OUTPUT_FORMATS, outputFormat, type FormatName } from '../../../startup/src/export/formats';
import type { RolloutReport } from '../../../startup/src/orchestrators/rollout';
import { phasesOf } from '../../../startup/src/orchestrators/summary';
import type { BenchmarkReport } from '../../../startup/src/result';
import type { ResultsRepository } from '../results/resultsRepository';
import type { ReportData, ReportRollout } from '../ui/reportData';

/** A format of the engine's registry (export/formats.ts), by name or alias (`markdown` for `md`). */
export type ExportFormat = FormatName | 'markdown';

/** What the report webview needs of a report (per-container timings stay behind). */
export function toReportData(report: BenchmarkReport | undefined): ReportData | undefined {
	if (!report) return undefined;
	return {
		results: report.results.map(({ image, digest, concurrency, mode, samples, stats, phases, pullBytes }) => ({ image, digest, concurrency, mode, samples, stats, phases: phases as ReportData['results'][number]['phases'], pullBytes })),
		comparisons: report.comparisons,
		measuredAt: report.finishedAt || report.startedAt,
		source: `${report.status === 'complete' ? '' : `${report.status} run, `}engine ${report.engine.name || report.engine.host}`,
	};
}

/** What the report's rollout section draws of a rollout report (the deploy phase stays behind). */
export function toRolloutData(report: RolloutReport): ReportRollout {
	const p = report.settings.policy;
	return {
		image: report.settings.image, candidate: report.settings.candidate, replicas: report.replicas,
		policy: `parallelism ${p.parallelism}, ${p.order}, failure action ${p.failureAction}`,
		engine: `swarm, engine ${report.identity.engineVersion}, ${report.identity.nodes} node${report.identity.nodes === 1 ? '' : 's'}`,
		measuredAt: report.startedAt,
		phases: phasesOf(report).filter(ph => ph.kind !== 'deploy').map(ph => ({
			kind: ph.kind, outcome: ph.outcome, image: ph.image, convergedMs: ph.convergedMs, minReady: ph.minReady, minReadyForMs: ph.minReadyForMs,
			stopMs: ph.stopMs, graceHits: ph.stops.filter(s => s.graceHit).length, stops: ph.stops.length, availability: ph.availability,
			tasks: ph.tasks.map(({ slot, node, image, state, phases }) => ({ slot, node, image, state, phases })),
		})),
	};
}

/** The report panel's data: the last benchmark and the last rollout, whichever exist. */
export function combinedReportData(benchmark: BenchmarkReport | undefined, rollout: RolloutReport | undefined): ReportData | undefined {
	const data = toReportData(benchmark);
	if (!rollout) return data;
	return { ...(data ?? { results: [], comparisons: [], measuredAt: rollout.startedAt, source: 'swarm rollout' }), rollout: toRolloutData(rollout) };
}

export async function exportResults(results: ResultsRepository, format?: ExportFormat, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
	const report = results.last();
	if (!report) {
		void vscode.window.showInformationMessage('No benchmark results to export yet.');
		return undefined;
	}
	if (!format) {
		const pick = await vscode.window.showQuickPick(
			OUTPUT_FORMATS.map(f => ({ label: f.label, description: `.${f.extension}`, format: f.name })),
			{ title: 'Patchlens: Export Results', placeHolder: 'Format of the exported results' });
		if (!pick) return undefined;
		format = pick.format;
	}
	const spec = outputFormat(format);
	if (!spec) {
		void vscode.window.showErrorMessage(`Unknown export format "${format}" (expected ${OUTPUT_FORMATS.map(f => f.name).join(', ')}).`);
		return undefined;
	}
	const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
	const name = `patchlens-startup-${report.startedAt.slice(0, 10)}.${spec.extension}`;
	const uri = target ?? await vscode.window.showSaveDialog({
		title: `Export benchmark results as ${spec.label}`,
		defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
		filters: { [spec.label]: [spec.extension] },
	});
	if (!uri) return undefined;
	await vscode.workspace.fs.writeFile(uri, Buffer.from(spec.render(report), 'utf8'));
	const open = 'Open';
	void vscode.window.showInformationMessage(`Exported the benchmark results to ${vscode.workspace.asRelativePath(uri)}.`, open).then(choice => {
		if (choice === open) void vscode.window.showTextDocument(uri);
	});
	return uri;
}

export async function clearResults(results: ResultsRepository, confirm = true): Promise<number | undefined> {
	const count = results.all().length;
	if (!count) {
		void vscode.window.showInformationMessage('There are no stored benchmark results.');
		return 0;
	}
	if (confirm) {
		const clear = 'Clear';
		const choice = await vscode.window.showWarningMessage(`Delete ${count} stored benchmark report(s)?`,
			{ modal: true, detail: `They live in ${results.store.dir} and are shared with \`patchlens bench\`. Code lenses go back to estimates.` }, clear);
		if (choice !== clear) return undefined;
	}
	return results.clear();
}

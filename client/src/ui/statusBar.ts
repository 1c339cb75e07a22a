// One status bar item: a running benchmark (with its progress), else the last verdict; in an untrusted
// workspace it says why nothing runs. Shown while a Dockerfile is in the active editor or a run is going.
import * as vscode from 'vscode';
import type { BenchmarkReport } from '../../../startup/src/result';
import { signedMs } from '../lenses/lensText';
import { UNTRUSTED_REASON } from '../trust';

export type StatusState =
	| { kind: 'idle' }
	| { kind: 'running'; label: string; done: number; total: number }
	| { kind: 'verdict'; text: string; detail: string }
	| { kind: 'failed'; message: string };

/** The status bar's summary of a report: the comparison at the lens concurrency, else a median there. */
export function verdictOf(report: BenchmarkReport, lensConcurrency: number): StatusState | undefined {
	const comparison = report.comparisons.find(x => x.mode === 'warm' && x.concurrency === lensConcurrency) ?? report.comparisons[0];
	if (comparison) {
		return {
			kind: 'verdict',
			text: `${comparison.candidate} ${signedMs(comparison.medianDiffMs)}`,
			detail: `${comparison.candidate} vs ${comparison.baseline} at ${comparison.concurrency} at once: ${signedMs(comparison.medianDiffMs)} `
				+ `(95% interval ${signedMs(comparison.ci95[0])} to ${signedMs(comparison.ci95[1])}), **${comparison.verdict}**.`,
		};
	}
	const result = report.results.find(r => r.concurrency === lensConcurrency) ?? report.results[report.results.length - 1];
	if (!result) return undefined;
	return {
		kind: 'verdict',
		text: `p50 ${Math.round(result.stats.median)} ms @${result.concurrency}`,
		detail: `${result.image}: median startup ${Math.round(result.stats.median)} ms with ${result.concurrency} at once (p95 ${Math.round(result.stats.p95)} ms).`,
	};
}

export class StatusBar implements vscode.Disposable {
	private readonly item = vscode.window.createStatusBarItem('patchlens.status', vscode.StatusBarAlignment.Right, 100);
	private state: StatusState = { kind: 'idle' };
	private readonly subscriptions: vscode.Disposable[] = [];

	constructor() {
		this.item.name = 'Patchlens';
		this.subscriptions.push(
			vscode.window.onDidChangeActiveTextEditor(() => this.render()),
			vscode.workspace.onDidGrantWorkspaceTrust(() => this.render()),
		);
		this.render();
	}

	set(state: StatusState): void {
		this.state = state;
		this.render();
	}

	private render(): void {
		const item = this.item;
		const s = this.state;
		item.backgroundColor = undefined;
		item.command = 'patchlens.showReport';
		if (!vscode.workspace.isTrusted) {
			item.text = '$(shield) Patchlens';
			item.tooltip = `${UNTRUSTED_REASON}\nClick to manage workspace trust.`;
			item.command = 'workbench.trust.manage';
		} else if (s.kind === 'running') {
			item.text = `$(sync~spin) ${s.label} ${s.done}/${s.total}`;
			item.tooltip = `Patchlens is benchmarking container startup: ${s.label}. Cancel it from its notification.`;
			item.command = 'patchlens.showOutput';
		} else if (s.kind === 'verdict') {
			item.text = `$(pulse) ${s.text}`;
			item.tooltip = new vscode.MarkdownString(`**Patchlens, last benchmark**\n\n${s.detail}\n\nClick to show the report.`);
		} else if (s.kind === 'failed') {
			item.text = '$(warning) Patchlens';
			item.tooltip = `Last benchmark failed: ${s.message}\nClick to show the output.`;
			item.command = 'patchlens.showOutput';
			item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
		} else {
			item.text = '$(pulse) Patchlens';
			item.tooltip = 'Patchlens: no benchmark yet. Click a code lens above a FROM to measure container startup.';
		}
		const relevant = s.kind === 'running' || vscode.window.activeTextEditor?.document.languageId === 'dockerfile';
		if (relevant) item.show();
		else item.hide();
	}

	/** For tests: what the item shows now. */
	get snapshot(): { text: string; tooltip: string; visible: boolean } {
		const tooltip = this.item.tooltip;
		return { text: this.item.text, tooltip: typeof tooltip === 'string' ? tooltip : tooltip?.value ?? '', visible: this.state.kind === 'running' || vscode.window.activeTextEditor?.document.languageId === 'dockerfile' };
	}

	dispose(): void {
		this.item.dispose();
		this.subscriptions.forEach(d => d.dispose());
	}
}

// The report webview: one panel, reused. Its page comes from reportHtml.ts (strict CSP, nonce'd script
// bundled with Chart.js under media/report/); data goes in as JSON and updates by postMessage.
// Buttons in the page post requests back (export, run again), handled by the extension's commands.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { ReportData, ReportRequest, ReportUpdate } from './reportData';
import { renderReportHtml } from './reportHtml';

export interface ReportPanelHandlers {
	onExport(format: 'json' | 'csv' | 'markdown'): void;
	onRerun(): void;
}

export class ReportPanel {
	static readonly viewType = 'patchlens.report';
	private static current: ReportPanel | undefined;
	private report: ReportData | undefined;

	private constructor(private readonly panel: vscode.WebviewPanel, private readonly mediaRoot: vscode.Uri, handlers: ReportPanelHandlers) {
		panel.onDidDispose(() => {
			if (ReportPanel.current === this) ReportPanel.current = undefined;
		});
		panel.webview.onDidReceiveMessage((message: ReportRequest) => {
			if (message?.type === 'ready') void this.post();
			else if (message?.type === 'export' && ['json', 'csv', 'markdown'].includes(message.format)) handlers.onExport(message.format);
			else if (message?.type === 'rerun') handlers.onRerun();
		});
	}

	/** Opens the panel (or brings it forward) showing `report`. */
	static show(extensionUri: vscode.Uri, report: ReportData | undefined, handlers: ReportPanelHandlers): ReportPanel {
		const existing = ReportPanel.current;
		if (existing) {
			existing.panel.reveal(undefined, true);
			existing.update(report);
			return existing;
		}
		const mediaRoot = vscode.Uri.joinPath(extensionUri, 'media', 'report');
		const panel = vscode.window.createWebviewPanel(ReportPanel.viewType, 'Patchlens Report', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
			enableScripts: true,
			localResourceRoots: [mediaRoot],
		});
		const created = new ReportPanel(panel, mediaRoot, handlers);
		ReportPanel.current = created;
		created.report = report;
		created.panel.webview.html = created.html();
		return created;
	}

	/** Updates the open panel, if any. */
	static refresh(report: ReportData | undefined): void {
		ReportPanel.current?.update(report);
	}

	static get isOpen(): boolean {
		return ReportPanel.current !== undefined;
	}

	update(report: ReportData | undefined): void {
		this.report = report;
		void this.post();
	}

	private post(): Thenable<boolean> {
		const message: ReportUpdate = { type: 'data', report: this.report };
		return this.panel.webview.postMessage(message);
	}

	private html(): string {
		const webview = this.panel.webview;
		return renderReportHtml({
			cspSource: webview.cspSource,
			nonce: randomBytes(16).toString('base64'),
			scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.mediaRoot, 'report.js')).toString(),
			styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.mediaRoot, 'report.css')).toString(),
			report: this.report,
		});
	}
}

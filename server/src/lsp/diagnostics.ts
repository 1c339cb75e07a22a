// Debounced validation per document; results for an older version are never published over
// a newer one.
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../core/analyze';
import type { Finding } from '../core/finding';
import { toAnalysisOptions, type SettingsCache } from './settings';
import { toDiagnostic } from './toLsp';

export const DEBOUNCE_MS = 150;

export interface AnalyzedDocument {
	version: number;
	findings: Finding[];
}

export class DiagnosticsScheduler {
	private readonly timers = new Map<string, NodeJS.Timeout>();
	/** Last analysis per uri, for code actions and hovers. */
	readonly results = new Map<string, AnalyzedDocument>();

	constructor(
		private readonly connection: Connection,
		private readonly documents: TextDocuments<TextDocument>,
		private readonly settings: SettingsCache,
	) {}

	schedule(document: TextDocument, delay = DEBOUNCE_MS): void {
		clearTimeout(this.timers.get(document.uri));
		this.timers.set(document.uri, setTimeout(() => {
			this.timers.delete(document.uri);
			void this.validate(document.uri);
		}, delay));
	}

	revalidateAll(): void {
		for (const document of this.documents.all()) this.schedule(document, 0);
	}

	forget(uri: string): void {
		clearTimeout(this.timers.get(uri));
		this.timers.delete(uri);
		this.results.delete(uri);
		void this.connection.sendDiagnostics({ uri, diagnostics: [] });
	}

	private async validate(uri: string): Promise<void> {
		const document = this.documents.get(uri);
		if (!document) return;
		const version = document.version;
		const settings = await this.settings.get(uri);
		// The document may have changed (or closed) while settings were fetched.
		const current = this.documents.get(uri);
		if (!current || current.version !== version) return;
		let findings: Finding[] = [];
		if (settings.enable) {
			try {
				findings = analyze(current.getText(), toAnalysisOptions(settings)).findings;
			} catch (error) {
				this.connection.console.error(`patchlens: analysis failed for ${uri}: ${(error as Error).stack ?? error}`);
			}
		}
		this.results.set(uri, { version, findings });
		await this.connection.sendDiagnostics({ uri, version, diagnostics: findings.map(toDiagnostic) });
	}
}

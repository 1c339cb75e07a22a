// Debounced validation per document; results for an older version are never published over
// a newer one.
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../core/analyze';
import type { Finding } from '../core/finding';
import type { AnalysisOptions, RegistryFacts } from '../core/options';
import type { ParsedDockerfile } from '../core/parse';
import type { ConfigCache } from './configCache';
import { toAnalysisOptions, type SettingsCache } from './settings';
import { toDiagnostic } from './toLsp';

export const DEBOUNCE_MS = 150;

export interface AnalyzedDocument {
	version: number;
	findings: Finding[];
	/** The parse the findings came from (code actions find instruction lines in it). */
	parsed?: ParsedDockerfile;
	/** Options the findings were computed with, so fix-all re-analyses the same way. */
	options: Partial<AnalysisOptions>;
}

/** Registry lookups for online mode (server/src/registry/session.ts); absent: bundled data only. */
export interface OnlineLookups {
	/** Online mode may run at all: the workspace is trusted. */
	allowed(): boolean;
	/** Facts known now (analysis never waits for the network). */
	snapshot(): RegistryFacts;
	/** Fetches what the text's FROM lines need; true when new facts arrived. */
	refresh(text: string, options: Partial<AnalysisOptions>): Promise<boolean>;
}

export class DiagnosticsScheduler {
	private readonly timers = new Map<string, { timer: NodeJS.Timeout; version: number; delay: number }>();
	/** Last analysis per uri, for code actions and hovers. */
	readonly results = new Map<string, AnalyzedDocument>();

	constructor(
		private readonly connection: Connection,
		private readonly documents: TextDocuments<TextDocument>,
		private readonly settings: SettingsCache,
		private readonly configs?: ConfigCache,
		private readonly online?: OnlineLookups,
	) {}

	schedule(document: TextDocument, delay = DEBOUNCE_MS): void {
		const pending = this.timers.get(document.uri);
		// TextDocuments reports an open as an open and then a content change of the same version:
		// the change must not push the immediate validation of the open back by the debounce.
		if (pending && pending.version === document.version && pending.delay <= delay) return;
		clearTimeout(pending?.timer);
		const timer = setTimeout(() => {
			this.timers.delete(document.uri);
			void this.validate(document.uri);
		}, delay);
		this.timers.set(document.uri, { timer, version: document.version, delay });
	}

	revalidateAll(): void {
		for (const document of this.documents.all()) this.schedule(document, 0);
	}

	forget(uri: string): void {
		clearTimeout(this.timers.get(uri)?.timer);
		this.timers.delete(uri);
		this.results.delete(uri);
		void this.connection.sendDiagnostics({ uri, diagnostics: [] });
	}

	private async validate(uri: string): Promise<void> {
		const document = this.documents.get(uri);
		if (!document) return;
		const version = document.version;
		const [settings, projectConfig] = await Promise.all([
			this.settings.get(uri),
			this.configs?.forDocument(uri) ?? { config: {} },
		]);
		// The document may have changed (or closed) while settings were fetched.
		const current = this.documents.get(uri);
		if (!current || current.version !== version) return;
		let findings: Finding[] = [];
		let parsed: ParsedDockerfile | undefined;
		const online = settings.enable && settings.online && !!this.online?.allowed();
		const options: Partial<AnalysisOptions> = {
			...toAnalysisOptions(settings, new Date(), projectConfig.config),
			...'settings' in projectConfig ? projectConfig.settings : {},
			offline: !online,
			...(online ? { registryFacts: this.online!.snapshot() } : {}),
		};
		if (settings.enable) {
			try {
				let ruleErrors;
				({ findings, parsed, ruleErrors } = analyze(current.getText(), options));
				for (const { code, error } of ruleErrors) {
					this.connection.console.error(`patchlens: rule ${code} failed for ${uri}: ${(error as Error)?.stack ?? error}`);
				}
			} catch (error) {
				this.connection.console.error(`patchlens: analysis failed for ${uri}: ${(error as Error).stack ?? error}`);
			}
		}
		this.results.set(uri, { version, findings, parsed, options });
		await this.connection.sendDiagnostics({ uri, version, diagnostics: findings.map(toDiagnostic) });
		if (online) void this.refreshFacts(uri, version, current.getText(), options);
	}

	/** Online mode: look up what is missing, then analyse again if the document is still this version. */
	private async refreshFacts(uri: string, version: number, text: string, options: Partial<AnalysisOptions>): Promise<void> {
		try {
			if (!await this.online!.refresh(text, options)) return;
		} catch (error) {
			this.connection.console.error(`patchlens: registry lookups failed for ${uri}: ${(error as Error).stack ?? error}`);
			return;
		}
		const document = this.documents.get(uri);
		if (document && document.version === version) this.schedule(document, 0);
	}
}

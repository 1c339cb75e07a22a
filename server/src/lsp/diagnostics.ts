// Validation per document: debounced by what the last analysis of it cost, analysed in slices
// that yield to other requests, within a budget; results for an older version are never
// published over a newer one, and an analysis whose document changed meanwhile stops early.
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analysisSteps, clearAnalysisCaches, internalFinding } from '../core/analyze';
import { countLines, EDITOR_BUDGET, partialFinding, withinBudget, type BudgetedText } from '../core/budget';
import { compareFindings, type Finding } from '../core/finding';
import type { AnalysisOptions, RegistryFacts } from '../core/options';
import type { ParsedDockerfile } from '../core/parse';
import type { ConfigCache } from './configCache';
import { toAnalysisOptions, type SettingsCache } from './settings';
import { toDiagnostic } from './toLsp';

/** Wait after an edit when the last analysis of the document was not cheap. */
export const DEBOUNCE_MS = 150;
/** An analysis this fast is not worth debouncing: the next edit is analysed at once. */
export const CHEAP_MS = 50;
/** Longest run of analysis steps (parse, one rule each) before other requests get their turn. */
export const SLICE_MS = 20;

export interface AnalyzedDocument {
	version: number;
	findings: Finding[];
	/** The parse the findings came from (code actions find instruction lines in it). */
	parsed?: ParsedDockerfile;
	/** Options the findings were computed with, so fix-all re-analyses the same way. */
	options: Partial<AnalysisOptions>;
	/** Only part of the document was analysed (EDITOR_BUDGET). */
	partial?: boolean;
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

/** The part of a document the server analyses (all of it, unless it passes EDITOR_BUDGET). */
export function analysedPart(text: string): BudgetedText {
	return withinBudget(text, EDITOR_BUDGET);
}

/**
 * Debounce for an edit, given the CPU time the last analysis of the document cost (undefined: none yet):
 * none when it was cheap; else about what it cost, at most DEBOUNCE_MS — while typing fast that
 * wastes at most about half the work, and a superseded analysis stops at its next yield anyway.
 */
export function debounceAfter(lastCostMs: number | undefined): number {
	if (lastCostMs === undefined) return DEBOUNCE_MS;
	return lastCostMs <= CHEAP_MS ? 0 : Math.min(DEBOUNCE_MS, Math.ceil(lastCostMs));
}

/**
 * Lets waiting requests run before the next slice. Two hops: vscode-jsonrpc handles a message it
 * has just read in a setImmediate of its own, queued after ours; resuming on our first hop would
 * run another slice before it.
 */
const yieldToOthers = () => new Promise<void>(resolve => setImmediate(() => setImmediate(resolve)));

export class DiagnosticsScheduler {
	private readonly timers = new Map<string, { timer: NodeJS.Timeout; version: number; delay: number }>();
	/** Last analysis per uri, for code actions and hovers. */
	readonly results = new Map<string, AnalyzedDocument>();
	/** CPU milliseconds the last analysis of each document took (yields excluded). */
	private readonly costs = new Map<string, number>();
	/** Registry lookups that threw, per document: shown as an `internal` finding until they work. */
	private readonly prefetchFailures = new Map<string, Finding>();

	constructor(
		private readonly connection: Connection,
		private readonly documents: TextDocuments<TextDocument>,
		private readonly settings: SettingsCache,
		private readonly configs?: ConfigCache,
		private readonly online?: OnlineLookups,
		/** Options the server fixes for every analysis (the lifecycle overlay loaded at start-up). */
		private readonly fixed: Partial<AnalysisOptions> = {},
	) {}

	schedule(document: TextDocument, delay = debounceAfter(this.costs.get(document.uri))): void {
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

	/** A closed document: its timer, results and costs go, and so does work kept for re-analyses. */
	forget(uri: string): void {
		clearTimeout(this.timers.get(uri)?.timer);
		this.timers.delete(uri);
		const huge = this.results.get(uri)?.partial;
		this.results.delete(uri);
		this.costs.delete(uri);
		this.prefetchFailures.delete(uri);
		// Splits and RUN parses kept across analyses are shared by documents (bounded in size): they
		// go when the last document closes, or a huge one (the open ones rebuild theirs in one
		// analysis), so memory returns to its baseline.
		if (huge || !this.documents.all().some(d => d.uri !== uri)) clearAnalysisCaches();
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
		const online = settings.enable && settings.online && !!this.online?.allowed();
		const options: Partial<AnalysisOptions> = {
			...toAnalysisOptions(settings, new Date(), projectConfig.config),
			...'settings' in projectConfig ? projectConfig.settings : {},
			...this.fixed,
			offline: !online,
			reuse: true,
			...(online ? { registryFacts: this.online!.snapshot() } : {}),
		};
		const part = analysedPart(current.getText());
		const analysed = settings.enable ? await this.analyzeInSlices(current, version, part, options) : { findings: [] };
		if (analysed && part.cut) {
			// Its own slice: counting the lines of a 5 MB document takes a while too.
			await yieldToOthers();
			if (!this.isCurrent(current, version)) return;
			analysed.findings = [...analysed.findings, partialFinding(part, countLines(current.getText()))];
		}
		if (!analysed) return;
		const failure = this.prefetchFailures.get(uri);
		const findings = failure ? [failure, ...analysed.findings].sort(compareFindings) : analysed.findings;
		this.results.set(uri, { version, findings, parsed: analysed.parsed, options, ...(part.cut ? { partial: true } : {}) });
		await this.connection.sendDiagnostics({ uri, version, diagnostics: findings.map(toDiagnostic) });
		if (online) void this.refreshFacts(uri, version, part.text, options);
	}

	/**
	 * Runs the analysis steps, yielding to other requests every SLICE_MS; undefined when the
	 * document changed or closed meanwhile (a newer validation is scheduled, this one stops).
	 */
	private async analyzeInSlices(document: TextDocument, version: number, part: BudgetedText, options: Partial<AnalysisOptions>): Promise<{ findings: Finding[]; parsed?: ParsedDockerfile } | undefined> {
		const uri = document.uri;
		// The debounce follows CPU time, not elapsed time: on a busy machine the wait for a core
		// would otherwise look like work, and every edit would wait for the debounce.
		let cpu = 0;
		let cpuStart = process.cpuUsage();
		let sliceStart = performance.now();
		const addCpu = () => {
			const used = process.cpuUsage(cpuStart);
			cpu += (used.user + used.system) / 1000;
		};
		try {
			const steps = analysisSteps(part.text, options);
			for (let step = steps.next(); ; step = steps.next()) {
				if (step.done) {
					addCpu();
					this.costs.set(uri, cpu);
					for (const { code, error } of step.value.ruleErrors) this.connection.console.error(`patchlens: rule ${code} failed for ${uri}: ${(error as Error)?.stack ?? error}`);
					return { findings: step.value.findings, parsed: step.value.parsed };
				}
				if (performance.now() - sliceStart < SLICE_MS) continue;
				addCpu();
				await yieldToOthers();
				if (!this.isCurrent(document, version)) return undefined;
				sliceStart = performance.now();
				cpuStart = process.cpuUsage();
			}
		} catch (error) {
			this.connection.console.error(`patchlens: analysis failed for ${uri}: ${(error as Error).stack ?? error}`);
			return { findings: [internalFinding(`the analysis failed (${(error as Error)?.message ?? error})`)] };
		}
	}

	/** Still open (not closed and opened again meanwhile) and still at this version. */
	private isCurrent(document: TextDocument, version: number): boolean {
		return this.documents.get(document.uri) === document && document.version === version;
	}

	/** Online mode: look up what is missing, then analyse again if the document is still this version. */
	private async refreshFacts(uri: string, version: number, text: string, options: Partial<AnalysisOptions>): Promise<void> {
		let changed: boolean;
		try {
			changed = await this.online!.refresh(text, options);
			if (this.prefetchFailures.delete(uri)) changed = true;
		} catch (error) {
			this.connection.console.error(`patchlens: registry lookups failed for ${uri}: ${(error as Error).stack ?? error}`);
			// Visible, never a silent offline pass; published again once they work.
			changed = !this.prefetchFailures.has(uri);
			this.prefetchFailures.set(uri, internalFinding(`registry lookups failed (${(error as Error)?.message ?? error}); online checks are missing`));
		}
		const document = this.documents.get(uri);
		if (changed && document && document.version === version) this.schedule(document, 0);
	}
}

// Code lenses above each FROM: the image's measured startup at `patchlens.benchmark.lensConcurrency`, the
// measured effect of its bump, or the model's estimate marked as such. Clicking benchmarks that FROM.
// Cheap: one parse per document version (cached); figures come from memory and never wait: bumps proposed by
// the server are looked up in the background (bumpLookups.ts), only for documents that have a Patchlens
// diagnostic on a FROM line, and the lenses are asked again when they land.
import * as vscode from 'vscode';
import { bumpCandidates } from '../dockerfile/bumpCandidates';
import { fromLines, type FromLine } from '../dockerfile/fromLines';
import type { ResultsRepository } from '../results/resultsRepository';
import { benchmarkSettings, lensesEnabled } from '../settings';
import type { BumpEstimator } from './bumpEstimator';
import { BumpLookups, type BumpMap } from './bumpLookups';
import { lensText } from './lensText';

/** The model's estimate of the median startup (ms), when it has one. */
export type Estimator = (image: string, concurrency: number) => number | undefined;

export const BENCHMARK_FROM_COMMAND = 'patchlens.benchmarkFrom';

interface Parsed {
	version: number;
	argsKey: string;
	froms: FromLine[];
}

export class StartupLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
	private readonly changed = new vscode.EventEmitter<void>();
	readonly onDidChangeCodeLenses = this.changed.event;
	private readonly cache = new Map<string, Parsed>();
	private readonly bumpLookups = new BumpLookups(() => this.changed.fire());
	private readonly subscriptions: vscode.Disposable[];

	constructor(private readonly results: ResultsRepository, private readonly estimate: Estimator | undefined, estimatesChanged?: vscode.Event<void>,
		private readonly bumpEstimator?: BumpEstimator) {
		this.subscriptions = [
			results.onDidChange(() => this.changed.fire()),
			...(bumpEstimator ? [bumpEstimator.onDidChange(() => this.changed.fire())] : []),
			...(estimatesChanged ? [estimatesChanged(() => this.changed.fire())] : []),
			vscode.workspace.onDidChangeConfiguration(e => {
				if (e.affectsConfiguration('patchlens') || e.affectsConfiguration('editor.codeLens')) {
					this.cache.clear();
					this.bumpLookups.clear();
					this.changed.fire();
				}
			}),
			vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire()),
			vscode.workspace.onDidCloseTextDocument(d => {
				this.cache.delete(d.uri.toString());
				this.bumpLookups.forget(d.uri.toString());
			}),
			// A quick fix proposed later (the server answers after its debounce) changes the lens text.
			vscode.languages.onDidChangeDiagnostics(e => {
				const refresh = this.bumpLookups.diagnosticsChanged(e.uris.map(u => u.toString()), isOpenLensDocument);
				if (!refresh.length) return;
				for (const document of vscode.workspace.textDocuments) if (refresh.includes(document.uri.toString())) this.prefetchBumps(document);
				this.changed.fire();
			}),
		];
	}

	async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
		if (!lensesEnabled(document.uri)) return [];
		const settings = benchmarkSettings(document.uri);
		const parsed = this.parse(document, settings.buildArgs);
		if (!parsed.froms.length) return [];
		const bumps = this.bumpLookups.current(document.uri.toString(), document.version, () => this.lookUpBumps(document, parsed, settings.buildArgs));
		if (token.isCancellationRequested) return [];
		const now = new Date();
		const trusted = vscode.workspace.isTrusted;
		const c = settings.lensConcurrency;
		const lenses: vscode.CodeLens[] = [];
		for (const from of parsed.froms) {
			const measured = this.results.measured(from.image, c);
			const comparison = this.results.comparison(from.image, c);
			const text = lensText({
				image: from.image,
				concurrency: c,
				measured: measured && { medianMs: measured.result.stats.median, measuredAt: measured.measuredAt },
				estimateMs: measured ? undefined : this.estimate?.(from.image, c),
				bump: comparison && { candidate: comparison.comparison.candidate, medianDiffMs: comparison.comparison.medianDiffMs, ci95: comparison.comparison.ci95, measuredAt: comparison.measuredAt },
				proposedBump: bumps.get(from.line),
				// Only when nothing measured the bump: the estimate looks up in the background, never waited for.
				bumpEstimate: !comparison && bumps.get(from.line) ? this.bumpEstimator?.estimate(from.image, bumps.get(from.line)!, c) : undefined,
			}, now);
			const hasFigure = !!(measured || comparison);
			// Untrusted: figures measured earlier are still shown, but nothing offers to run a container.
			if (!trusted && !hasFigure) continue;
			const range = new vscode.Range(from.line, 0, from.line, 0);
			lenses.push(new vscode.CodeLens(range, {
				title: text.title,
				tooltip: text.tooltip,
				command: BENCHMARK_FROM_COMMAND,
				arguments: [document.uri, from.line],
			}));
		}
		return lenses;
	}

	/** The image the first proposed bump of the FROM on `line` would write (hover), if any. */
	async proposedBump(document: vscode.TextDocument, line: number): Promise<{ from: FromLine; candidate: string } | undefined> {
		const buildArgs = benchmarkSettings(document.uri).buildArgs;
		const parsed = this.parse(document, buildArgs);
		const from = parsed.froms.find(f => f.line === line);
		const candidate = from && (await this.bumpLookups.settled(document.uri.toString(), document.version, () => this.lookUpBumps(document, parsed, buildArgs))).get(line);
		return from && candidate ? { from, candidate } : undefined;
	}

	/** For tests and commands: the FROMs of a document as the lenses see them. */
	froms(document: vscode.TextDocument): FromLine[] {
		return this.parse(document, benchmarkSettings(document.uri).buildArgs).froms;
	}

	private parse(document: vscode.TextDocument, buildArgs: Record<string, string>): Parsed {
		const key = document.uri.toString();
		const argsKey = JSON.stringify(buildArgs);
		let entry = this.cache.get(key);
		if (!entry || entry.version !== document.version || entry.argsKey !== argsKey) {
			entry = { version: document.version, argsKey, froms: fromLines(document.getText(), buildArgs) };
			this.cache.set(key, entry);
		}
		return entry;
	}

	/** Starts the bump look-up of `document` before the editor asks: its landing refreshes the lenses. */
	private prefetchBumps(document: vscode.TextDocument): void {
		const buildArgs = benchmarkSettings(document.uri).buildArgs;
		const parsed = this.parse(document, buildArgs);
		if (parsed.froms.length) this.bumpLookups.current(document.uri.toString(), document.version, () => this.lookUpBumps(document, parsed, buildArgs));
	}

	/** FROM line -> the image its first proposed bump would write (a code-action round trip to the server). */
	private async lookUpBumps(document: vscode.TextDocument, parsed: Parsed, buildArgs: Record<string, string>): Promise<BumpMap> {
		const fromLinesSet = new Set(parsed.froms.map(f => f.line));
		const flagged = vscode.languages.getDiagnostics(document.uri).some(d => d.source === 'patchlens' && fromLinesSet.has(d.range.start.line));
		const map = new Map<number, string>();
		if (!flagged) return map;
		for (const c of await bumpCandidates(document, buildArgs)) if (!map.has(c.from.line)) map.set(c.from.line, c.image);
		return map;
	}

	dispose(): void {
		this.bumpLookups.clear();
		this.changed.dispose();
		this.subscriptions.forEach(d => d.dispose());
	}
}

/** An open document our language server analyses (so one the lenses are drawn on). */
function isOpenLensDocument(uri: string): boolean {
	const document = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri);
	return !!document && vscode.languages.getDiagnostics(document.uri).some(d => d.source === 'patchlens');
}

// The benchmark reports the lenses, status bar and report panel show: the engine's ResultsStore (one JSON
// file per run, shared with `patchlens bench`), read once and kept in memory. Fires when it changes.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BenchmarkReport, Comparison, ImageResult } from '../../../startup/src/result';
import { ResultsStore } from '../../../startup/src/store';
import { sameImage } from '../dockerfile/imageKey';

export interface Measured {
	result: ImageResult;
	measuredAt: Date;
}

export interface MeasuredComparison {
	comparison: Comparison;
	measuredAt: Date;
}

export class ResultsRepository implements vscode.Disposable {
	private readonly changed = new vscode.EventEmitter<void>();
	readonly onDidChange = this.changed.event;
	private reports: BenchmarkReport[] = [];

	constructor(readonly store: ResultsStore) {}

	/** (Re)reads the store, e.g. at activation or after the CLI wrote to it. */
	async load(): Promise<void> {
		this.reports = await this.store.list();
		this.changed.fire();
	}

	all(): readonly BenchmarkReport[] {
		return this.reports;
	}

	last(): BenchmarkReport | undefined {
		return this.reports[this.reports.length - 1];
	}

	/** Keeps a finished, cancelled (partial) or failed report that has results. */
	async add(report: BenchmarkReport): Promise<string | undefined> {
		if (!report.results.length) return undefined;
		const file = await this.store.save(report);
		this.reports.push(report);
		this.changed.fire();
		return file;
	}

	/** Deletes every stored report; returns how many. */
	async clear(): Promise<number> {
		let names: string[] = [];
		try {
			names = (await fs.readdir(this.store.dir)).filter(n => n.endsWith('.json'));
		} catch {
			// no store yet: nothing to clear
		}
		await Promise.all(names.map(n => fs.rm(path.join(this.store.dir, n), { force: true })));
		this.reports = [];
		this.changed.fire();
		return names.length;
	}

	/** The newest warm result for `image` at `concurrency`. */
	measured(image: string, concurrency: number): Measured | undefined {
		for (let i = this.reports.length - 1; i >= 0; i--) {
			const report = this.reports[i];
			const result = report.results.find(r => r.mode === 'warm' && r.concurrency === concurrency && sameImage(r.image, image));
			if (result) return { result, measuredAt: measuredAt(report) };
		}
		return undefined;
	}

	/** The newest warm comparison with `image` as the baseline at `concurrency`. */
	comparison(image: string, concurrency: number): MeasuredComparison | undefined {
		for (let i = this.reports.length - 1; i >= 0; i--) {
			const report = this.reports[i];
			const comparison = report.comparisons.find(c => c.mode === 'warm' && c.concurrency === concurrency && sameImage(c.baseline, image));
			if (comparison) return { comparison, measuredAt: measuredAt(report) };
		}
		return undefined;
	}

	/** The newest warm comparison of exactly this baseline and candidate at `concurrency`. */
	comparisonOf(baseline: string, candidate: string, concurrency: number): MeasuredComparison | undefined {
		for (let i = this.reports.length - 1; i >= 0; i--) {
			const report = this.reports[i];
			const comparison = report.comparisons.find(c => c.mode === 'warm' && c.concurrency === concurrency
				&& sameImage(c.baseline, baseline) && sameImage(c.candidate, candidate));
			if (comparison) return { comparison, measuredAt: measuredAt(report) };
		}
		return undefined;
	}

	dispose(): void {
		this.changed.dispose();
	}
}

function measuredAt(report: BenchmarkReport): Date {
	return new Date(report.finishedAt || report.startedAt);
}

// Results store: one JSON report per run in a directory, looked up by image digest, engine and settings.
import { promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { toJson } from './export/json';
import type { BenchmarkReport, ImageResult } from './result';
import { SCHEMA_VERSION } from './result';

export function defaultResultsDir(env: NodeJS.ProcessEnv = process.env): string {
	const base = env.XDG_DATA_HOME?.trim() || path.join(homedir(), '.local', 'share');
	return path.join(base, 'patchlens', 'results');
}

export class ResultsStore {
	constructor(readonly dir: string = defaultResultsDir()) {}

	/** Writes atomically (temp file + rename), so a reader never sees half a report. Returns the path. */
	async save(report: BenchmarkReport): Promise<string> {
		await fs.mkdir(this.dir, { recursive: true });
		const stamp = report.startedAt.replace(/[:.]/g, '-');
		const file = path.join(this.dir, `${stamp}_${report.runId}.json`);
		await fs.writeFile(`${file}.tmp`, toJson(report));
		await fs.rename(`${file}.tmp`, file);
		return file;
	}

	/** Every readable report of this schema version, oldest first; unreadable files are skipped. */
	async list(): Promise<BenchmarkReport[]> {
		let names: string[];
		try {
			names = (await fs.readdir(this.dir)).filter(n => n.endsWith('.json')).sort();
		} catch {
			return [];
		}
		const reports: BenchmarkReport[] = [];
		for (const name of names) {
			try {
				const report = JSON.parse(await fs.readFile(path.join(this.dir, name), 'utf8')) as BenchmarkReport;
				if (report.schemaVersion === SCHEMA_VERSION && Array.isArray(report.results)) reports.push(report);
			} catch {
				// a foreign or damaged file must not break look-ups
			}
		}
		return reports;
	}

	/** Newest results for an image digest (optionally one engine id), newest first. */
	async findByDigest(digest: string, engineId?: string): Promise<{ report: BenchmarkReport; result: ImageResult }[]> {
		const found: { report: BenchmarkReport; result: ImageResult }[] = [];
		for (const report of (await this.list()).reverse()) {
			if (engineId && report.engine.id !== engineId) continue;
			for (const result of report.results) if (result.digest === digest || result.imageId === digest) found.push({ report, result });
		}
		return found;
	}

	/** All results with the same key (same digest, engine, settings, mode and concurrency), newest first. */
	async findByKey(key: string): Promise<ImageResult[]> {
		return (await this.list()).reverse().flatMap(r => r.results.filter(x => x.key === key));
	}
}

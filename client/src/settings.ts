// The `patchlens.*` settings the client reads itself (the server reads its own). Read on every use,
// never cached, so a change applies at once without a reload.
import * as vscode from 'vscode';
import { clampToRange, CONCURRENCY, DEFAULTS, inRange, RUNS, WARMUP } from '../../startup/src/defaults';

export interface BenchmarkSettings {
	concurrency: number[];
	runs: number;
	warmup: number;
	lensConcurrency: number;
	dockerHost: string;
	buildArgs: Record<string, string>;
}

export function benchmarkSettings(scope?: vscode.ConfigurationScope): BenchmarkSettings {
	const config = vscode.workspace.getConfiguration('patchlens', scope);
	const concurrency = config.get<number[]>('benchmark.concurrency', [...DEFAULTS.concurrency]).filter(n => inRange(n, CONCURRENCY));
	return {
		concurrency: concurrency.length ? [...new Set(concurrency)].sort((a, b) => a - b) : [1],
		runs: clampToRange(config.get<number>('benchmark.runs', DEFAULTS.runs), RUNS),
		warmup: clampToRange(config.get<number>('benchmark.warmup', DEFAULTS.warmup), WARMUP),
		lensConcurrency: clampToRange(config.get<number>('benchmark.lensConcurrency', DEFAULTS.lensConcurrency), CONCURRENCY),
		// Restricted settings: in an untrusted workspace VS Code only returns the user's own values.
		dockerHost: config.get<string>('docker.host', ''),
		buildArgs: config.get<Record<string, string>>('buildArgs', {}),
	};
}

export function lensesEnabled(scope?: vscode.ConfigurationScope): boolean {
	return vscode.workspace.getConfiguration('patchlens', scope).get<boolean>('enable', true)
		&& vscode.workspace.getConfiguration('editor', scope).get<boolean>('codeLens', true);
}

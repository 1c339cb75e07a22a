// The `patchlens.*` settings the client reads itself (the server reads its own). Read on every use,
// never cached, so a change applies at once without a reload.
import * as vscode from 'vscode';

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
	const concurrency = config.get<number[]>('benchmark.concurrency', [1, 4, 16]).filter(n => Number.isInteger(n) && n >= 1 && n <= 256);
	return {
		concurrency: concurrency.length ? [...new Set(concurrency)].sort((a, b) => a - b) : [1],
		runs: clamp(config.get<number>('benchmark.runs', 5), 1, 100),
		warmup: clamp(config.get<number>('benchmark.warmup', 1), 0, 20),
		lensConcurrency: clamp(config.get<number>('benchmark.lensConcurrency', 16), 1, 256),
		// Restricted settings: in an untrusted workspace VS Code only returns the user's own values.
		dockerHost: config.get<string>('docker.host', ''),
		buildArgs: config.get<Record<string, string>>('buildArgs', {}),
	};
}

export function lensesEnabled(scope?: vscode.ConfigurationScope): boolean {
	return vscode.workspace.getConfiguration('patchlens', scope).get<boolean>('enable', true)
		&& vscode.workspace.getConfiguration('editor', scope).get<boolean>('codeLens', true);
}

function clamp(value: number, min: number, max: number): number {
	return Number.isFinite(value) ? Math.min(max, Math.max(min, Math.round(value))) : min;
}

// Code lenses and benchmarks against the real Docker engine of this machine: the images the fixture
// Dockerfile names are all present locally, so nothing is pulled. Every run must leave no container.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunOutcome } from '../../../client/src/run/benchmarkController';
import type { PatchlensApi } from '../../../client/src/workbench';
import { bumpCandidates } from '../../../client/src/dockerfile/bumpCandidates';
import { containersWithLabel, engineCall, lensesOf, patchlens, setSetting, waitFor, workspaceFile } from './util';

const BENCH = 'bench/Dockerfile';
const FAST_LINE = 1; // FROM 127.0.0.1:5000/patchlens/fast:1 AS tools
const PYTHON_LINE = 5; // FROM python:3.12.1-slim

async function patchlensLenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
	return (await lensesOf(uri)).filter(l => l.command?.command === 'patchlens.benchmarkFrom');
}

async function lensTitle(uri: vscode.Uri, line: number): Promise<string | undefined> {
	return (await patchlensLenses(uri)).find(l => l.range.start.line === line)?.command?.title;
}

async function assertNoContainers(runId: string): Promise<void> {
	const left = await containersWithLabel(`patchlens=${runId}`);
	assert.deepEqual(left.map(c => c.Id), [], `containers of run ${runId} left on the engine`);
}

describe('code lenses and benchmarks on the real engine', function () {
	this.timeout(180_000);
	let api: PatchlensApi;
	const bench = () => workspaceFile(BENCH);

	before(async () => {
		api = await patchlens();
		await setSetting('benchmark.concurrency', [1, 2]);
		await setSetting('benchmark.runs', 2);
		await setSetting('benchmark.warmup', 0);
		await setSetting('benchmark.lensConcurrency', 2);
		await vscode.commands.executeCommand('patchlens.clearResults', { confirm: false });
		await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(bench()));
	});

	it('puts a lens above each FROM that names an image: before any run, the model\'s estimate marked as such', async () => {
		// The estimate needs the image's layer count from the engine, read in the background.
		const lenses = await waitFor('two lenses with estimates', async () => {
			const found = await patchlensLenses(bench());
			return found.length === 2 && found.every(l => /estimated/.test(l.command!.title)) ? found : undefined;
		});
		assert.deepEqual(lenses.map(l => l.range.start.line), [FAST_LINE, PYTHON_LINE]);
		for (const lens of lenses) {
			const title = lens.command!.title;
			console.log(`lens line ${lens.range.start.line + 1}: ${title}`);
			assert.match(title, /^\u2248 p50 \d+ ms @2 \(estimated\)/);
			assert.doesNotMatch(title, /, measured/);
			const [uri, line] = lens.command!.arguments as [vscode.Uri, number];
			assert.equal(uri.toString(), bench().toString());
			assert.equal(line, lens.range.start.line);
		}
		const nothing = await vscode.workspace.openTextDocument({ language: 'dockerfile', content: 'FROM scratch AS base\nFROM $UNSET_BASE\nFROM base AS next\n' });
		assert.deepEqual(await patchlensLenses(nothing.uri), [], 'scratch, unresolved ARGs and missing images get no lens');
	});

	it('clicking a lens benchmarks that FROM, removes its containers, and the lens shows the median', async () => {
		const outcome = await vscode.commands.executeCommand<RunOutcome>('patchlens.benchmarkFrom', bench(), FAST_LINE);
		assert.equal(outcome?.kind, 'done', JSON.stringify(outcome));
		if (outcome.kind !== 'done') return;
		const { report } = outcome;
		console.log(`run ${report.runId}: ${report.results.map(r => `${r.image} @${r.concurrency} p50 ${r.stats.median.toFixed(0)} ms (n=${r.samples.length})`).join('; ')}`);
		assert.deepEqual(report.results.map(r => [r.image, r.concurrency, r.samples.length]), [
			['127.0.0.1:5000/patchlens/fast:1', 1, 2],
			['127.0.0.1:5000/patchlens/fast:1', 2, 4],
		]);
		await assertNoContainers(report.runId);
		const median = Math.round(report.results[1].stats.median);
		const title = await waitFor('the measured lens', async () => {
			const t = await lensTitle(bench(), FAST_LINE);
			return t && /^p50/.test(t) ? t : undefined;
		});
		console.log(`lens after the run: ${title}`);
		assert.equal(title, `p50 ${median} ms @2, measured just now`);
		assert.match(api.status().text, /p50 \d+ ms @2/);
	});

	it('Cancel aborts the run on the engine and leaves no container behind', async () => {
		await setSetting('benchmark.runs', 40);
		await setSetting('benchmark.concurrency', [4]);
		try {
			const running = vscode.commands.executeCommand<RunOutcome>('patchlens.benchmarkFrom', bench(), FAST_LINE);
			await waitFor('a finished round', () => /Benchmarking [1-9]\d*\/\d+/.test(api.status().text), 60_000);
			const started = Date.now();
			await vscode.commands.executeCommand('patchlens.cancelBenchmark');
			const outcome = await running;
			console.log(`cancelled after "${api.status().text}", settled in ${Date.now() - started} ms`);
			assert.equal(outcome?.kind, 'cancelled', JSON.stringify(outcome));
			if (outcome.kind !== 'cancelled') return;
			assert.equal(outcome.leftovers, 0);
			assert.equal(outcome.report.status, 'cancelled');
			await assertNoContainers(outcome.report.runId);
			assert.equal(api.controller.isRunning, false);
		} finally {
			await setSetting('benchmark.runs', 2);
			await setSetting('benchmark.concurrency', [1, 2]);
		}
	});

	it('"Benchmark Startup of This Dockerfile" builds it and measures the build', async () => {
		const uri = workspaceFile('build/Dockerfile');
		await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
		const outcome = await vscode.commands.executeCommand<RunOutcome>('patchlens.benchmarkDockerfile', uri);
		assert.equal(outcome?.kind, 'done', JSON.stringify(outcome));
		if (outcome.kind !== 'done') return;
		const { report } = outcome;
		console.log(`build run ${report.runId}: ${JSON.stringify(report.images)}`);
		assert.deepEqual(report.images.map(i => [i.image, i.source]), [['patchlens-bench:dockerfile', 'build']]);
		assert.deepEqual(report.results.map(r => r.concurrency), [1, 2]);
		await assertNoContainers(report.runId);
	});

	it('clearing the results takes the figures off the lenses', async () => {
		assert.ok(api.results.all().length > 0);
		await vscode.commands.executeCommand('patchlens.clearResults', { confirm: false });
		assert.equal(api.results.all().length, 0);
		const title = await waitFor('a lens without figure', async () => {
			const t = await lensTitle(bench(), FAST_LINE);
			return t && !/^p50/.test(t) ? t : undefined;
		});
		assert.match(title, /\(estimated\)$/);
	});

	it('a measured bump shows on the baseline FROM with its difference and interval', async () => {
		const outcome = await api.controller.run({ images: ['python:3.12.1-slim', 'python:3.12.11-slim'], title: 'e2e comparison', scope: bench(), includeLensConcurrency: true });
		assert.equal(outcome.kind, 'done', JSON.stringify(outcome));
		if (outcome.kind !== 'done') return;
		await assertNoContainers(outcome.report.runId);
		const comparison = outcome.report.comparisons.find(c => c.concurrency === 2)!;
		console.log('comparison @2:', JSON.stringify(comparison));
		assert.equal(comparison.baseline, 'python:3.12.1-slim');
		assert.equal(comparison.candidate, 'python:3.12.11-slim');
		const title = await waitFor('the bump lens', async () => {
			const t = await lensTitle(bench(), PYTHON_LINE);
			return t && /bump to 3\.12\.11-slim: /.test(t) ? t : undefined;
		});
		console.log(`lens: ${title}`);
		assert.match(title, /^p50 \d+ ms @2 · bump to 3\.12\.11-slim: [−+±]\d+ ms ±\d+ ms, measured just now$/);
	});

	it('settings apply without a reload: lens concurrency and patchlens.enable', async () => {
		await setSetting('benchmark.lensConcurrency', 1);
		try {
			const title = await waitFor('the lens at @1', async () => {
				const t = await lensTitle(bench(), PYTHON_LINE);
				return t?.includes('@1') ? t : undefined;
			});
			assert.match(title, /^p50 \d+ ms @1 · bump to 3\.12\.11-slim/);
		} finally {
			await setSetting('benchmark.lensConcurrency', 2);
		}
		await setSetting('enable', false);
		try {
			await waitFor('no lenses while disabled', async () => (await patchlensLenses(bench())).length === 0);
		} finally {
			await setSetting('enable', undefined);
		}
		await waitFor('lenses back', async () => (await patchlensLenses(bench())).length === 2);
	});

	it('a bump quick fix names the measured startup difference once that exact bump was measured', async () => {
		const [candidate] = (await bumpCandidates(await vscode.workspace.openTextDocument(bench()), {})).filter(c => c.from.line === PYTHON_LINE);
		assert.ok(candidate, 'the server proposes a bump for python:3.12.1-slim');
		const quickFixes = async () => (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider',
			bench(), new vscode.Range(PYTHON_LINE, 5, PYTHON_LINE, 5), vscode.CodeActionKind.QuickFix.value)) ?? [];
		const bumpTitle = async () => (await quickFixes()).find(a => a.title.startsWith(candidate.title.split(' \u00b7 ')[0]))?.title;
		assert.doesNotMatch((await bumpTitle()) ?? '', /startup/, 'not measured yet: the title says nothing about startup');
		// The bundled data's candidate is not among the fixtures: give the engine that name for 3.12.11-slim's image.
		const [repo, tag] = candidate.image.split(':');
		let runId: string | undefined;
		assert.equal(await engineCall('POST', `/images/python:3.12.11-slim/tag?repo=${encodeURIComponent(repo)}&tag=${encodeURIComponent(tag)}`), 201);
		try {
			const outcome = await api.controller.run({ images: ['python:3.12.1-slim', candidate.image], title: 'e2e bump title', scope: bench(), includeLensConcurrency: true });
			assert.equal(outcome.kind, 'done', JSON.stringify(outcome));
			if (outcome.kind === 'done') {
				runId = outcome.report.runId;
				await assertNoContainers(runId);
			}
			const title = await waitFor('the measured bump title', async () => {
				const t = await bumpTitle();
				return t && /startup/.test(t) ? t : undefined;
			});
			console.log(`bump fix: ${title}`);
			assert.match(title, / \u00b7 startup [\u2212+\u00b1]\d+ ms \u00b1\d+ ms @2, measured just now$/);
		} finally {
			await engineCall('DELETE', `/images/${encodeURIComponent(candidate.image)}?noprune=1`);
			// Later checks (the UI tour) expect the 3.12.11-slim comparison to be the newest one: drop this run's report.
			const files = runId ? (await fs.readdir(api.results.store.dir)).filter(name => name.endsWith(`_${runId}.json`)) : [];
			await Promise.all(files.map(name => fs.rm(path.join(api.results.store.dir, name))));
			await api.results.load();
		}
	});
});

// The command palette surface: every contributed command exists, menus only name contributed
// commands, exports write real files, the report opens as a webview, bump-all edits the file.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { codeOf, patchlens, waitFor, waitForDiagnostics, workspaceFile } from './util';

interface Manifest {
	contributes: { commands: { command: string; title: string; category?: string }[]; menus: Record<string, { command: string; when?: string }[]> };
}

describe('commands', function () {
	this.timeout(60_000);
	const manifest = () => vscode.extensions.getExtension('patchlens.patchlens')!.packageJSON as Manifest;

	it('registers every contributed command, all in the Patchlens category, and menus name only those', async () => {
		await patchlens();
		const registered = new Set(await vscode.commands.getCommands(true));
		const contributed = manifest().contributes.commands;
		assert.ok(contributed.length >= 10, `${contributed.length} commands contributed`);
		for (const c of contributed) {
			assert.ok(registered.has(c.command), `${c.command} is registered`);
			assert.equal(c.category, 'Patchlens', `${c.command} is in the Patchlens category`);
		}
		const names = new Set(contributed.map(c => c.command));
		for (const [menu, items] of Object.entries(manifest().contributes.menus)) {
			for (const item of items) assert.ok(names.has(item.command), `${menu} names ${item.command}, which is contributed`);
		}
		const containerCommands = contributed.filter(c => /benchmark(Dockerfile|Image|From)|sweep/.test(c.command));
		for (const c of containerCommands) assert.equal((c as { enablement?: string }).enablement, 'isWorkspaceTrusted', `${c.command} is off in untrusted workspaces`);
	});

	it('exports the last results as JSON, CSV and Markdown', async () => {
		const api = await patchlens();
		const last = api.results.last();
		assert.ok(last, 'the benchmark suite left results');
		const json = await vscode.commands.executeCommand<vscode.Uri>('patchlens.exportResults', 'json', workspaceFile('out/results.json'));
		const parsed = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(json)).toString('utf8'));
		assert.equal(parsed.runId, last.runId);
		assert.equal(parsed.results.length, last.results.length);
		const csv = Buffer.from(await vscode.workspace.fs.readFile(await vscode.commands.executeCommand<vscode.Uri>('patchlens.exportResults', 'csv', workspaceFile('out/results.csv')))).toString('utf8');
		const rows = csv.trim().split('\n');
		assert.match(rows[0], /^image,digest,mode,concurrency/);
		assert.equal(rows.length, 1 + last.results.length);
		const md = Buffer.from(await vscode.workspace.fs.readFile(await vscode.commands.executeCommand<vscode.Uri>('patchlens.exportResults', 'markdown', workspaceFile('out/results.md')))).toString('utf8');
		assert.match(md, /\|.*python:3\.12\.11-slim.*\|/);
	});

	it('shows the last report in a webview panel', async () => {
		await vscode.commands.executeCommand('patchlens.showReport');
		const tab = await waitFor('the report tab', () => vscode.window.tabGroups.all.flatMap(g => g.tabs)
			.find(t => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('patchlens.report')));
		assert.equal(tab.label, 'Patchlens Report');
	});

	it('bump all applies the server\'s source.patchlens.bumpAll action', async () => {
		const doc = await vscode.workspace.openTextDocument({ language: 'dockerfile', content: 'FROM python:3.12.1-slim AS build\nRUN echo hi\nFROM build\n' });
		await vscode.window.showTextDocument(doc);
		const whole = new vscode.Range(0, 0, doc.lineCount, 0);
		const offered = await waitFor('the server to answer', async () => (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, whole, 'source.patchlens.bumpAll')) ?? undefined, 10_000);
		assert.ok(offered.length, 'the language server offers source.patchlens.bumpAll');
		console.log('offered:', offered.map(a => `${a.title}: ${a.edit?.get(doc.uri).length} edit(s)`).join('; '));
		assert.equal(await vscode.commands.executeCommand('patchlens.bumpAll', doc.uri), true);
		const [first, second, third] = doc.getText().split('\n');
		console.log('after bump all:', JSON.stringify(doc.getText()));
		// The image moves to the newest 3.12 patch the bundled data knows, keeping variant and stage name.
		const bumped = /^FROM python:3\.12\.(\d+)-slim/.exec(first);
		assert.ok(bumped && Number(bumped[1]) > 1, first);
		assert.equal(first, `FROM python:3.12.${bumped[1]}-slim AS build`);
		assert.equal(second, 'RUN echo hi');
		assert.equal(third, 'FROM build');
		await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
	});
});

describe('update lifecycle data', function () {
	this.timeout(60_000);
	const saved = { api: process.env.PATCHLENS_EOL_API, cache: process.env.XDG_CACHE_HOME };
	let server: http.Server;

	before(async () => {
		// A stand-in for endoflife.date on 127.0.0.1 that knows one product: Python, whose 3.12 it says
		// reached end of life this January (the bundled data says 2028). It answers every release line,
		// as the real API does: update-data rejects an answer that lost most of them.
		const eol: Record<string, string> = { '3.14': '2030-10-31', '3.13': '2029-10-31', '3.12': '2026-01-01', '3.11': '2027-10-31', '3.10': '2026-10-31', '3.9': '2025-10-31', '3.8': '2024-10-07', '3.7': '2023-06-27', '3.6': '2021-12-23' };
		server = http.createServer((request, response) => {
			if (request.url === '/api/v1/products/python') {
				response.writeHead(200, { 'content-type': 'application/json' });
				response.end(JSON.stringify({ result: { label: 'Python', releases: Object.entries(eol).map(([name, eolFrom]) => (
					{ name, isEol: eolFrom < '2026-06-01', eolFrom, ...(name === '3.12' ? { releaseDate: '2023-10-02', latest: { name: '3.12.14', date: '2026-08-12' } } : {}) })) } }));
			} else {
				response.writeHead(404, { 'content-type': 'application/json' });
				response.end('{}');
			}
		});
		await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
		process.env.PATCHLENS_EOL_API = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
		process.env.XDG_CACHE_HOME = await fs.mkdtemp(path.join(os.tmpdir(), 'patchlens-e2e-cache-'));
	});

	after(async () => {
		for (const [key, value] of [['PATCHLENS_EOL_API', saved.api], ['XDG_CACHE_HOME', saved.cache]] as const) {
			if (value === undefined) delete process.env[key];
			else process.env[key] = value;
		}
		server.close();
		await vscode.commands.executeCommand('patchlens.restartServer');
	});

	it('fetches into the cache, restarts the server, and diagnostics use the fresher data', async () => {
		const doc = await vscode.workspace.openTextDocument({ language: 'dockerfile', content: 'FROM python:3.12.1-slim\n' });
		await vscode.window.showTextDocument(doc);
		const before = await waitForDiagnostics(doc.uri, d => d.length > 0);
		assert.ok(!before.some(d => codeOf(d) === 'PL101'), 'with the bundled data Python 3.12 is supported');
		const outcome = await vscode.commands.executeCommand<{ ok: boolean; file: string; updated: number; failed: number }>('patchlens.updateLifecycleData');
		console.log('update-data:', JSON.stringify(outcome));
		assert.equal(outcome.ok, true);
		assert.equal(outcome.updated, 1);
		assert.ok(outcome.file.startsWith(process.env.XDG_CACHE_HOME!), outcome.file);
		const after = await waitForDiagnostics(doc.uri, d => d.some(x => codeOf(x) === 'PL101'));
		console.log('with the updated data:', after.map(d => `${codeOf(d)}: ${d.message}`).join(' | '));
		await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
	});
});

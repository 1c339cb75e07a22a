// Lenses refresh when their inputs arrive (the UI tour saw the top-level Dockerfile's lenses missing until its
// text changed): a Dockerfile opened before the server analysed it, and never asked for lenses, gets told
// (onDidChangeCodeLenses) when its diagnostics and proposed bumps land, and the next answer carries the bump,
// with no edit in between.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { lensesOf, patchlens, waitFor } from './util';

describe('code lenses refresh when their inputs arrive', function () {
	this.timeout(60_000);

	it('announces new lenses for a Dockerfile nobody asked yet, and shows its bump without an edit', async () => {
		const api = await patchlens();
		let refreshes = 0;
		const listening = api.lenses.onDidChangeCodeLenses(() => { refreshes++; });
		try {
			// Untitled: nothing on disk. Not shown yet, so no editor asks for its lenses: like an editor whose first
			// request VS Code cancelled (it does when focus leaves the editor), only the provider can bring them.
			const document = await vscode.workspace.openTextDocument({ language: 'dockerfile', content: 'FROM python:3.12.1-slim\nRUN true\n' });
			// The server's findings arriving is what must make the provider speak up, before anyone asked for lenses.
			await waitFor('the server\'s diagnostics', () => vscode.languages.getDiagnostics(document.uri).some(d => d.source === 'patchlens'));
			await waitFor('a lens refresh after the diagnostics', () => refreshes > 0);
			// Each refresh is what VS Code answers by asking again: the bump shows after one of them.
			const title = await waitFor('the proposed bump in the lens', async () => {
				const seen = refreshes;
				const lens = (await lensesOf(document.uri)).find(l => l.range.start.line === 0 && l.command?.command === 'patchlens.benchmarkFrom');
				if (/(bump to|vs) 3\.12\.\d+-slim/.test(lens?.command?.title ?? '')) return lens!.command!.title;
				await waitFor(`the next lens refresh (the lens says "${lens?.command?.title}")`, () => refreshes > seen, 20_000);
				return undefined;
			}, 40_000);
			console.log(`lens after ${refreshes} refreshes: ${title}`);
			assert.equal(document.version, 1, 'no edit was needed');
			await vscode.window.showTextDocument(document);
		} finally {
			listening.dispose();
			await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor').then(undefined, () => undefined);
		}
	});
});

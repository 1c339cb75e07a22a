// Smoke test in a real VS Code: the packaged extension activates on a Dockerfile and publishes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, waitForDiagnostics, workspaceFile } from './util';

describe('Patchlens in a real VS Code', () => {
	it('activates on a Dockerfile and publishes DL3006 / DL3007 from the language server', async () => {
		const uri = workspaceFile('Dockerfile');
		const doc = await vscode.workspace.openTextDocument(uri);
		await vscode.window.showTextDocument(doc);
		assert.equal(doc.languageId, 'dockerfile');
		const diagnostics = await waitForDiagnostics(uri, d => d.some(x => codeOf(x) === 'DL3006') && d.some(x => codeOf(x) === 'DL3007'));
		console.log('diagnostics:', JSON.stringify(diagnostics.map(d => [codeOf(d), d.range.start.line, d.message])));
		const byCode = new Map(diagnostics.map(d => [codeOf(d), d]));
		assert.equal(byCode.get('DL3006')?.range.start.line, 0, 'DL3006 on `FROM ubuntu`');
		assert.equal(byCode.get('DL3007')?.range.start.line, 3, 'DL3007 on `FROM node:latest`');
		assert.equal(vscode.extensions.getExtension('patchlens.patchlens')?.isActive, true);
	});

	it('reports the VS Code it runs in', () => {
		console.log(`vscode ${vscode.version}, ${vscode.env.appName}, uiKind ${vscode.env.uiKind}, trusted ${vscode.workspace.isTrusted}`);
		assert.ok(vscode.workspace.isTrusted, 'the e2e workspace is trusted (benchmarks need it)');
	});
});

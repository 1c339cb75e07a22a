// Smoke test in a real VS Code: the packaged extension activates on a Dockerfile and publishes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitForDiagnostics, workspaceFile } from './util';

describe('Patchlens in a real VS Code', () => {
	it('activates on a Dockerfile and publishes DL3006 / DL3007 from the language server', async () => {
		const uri = workspaceFile('Dockerfile');
		const doc = await vscode.workspace.openTextDocument(uri);
		await vscode.window.showTextDocument(doc);
		assert.equal(doc.languageId, 'dockerfile');
		const diagnostics = await waitForDiagnostics(uri, d => d.some(x => x.code !== undefined));
		const codes = diagnostics.map(d => typeof d.code === 'object' ? d.code.value : d.code);
		console.log('diagnostics:', JSON.stringify(diagnostics.map(d => [codeOf(d), d.range.start.line, d.message])));
		assert.ok(codes.includes('DL3006'), `DL3006 expected, got ${codes}`);
		assert.ok(codes.includes('DL3007'), `DL3007 expected, got ${codes}`);
		assert.equal(vscode.extensions.getExtension('patchlens.patchlens')?.isActive, true);
	});
});

function codeOf(d: vscode.Diagnostic): string {
	return String(typeof d.code === 'object' ? d.code.value : d.code);
}

// Quick fixes as a user gets them from the lightbulb: asked through VS Code's own code action API,
// applied as workspace edits, and the diagnostic goes away.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, waitForDiagnostics } from './util';

describe('quick fixes', () => {
	it('offers "ignore for this line" for DL3007 and applying it silences the warning', async () => {
		const doc = await vscode.workspace.openTextDocument({ language: 'dockerfile', content: 'FROM alpine:3.20\nFROM node:latest AS web\nRUN echo hi\n' });
		await vscode.window.showTextDocument(doc);
		const diagnostics = await waitForDiagnostics(doc.uri, d => d.some(x => codeOf(x) === 'DL3007'));
		const dl3007 = diagnostics.find(d => codeOf(d) === 'DL3007')!;
		assert.equal(dl3007.range.start.line, 1);
		const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, dl3007.range, vscode.CodeActionKind.QuickFix.value);
		const titles = actions.map(a => a.title);
		console.log('quick fixes for DL3007:', JSON.stringify(titles));
		const ignore = actions.find(a => /ignore/i.test(a.title) && a.edit);
		assert.ok(ignore, `an ignore quick fix with an edit, got ${titles}`);
		assert.ok(ignore.kind && vscode.CodeActionKind.QuickFix.contains(ignore.kind));
		assert.ok(await vscode.workspace.applyEdit(ignore.edit!));
		assert.match(doc.getText(), /#\s*hadolint ignore=DL3007/);
		await waitForDiagnostics(doc.uri, d => !d.some(x => codeOf(x) === 'DL3007'));
		await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
	});
});

// "Bump All Base Images in This File": applies the language server's `source.patchlens.bumpAll` action.
import * as vscode from 'vscode';
import { targetDockerfile } from './targets';

export const BUMP_ALL_KIND = vscode.CodeActionKind.Source.append('patchlens').append('bumpAll');

export async function bumpAll(arg: unknown): Promise<boolean> {
	const document = await targetDockerfile(arg);
	if (!document) return false;
	const whole = new vscode.Range(0, 0, document.lineCount, 0);
	const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, whole, BUMP_ALL_KIND.value) ?? [];
	const action = actions.find(a => a.kind && BUMP_ALL_KIND.contains(a.kind));
	if (!action || (!action.edit && !action.command)) {
		void vscode.window.showInformationMessage(`Nothing to bump in ${vscode.workspace.asRelativePath(document.uri)}: every base image Patchlens knows is on its latest patch.`);
		return false;
	}
	if (action.edit && !(await vscode.workspace.applyEdit(action.edit))) {
		void vscode.window.showErrorMessage('Patchlens could not apply the bump (the file changed meanwhile?).');
		return false;
	}
	if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
	return true;
}

// "Ignore CODE in this workspace" (a code action from the server): adds the code to
// `patchlens.ignoredRules` in the settings of the document's workspace folder. Only the client can
// write settings; the server re-lints when the configuration change reaches it.
import * as vscode from 'vscode';
import { withIgnoredRule } from './ignoredRules';

export const IGNORE_IN_WORKSPACE_COMMAND = 'patchlens.ignoreRuleInWorkspace';

export async function ignoreRuleInWorkspace(code: unknown, documentUri?: unknown): Promise<void> {
	if (typeof code !== 'string' || !/^[A-Za-z]{2}\d+$/.test(code)) return;
	const uri = typeof documentUri === 'string' ? vscode.Uri.parse(documentUri) : undefined;
	const folder = uri && vscode.workspace.getWorkspaceFolder(uri);
	const config = vscode.workspace.getConfiguration('patchlens', uri);
	// Multi-root: the folder's .vscode/settings.json; single folder: the workspace; no folder: user settings.
	const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
	const target = !vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Global
		: multiRoot && folder ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Workspace;
	const inspected = config.inspect<string[]>('ignoredRules');
	const current = target === vscode.ConfigurationTarget.WorkspaceFolder ? inspected?.workspaceFolderValue
		: target === vscode.ConfigurationTarget.Workspace ? inspected?.workspaceValue : inspected?.globalValue;
	const next = withIgnoredRule(current, code);
	if (!next) return;
	try {
		await config.update('ignoredRules', next, target);
	} catch (error) {
		void vscode.window.showErrorMessage(`Patchlens: could not update patchlens.ignoredRules: ${(error as Error).message}`);
		return;
	}
	if (target === vscode.ConfigurationTarget.Global) {
		void vscode.window.showInformationMessage(`Patchlens: no workspace is open, so ${code.toUpperCase()} is now ignored in your user settings.`);
	}
}

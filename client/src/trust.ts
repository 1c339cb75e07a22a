// Workspace trust: in an untrusted workspace Patchlens lints with its bundled data only. Commands that
// would run containers, build images or reach a registry say so instead of running.
import * as vscode from 'vscode';

export const UNTRUSTED_REASON = 'This workspace is not trusted: Patchlens only lints with its bundled data here (no containers, builds or registry lookups).';

export function isTrusted(): boolean {
	return vscode.workspace.isTrusted;
}

/** True when the action may run; otherwise tells the user why not and offers to manage trust. */
export async function requireTrust(action: string): Promise<boolean> {
	if (vscode.workspace.isTrusted) return true;
	const manage = 'Manage Workspace Trust';
	const choice = await vscode.window.showWarningMessage(`Patchlens cannot ${action}. ${UNTRUSTED_REASON}`, manage);
	if (choice === manage) await vscode.commands.executeCommand('workbench.trust.manage');
	return false;
}

import * as vscode from 'vscode';

export function workspaceFile(name: string): vscode.Uri {
	const folder = vscode.workspace.workspaceFolders?.[0];
	if (!folder) throw new Error('the e2e run needs a workspace folder');
	return vscode.Uri.joinPath(folder.uri, name);
}

/** Polls the diagnostics of `uri` from the patchlens source until `accept` holds (or times out). */
export async function waitForDiagnostics(uri: vscode.Uri, accept: (d: vscode.Diagnostic[]) => boolean, timeoutMs = 30_000): Promise<vscode.Diagnostic[]> {
	const deadline = Date.now() + timeoutMs;
	let diagnostics: vscode.Diagnostic[] = [];
	while (Date.now() < deadline) {
		diagnostics = vscode.languages.getDiagnostics(uri).filter(d => d.source === 'patchlens');
		if (accept(diagnostics)) return diagnostics;
		await new Promise(r => setTimeout(r, 100));
	}
	throw new Error(`diagnostics for ${uri.fsPath} did not arrive in ${timeoutMs} ms; last: ${JSON.stringify(diagnostics.map(d => d.message))}`);
}

// Which Dockerfile a command acts on: the URI a menu passed (explorer, editor title/context), else the
// active editor's document when it is a Dockerfile.
import * as vscode from 'vscode';

export async function targetDockerfile(arg: unknown): Promise<vscode.TextDocument | undefined> {
	const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
	if (!uri) {
		void vscode.window.showInformationMessage('Open a Dockerfile first.');
		return undefined;
	}
	const document = await vscode.workspace.openTextDocument(uri);
	if (document.languageId !== 'dockerfile' && !/(^|[./])(Dockerfile|Containerfile)([./]|$)/i.test(uri.path.split('/').pop() ?? '')) {
		void vscode.window.showInformationMessage(`${vscode.workspace.asRelativePath(uri)} is not a Dockerfile.`);
		return undefined;
	}
	return document;
}

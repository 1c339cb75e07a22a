// Activation: wires the language client, commands and UI pieces; nothing else lives here.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createLanguageClient } from './languageClient';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
	const output = vscode.window.createOutputChannel('Patchlens', { log: true });
	context.subscriptions.push(output);
	client = createLanguageClient(context, output);
	context.subscriptions.push(
		vscode.commands.registerCommand('patchlens.showOutput', () => output.show(true)),
		vscode.commands.registerCommand('patchlens.restartServer', async () => {
			await client?.restart();
			output.info('language server restarted');
		}),
	);
	await client.start();
	output.info(`Patchlens ${context.extension.packageJSON.version} activated`);
}

export async function deactivate(): Promise<void> {
	await client?.stop();
	client = undefined;
}

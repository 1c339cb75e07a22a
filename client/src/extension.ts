// Activation: wires the language client, commands and UI pieces; nothing else lives here.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { IGNORE_IN_WORKSPACE_COMMAND, ignoreRuleInWorkspace } from './commands/ignoreRule';
import { updateLifecycleDataCommand } from './commands/updateLifecycleData';
import { createLanguageClient } from './languageClient';
import { registerWorkbench, type PatchlensApi } from './workbench';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<PatchlensApi> {
	const output = vscode.window.createOutputChannel('Patchlens', { log: true });
	context.subscriptions.push(output);
	client = createLanguageClient(context, output);
	context.subscriptions.push(
		vscode.commands.registerCommand('patchlens.showOutput', () => output.show(true)),
		vscode.commands.registerCommand(IGNORE_IN_WORKSPACE_COMMAND, ignoreRuleInWorkspace),
		vscode.commands.registerCommand('patchlens.restartServer', async () => {
			await client?.restart();
			output.info('language server restarted');
		}),
		vscode.commands.registerCommand('patchlens.updateLifecycleData', () => updateLifecycleDataCommand(output, async () => {
			await client?.restart();
		})),
	);
	const api = await registerWorkbench(context, output);
	await client.start();
	output.info(`Patchlens ${context.extension.packageJSON.version} activated`);
	return api;
}

export async function deactivate(): Promise<void> {
	await client?.stop();
	client = undefined;
}

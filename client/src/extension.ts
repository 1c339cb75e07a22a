// Activation: wires the language client, commands and UI pieces; nothing else lives here.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { IGNORE_IN_WORKSPACE_COMMAND, ignoreRuleInWorkspace } from './commands/ignoreRule';
import { updateLifecycleDataCommand } from './commands/updateLifecycleData';
import { createLanguageClient } from './languageClient';
import { annotateBumpFixes } from './lenses/bumpFixTitles';
import { benchmarkSettings } from './settings';
import { registerWorkbench, type PatchlensApi } from './workbench';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<PatchlensApi> {
	const output = vscode.window.createOutputChannel('Patchlens', { log: true });
	context.subscriptions.push(output);
	// The results repository exists once the workbench is registered, after the client is created.
	const workbench: { api?: PatchlensApi } = {};
	client = createLanguageClient(context, output, (document, actions) => {
		if (!workbench.api) return actions;
		const settings = benchmarkSettings(document.uri);
		return annotateBumpFixes(document, actions, workbench.api.results, settings.lensConcurrency, settings.buildArgs, new Date(), workbench.api.bumpEstimator);
	});
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
	workbench.api = api;
	await client.start();
	output.info(`Patchlens ${context.extension.packageJSON.version} activated`);
	return api;
}

export async function deactivate(): Promise<void> {
	await client?.stop();
	client = undefined;
}

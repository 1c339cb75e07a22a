// Starts the bundled language server (server/out/server.js) for Dockerfiles.
import * as path from 'node:path';
import { workspace, type CodeAction, type Command, type ExtensionContext, type LogOutputChannel, type TextDocument } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/** Files Patchlens analyses even when no extension assigned them the `dockerfile` language. */
export const DOCKERFILE_PATTERN = '**/{Dockerfile,Dockerfile.*,*.Dockerfile,*.dockerfile,Containerfile,Containerfile.*}';

/** Rewrites the server's code actions on their way to the editor (e.g. measured startup on bump fixes). */
export type CodeActionAnnotator = (document: TextDocument, actions: (CodeAction | Command)[]) => (CodeAction | Command)[];

export function createLanguageClient(context: ExtensionContext, output: LogOutputChannel, annotate?: CodeActionAnnotator): LanguageClient {
	const module = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
	const serverOptions: ServerOptions = {
		run: { module, transport: TransportKind.ipc },
		debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
	};
	const clientOptions: LanguageClientOptions = {
		documentSelector: [
			{ scheme: 'file', language: 'dockerfile' },
			{ scheme: 'untitled', language: 'dockerfile' },
			{ scheme: 'file', pattern: DOCKERFILE_PATTERN },
		],
		outputChannel: output,
		synchronize: { configurationSection: 'patchlens' },
		// The server looks registries up only in trusted workspaces (package.json `untrustedWorkspaces`).
		initializationOptions: () => ({ workspaceTrusted: workspace.isTrusted }),
		middleware: {
			provideCodeActions: async (document, range, context, token, next) => {
				const actions = await next(document, range, context, token);
				return actions && annotate ? annotate(document, actions) : actions;
			},
		},
	};
	const client = new LanguageClient('patchlens', 'Patchlens', serverOptions, clientOptions);
	context.subscriptions.push(workspace.onDidGrantWorkspaceTrust(() => {
		if (client.isRunning()) void client.sendNotification('patchlens/workspaceTrusted');
	}));
	return client;
}

// Starts the bundled language server (server/out/server.js) for Dockerfiles.
import * as path from 'node:path';
import type { ExtensionContext, LogOutputChannel } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/** Files Patchlens analyses even when no extension assigned them the `dockerfile` language. */
export const DOCKERFILE_PATTERN = '**/{Dockerfile,Dockerfile.*,*.Dockerfile,*.dockerfile,Containerfile,Containerfile.*}';

export function createLanguageClient(context: ExtensionContext, output: LogOutputChannel): LanguageClient {
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
	};
	return new LanguageClient('patchlens', 'Patchlens', serverOptions, clientOptions);
}

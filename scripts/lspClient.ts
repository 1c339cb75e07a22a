// Drives the bundled language server (server/out/server.js) over stdio with a real JSON-RPC client.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export const SERVER_BUNDLE = path.join(__dirname, '../server/out/server.js');

export interface LspSession {
	connection: MessageConnection;
	process: ChildProcess;
	/** Resolves with the next publishDiagnostics for `uri` that satisfies `accept`. */
	nextDiagnostics(uri: string, accept?: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
	stderr(): string;
	close(): Promise<void>;
}

export interface LaunchOptions {
	/** The server process's environment (default: this process's). */
	env?: NodeJS.ProcessEnv;
	/** Sent in `initialize`, e.g. `{ workspaceTrusted: true }` for online mode. */
	initializationOptions?: unknown;
}

export async function startServer(settings: Record<string, unknown> = {}, launch: LaunchOptions = {}): Promise<LspSession> {
	const child = spawn(process.execPath, [SERVER_BUNDLE, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: launch.env ?? process.env });
	let stderr = '';
	child.stderr!.on('data', d => (stderr += d));
	const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
	const waiters: { uri: string; accept: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
	connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
		for (const w of [...waiters]) {
			if (w.uri === p.uri && w.accept(p)) {
				waiters.splice(waiters.indexOf(w), 1);
				w.resolve(p);
			}
		}
	});
	connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
		params.items.map(item => item.section === 'patchlens' ? settings : null));
	connection.onRequest('client/registerCapability', () => null);
	connection.onNotification('window/logMessage', () => undefined);
	connection.listen();
	await connection.sendRequest('initialize', {
		processId: process.pid,
		rootUri: null,
		...(launch.initializationOptions !== undefined ? { initializationOptions: launch.initializationOptions } : {}),
		capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
	});
	await connection.sendNotification('initialized', {});
	return {
		connection,
		process: child,
		stderr: () => stderr,
		nextDiagnostics(uri, accept = () => true, timeoutMs = 10_000) {
			return new Promise((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms; server stderr: ${stderr}`)), timeoutMs);
				waiters.push({ uri, accept, resolve: p => { clearTimeout(timer); resolve(p); } });
			});
		},
		async close() {
			try {
				await connection.sendRequest('shutdown');
				await connection.sendNotification('exit');
			} catch { /* already gone */ }
			connection.dispose();
			if (child.exitCode === null) await new Promise(r => { child.once('exit', r); setTimeout(() => { child.kill(); r(null); }, 2000); });
		},
	};
}

export function openDocument(session: LspSession, uri: string, text: string, version = 1): Promise<void> {
	return session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version, text } });
}

// Connection wiring only: capabilities, document sync and handler registration.
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, MessageType, ShowMessageNotification } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { enableAnalysisReuse } from './core/reuse';
import { CODE_ACTION_KINDS, codeActions } from './lsp/codeActions';
import { CONFIG_GLOB, ConfigCache, folderPaths } from './lsp/configCache';
import { DiagnosticsScheduler } from './lsp/diagnostics';
import { hover } from './lsp/hover';
import { SettingsCache } from './lsp/settings';
import { applyLifecycleOverlay } from './registry/lifecycleUpdate';
import { RegistrySession } from './registry/session';

// Every edit re-analyses the whole file: keep what the next analysis can reuse.
enableAnalysisReuse();

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let supportsConfiguration = false;
const settings = new SettingsCache(connection, () => supportsConfiguration);
let workspaceRoots: string[] = [];
let supportsWatchedFilesRegistration = false;
const configs = new ConfigCache(connection, () => workspaceRoots);
// Online mode needs a trusted workspace: the client says so in initializationOptions
// (`workspaceTrusted`) and later by the `patchlens/workspaceTrusted` notification. Clients that
// say nothing get bundled data only.
let workspaceTrusted = false;
// `patchlens update-data`'s fresher lifecycle data, merged over the bundled set before any analysis.
const overlayNote = applyLifecycleOverlay();
let registry: RegistrySession | undefined;
const registrySession = () => registry ??= new RegistrySession({
	tell: text => {
		const message = `Patchlens: ${text}`;
		connection.console.warn(message);
		// A notification, not a request: nothing to answer, nothing waits on the user.
		void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
	},
});
const diagnostics = new DiagnosticsScheduler(connection, documents, settings, configs, {
	allowed: () => workspaceTrusted,
	snapshot: () => registrySession().snapshot(),
	refresh: (text, options) => registrySession().refresh(text, options),
});

connection.onInitialize(params => {
	supportsConfiguration = !!params.capabilities.workspace?.configuration;
	supportsWatchedFilesRegistration = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
	workspaceTrusted = (params.initializationOptions as { workspaceTrusted?: unknown } | undefined)?.workspaceTrusted === true;
	workspaceRoots = folderPaths(params.workspaceFolders?.map(f => f.uri) ?? (params.rootUri ? [params.rootUri] : []));
	return {
		capabilities: {
			textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
			codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS },
			hoverProvider: true,
		},
		serverInfo: { name: 'patchlens' },
	};
});

connection.onInitialized(() => {
	if (overlayNote) connection.console.info(`patchlens: ${overlayNote}`);
	if (supportsConfiguration) {
		void connection.client.register(DidChangeConfigurationNotification.type, { section: 'patchlens' });
	}
	// `.hadolint.yaml` edits, creations and deletions re-lint open Dockerfiles.
	if (supportsWatchedFilesRegistration) {
		void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: CONFIG_GLOB }] });
	}
});

connection.onDidChangeWatchedFiles(params => {
	if (configs.onWatchedFilesChanged(params.changes)) diagnostics.revalidateAll();
});

connection.onCodeAction(params => {
	const document = documents.get(params.textDocument.uri);
	return document ? codeActions(params, document, diagnostics.results.get(document.uri)) : [];
});

connection.onHover(params => {
	const document = documents.get(params.textDocument.uri);
	if (!document) return null;
	try {
		return hover(document.getText(), params.position, diagnostics.results.get(document.uri));
	} catch (error) {
		connection.console.error(`patchlens: hover failed: ${(error as Error).stack ?? error}`);
		return null;
	}
});

connection.onNotification('patchlens/workspaceTrusted', () => {
	workspaceTrusted = true;
	diagnostics.revalidateAll();
});

connection.onDidChangeConfiguration(() => {
	settings.clear();
	diagnostics.revalidateAll();
});

documents.onDidOpen(e => diagnostics.schedule(e.document, 0));
documents.onDidChangeContent(e => diagnostics.schedule(e.document));
documents.onDidClose(e => {
	settings.clear(e.document.uri);
	diagnostics.forget(e.document.uri);
});

// A bug in one request must never take the server down; log it and keep serving.
process.on('uncaughtException', error => connection.console.error(`patchlens: unexpected error: ${error.stack ?? error}`));

documents.listen(connection);
connection.listen();

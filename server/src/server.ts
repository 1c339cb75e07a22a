// Connection wiring only: capabilities, document sync and handler registration.
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, MessageType, ShowMessageNotification } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CODE_ACTION_KINDS, codeActions } from './lsp/codeActions';
import { CONFIG_GLOB, ConfigCache, folderPaths } from './lsp/configCache';
import { analysedPart, DiagnosticsScheduler } from './lsp/diagnostics';
import { hover } from './lsp/hover';
import { SettingsCache } from './lsp/settings';
import { loadLifecycleOverlay } from './registry/lifecycleUpdate';
import { RegistrySession } from './registry/session';

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
// `patchlens update-data`'s fresher lifecycle data: read once, an input of every analysis.
const { overlay: lifecycleOverlay, note: overlayNote } = loadLifecycleOverlay();
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
}, lifecycleOverlay ? { lifecycleOverlay } : {});

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

/**
 * The document as far as the server analyses it: hovers and code actions on a huge file work on
 * the analysed part only, never re-parse all of it on the main thread.
 */
function analysedDocument(document: TextDocument): TextDocument {
	const analysed = diagnostics.results.get(document.uri);
	const text = analysed?.version === document.version && analysed.parsed ? analysed.parsed.text : analysedPart(document.getText()).text;
	return text.length === document.getText().length ? document : TextDocument.create(document.uri, document.languageId, document.version, text);
}

connection.onCodeAction(params => {
	const document = documents.get(params.textDocument.uri);
	return document ? codeActions(params, analysedDocument(document), diagnostics.results.get(document.uri)) : [];
});

connection.onHover(params => {
	const document = documents.get(params.textDocument.uri);
	if (!document) return null;
	try {
		return hover(analysedDocument(document).getText(), params.position, diagnostics.results.get(document.uri));
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

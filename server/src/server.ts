// Connection wiring only: capabilities, document sync and handler registration.
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, DidChangeConfigurationNotification } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticsScheduler } from './lsp/diagnostics';
import { SettingsCache } from './lsp/settings';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let supportsConfiguration = false;
const settings = new SettingsCache(connection, () => supportsConfiguration);
const diagnostics = new DiagnosticsScheduler(connection, documents, settings);

connection.onInitialize(params => {
	supportsConfiguration = !!params.capabilities.workspace?.configuration;
	return {
		capabilities: {
			textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
		},
		serverInfo: { name: 'patchlens' },
	};
});

connection.onInitialized(() => {
	if (supportsConfiguration) {
		void connection.client.register(DidChangeConfigurationNotification.type, { section: 'patchlens' });
	}
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

// The diagnostics scheduler under mocked timers: when it validates relative to opens and edits.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEBOUNCE_MS, DiagnosticsScheduler } from '../../server/src/lsp/diagnostics';
import { SettingsCache } from '../../server/src/lsp/settings';

function harness() {
	const published: { uri: string; version?: number; count: number }[] = [];
	const docs = new Map<string, TextDocument>();
	const connection = {
		sendDiagnostics: async (p: { uri: string; version?: number; diagnostics: unknown[] }) => { published.push({ uri: p.uri, version: p.version, count: p.diagnostics.length }); },
		console: { error: (message: string) => assert.fail(message) },
	} as unknown as Connection;
	const documents = { get: (uri: string) => docs.get(uri), all: () => [...docs.values()] } as unknown as TextDocuments<TextDocument>;
	const scheduler = new DiagnosticsScheduler(connection, documents, new SettingsCache(connection, () => false));
	const open = (uri: string, text: string, version = 1) => {
		const document = TextDocument.create(uri, 'dockerfile', version, text);
		docs.set(uri, document);
		return document;
	};
	return { published, scheduler, open };
}

/** Lets the validation's awaited promises (settings, config) settle. */
const settle = () => new Promise<void>(resolve => setImmediate(resolve));

describe('diagnostics scheduler', () => {
	beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
	afterEach(() => mock.timers.reset());

	it('validates an opened document at once, although TextDocuments also reports the open as a change', async () => {
		const { published, scheduler, open } = harness();
		const document = open('file:///w/Dockerfile', 'FROM ubuntu:latest\n');
		scheduler.schedule(document, 0); // onDidOpen
		scheduler.schedule(document); // onDidChangeContent for the same version
		mock.timers.tick(0);
		await settle();
		assert.deepEqual(published.map(p => p.version), [1]);
		assert.ok(published[0].count > 0, 'the open publishes its findings');
	});

	it('debounces edits: only the last version of a burst is validated, one debounce after it', async () => {
		const { published, scheduler, open } = harness();
		let document = open('file:///w/Dockerfile', 'FROM ubuntu:latest\n');
		for (let version = 2; version <= 4; version++) {
			document = open('file:///w/Dockerfile', `FROM ubuntu:latest\n# ${version}\n`, version);
			scheduler.schedule(document);
			mock.timers.tick(DEBOUNCE_MS - 1);
			await settle();
		}
		assert.equal(published.length, 0, 'nothing while typing');
		mock.timers.tick(1);
		await settle();
		assert.deepEqual(published.map(p => p.version), [4]);
	});

	it('an edit right after an open still waits for the debounce of its own version', async () => {
		const { published, scheduler, open } = harness();
		const first = open('file:///w/Dockerfile', 'FROM ubuntu:latest\n');
		scheduler.schedule(first, 0);
		const second = open('file:///w/Dockerfile', 'FROM ubuntu:22.04\n', 2);
		scheduler.schedule(second);
		mock.timers.tick(0);
		await settle();
		assert.equal(published.length, 0, 'the open was superseded by version 2');
		mock.timers.tick(DEBOUNCE_MS);
		await settle();
		assert.deepEqual(published.map(p => p.version), [2]);
	});
});

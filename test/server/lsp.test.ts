import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openDocument, startServer, type LspSession } from '../../scripts/lspClient';

describe('language server over stdio', () => {
	let session: LspSession;
	before(async () => { session = await startServer(); });
	after(async () => { await session.close(); });

	it('publishes DL3006 and DL3007 for a Dockerfile, with codes, ranges and docs links', async () => {
		const uri = 'file:///work/Dockerfile';
		const published = session.nextDiagnostics(uri);
		await openDocument(session, uri, 'FROM ubuntu\nFROM node:latest AS web\nFROM web\nFROM scratch\n');
		const { diagnostics, version } = await published;
		assert.equal(version, 1);
		assert.deepEqual(diagnostics.map(d => [d.code, d.range.start.line, d.source]), [['DL3006', 0, 'patchlens'], ['DL3007', 1, 'patchlens']]);
		assert.match(diagnostics[0].codeDescription!.href, /docs\/rules\/DL3006\.md$/);
	});

	it('republishes after an incremental change, for the new version only', async () => {
		const uri = 'file:///work/app/Dockerfile';
		const first = session.nextDiagnostics(uri);
		await openDocument(session, uri, 'FROM ubuntu:24.04\n');
		assert.equal((await first).diagnostics.length, 0);
		const second = session.nextDiagnostics(uri, p => p.version === 3);
		// Two quick edits: the debounced server must publish for version 3, never 2 after 3.
		await session.connection.sendNotification('textDocument/didChange', {
			textDocument: { uri, version: 2 },
			contentChanges: [{ range: { start: { line: 0, character: 11 }, end: { line: 0, character: 17 } }, text: '' }],
		});
		await session.connection.sendNotification('textDocument/didChange', {
			textDocument: { uri, version: 3 },
			contentChanges: [{ range: { start: { line: 0, character: 11 }, end: { line: 0, character: 11 } }, text: ':latest' }],
		});
		const { diagnostics } = await second;
		assert.deepEqual(diagnostics.map(d => d.code), ['DL3007']);
	});

	it('survives binary garbage and keeps serving', async () => {
		const uri = 'file:///work/garbage/Dockerfile';
		const published = session.nextDiagnostics(uri);
		await openDocument(session, uri, '\u0000\uffff FROM \\\n"unbalanced\n'.repeat(50));
		await published;
		assert.equal(session.process.exitCode, null);
	});
});

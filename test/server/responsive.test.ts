// The language server under a huge document: other documents keep being served while it is
// analysed (in slices, within a budget), and the user is told what was left out.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { generateDockerfile } from '../../bench/generateDockerfile';
import { openDocument, startServer, type LspSession } from '../helpers/lspClient';

describe('language server with a 5 MB document', () => {
	let session: LspSession;
	before(async () => { session = await startServer({ online: false }); });
	after(() => session.close());

	it('answers a hover on another document before the huge one is published, and says the huge one was cut', async () => {
		const small = 'file:///w/small/Dockerfile';
		const smallPublished = session.nextDiagnostics(small);
		await openDocument(session, small, 'FROM ubuntu:latest\n');
		await smallPublished;
		const huge = 'file:///w/huge/Dockerfile';
		const text = generateDockerfile(192_000);
		assert.ok(text.length > 5_000_000);
		const order: string[] = [];
		const hugePublished = session.nextDiagnostics(huge, undefined, 120_000).then(p => { order.push('huge published'); return p; });
		await openDocument(session, huge, text);
		const hover = await session.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: small }, position: { line: 0, character: 7 } });
		order.push('hover answered');
		assert.match(JSON.stringify(hover?.contents), /DL3007/);
		const published: PublishDiagnosticsParams = await hugePublished;
		assert.deepEqual(order, ['hover answered', 'huge published'], 'the hover did not wait for the huge analysis');
		const partial = published.diagnostics.filter(d => d.code === 'partial');
		assert.equal(partial.length, 1);
		assert.match(partial[0].message, /analysed only the first [\d,]+ of 192,\d{3} lines/);
	});
});

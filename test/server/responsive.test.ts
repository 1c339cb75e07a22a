// The language server under a huge document: other documents keep being served while it is
// analysed (in slices, within a budget), and the user is told what was left out.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { generateDockerfile } from '../../bench/generateDockerfile';
import { openDocument, startServer, type LspSession } from '../../scripts/lspClient';

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
		// The server fetches the huge document's settings and then analyses it: the hover is sent
		// right behind the answer, so it arrives while that analysis runs.
		let hoverAnswered: Promise<Hover | null> | undefined;
		session.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => {
			setImmediate(() => {
				hoverAnswered ??= session.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: small }, position: { line: 0, character: 7 } })
					.then(h => { order.push('hover answered'); return h; });
			});
			return params.items.map(() => ({ online: false }));
		});
		await openDocument(session, huge, text);
		while (!hoverAnswered) await new Promise(resolve => setTimeout(resolve, 10));
		const hover = await hoverAnswered;
		assert.match(JSON.stringify(hover?.contents), /DL3007/);
		const published: PublishDiagnosticsParams = await hugePublished;
		assert.deepEqual(order, ['hover answered', 'huge published'], 'the hover did not wait for the huge analysis');
		const partial = published.diagnostics.filter(d => d.code === 'partial');
		assert.equal(partial.length, 1);
		assert.match(partial[0].message, /analysed only the first [\d,]+ of 192,\d{3} lines/);
	});
});

// A lone CR is not a line break for BuildKit (Go's bufio.ScanLines splits at \n and drops one \r
// before it); LSP clients such as VS Code do break lines there. Analysis follows BuildKit, positions
// follow the editor, and the language server agrees with both.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../../server/src/core/analyze';
import { bumpAllEdits } from '../../server/src/core/lifecycle/bumpAll';
import { fromLines } from '../../client/src/dockerfile/fromLines';
import { NOW } from '../helpers/analyze';
import { openDocument, startServer, type LspSession } from '../../scripts/lspClient';

// A file saved by an old Mac editor in one place: line 2 ends in a lone \r.
const TEXT = 'FROM debian:12\nRUN echo a\rRUN apt-get install curl\nFROM python:3.12.1-slim\nRUN pip install flask\n';
const codes = (text: string) => analyze(text, { now: NOW, offline: true }).findings;

describe('lone CR', () => {
	it('does not start an instruction: `RUN echo a\\rRUN apt-get install curl` is one echo, as BuildKit runs it', () => {
		const found = codes(TEXT).map(f => f.code);
		for (const code of ['DL3008', 'DL3015', 'DL3014', 'DL3009']) assert.ok(!found.includes(code), `${code} in ${found}`);
		assert.ok(found.includes('DL3013'), 'the pip install after it is still judged');
		// Three RUNs for dockerfile-ast alone; two for BuildKit, in two stages: no DL3059.
		assert.ok(!found.includes('DL3059'));
	});

	it('reports positions in the editor\'s lines, where the lone CR does break the line', () => {
		const doc = TextDocument.create('file:///x', 'dockerfile', 1, TEXT);
		const pip = codes(TEXT).find(f => f.code === 'DL3013')!;
		assert.equal(doc.getText(pip.range), 'pip install flask');
		assert.equal(pip.range.start.line, 4); // editor lines: FROM, RUN echo a, RUN apt-get…, FROM, RUN pip
		const python = codes(TEXT).find(f => f.code === 'PL103')!;
		assert.equal(doc.getText(python.range), 'python:3.12.1-slim');
		assert.deepEqual(fromLines(TEXT).map(l => [l.line, doc.getText(l.range)]), [[0, 'debian:12'], [3, 'python:3.12.1-slim']]);
		const [bump] = bumpAllEdits(TEXT, { now: NOW, offline: true }).filter(e => e.description.startsWith('python'));
		assert.equal(doc.getText(bump.range), ':3.12.1-slim');
	});

	it('a \\r\\n is one break, and a \\r ending the file is dropped as BuildKit drops it', () => {
		assert.deepEqual(codes('FROM debian:12\r\nRUN apt-get install -y curl\r').filter(f => f.code === 'DL3008').map(f => f.range.start.line), [1]);
	});
});

describe('lone CR in the language server', () => {
	let session: LspSession;
	before(async () => { session = await startServer(); });
	after(() => session.close());

	it('publishes the diagnostics VS Code places on the right lines, and hovers there', async () => {
		const uri = 'file:///lone-cr/Dockerfile';
		const published = session.nextDiagnostics(uri, p => p.diagnostics.length > 0);
		await openDocument(session, uri, TEXT);
		const doc = TextDocument.create(uri, 'dockerfile', 1, TEXT);
		const diagnostics = (await published).diagnostics;
		assert.ok(!diagnostics.some(d => d.code === 'DL3008'), JSON.stringify(diagnostics.map(d => d.code)));
		const pip = diagnostics.find(d => d.code === 'DL3013')!;
		assert.equal(doc.getText(pip.range), 'pip install flask');
		const hover = await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 8 } }) as { contents: { value: string }; range: never };
		assert.match(hover.contents.value, /python/i);
		assert.equal(doc.getText(hover.range), 'python:3.12.1-slim');
	});
});

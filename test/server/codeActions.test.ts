import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../../server/src/core/finding';
import { applyTextEdits } from '../../server/src/core/fix/textEdits';
import { parseDockerfile } from '../../server/src/core/parse';
import { codeActions, FIX_ALL_KIND, IGNORE_IN_WORKSPACE_COMMAND } from '../../server/src/lsp/codeActions';
import type { AnalyzedDocument } from '../../server/src/lsp/diagnostics';
import { toDiagnostic } from '../../server/src/lsp/toLsp';
import { withIgnoredRule } from '../../client/src/commands/ignoredRules';
import { NOW } from '../helpers/analyze';
import { openDocument, startServer, type LspSession } from '../../scripts/lspClient';

const uri = 'file:///work/Dockerfile';
const range = (line: number, start: number, end: number) => ({ start: { line, character: start }, end: { line, character: end } });

function analyzed(document: TextDocument, findings: Finding[]): AnalyzedDocument {
	return { version: document.version, findings, parsed: parseDockerfile(document.getText()), options: { now: NOW, offline: true } };
}

const request = (document: TextDocument, diagnostics: Diagnostic[], only?: string[]) =>
	({ textDocument: { uri: document.uri }, range: diagnostics[0]?.range ?? range(0, 0, 0), context: { diagnostics, ...(only ? { only } : {}) } });

const editedText = (document: TextDocument, action: CodeAction) => applyTextEdits(document.getText(), action.edit!.changes![document.uri]);

describe('code actions (in process)', () => {
	// Private images: no lifecycle rule has an opinion on them, so fix-all's re-analysis adds nothing.
	const text = 'FROM acme.invalid/node:latest AS build\nRUN npm ci \\\n  && npm test\nFROM acme.invalid/nginx:latest\n';
	const document = TextDocument.create(uri, 'dockerfile', 3, text);
	const pin: Finding = {
		code: 'DL3007', severity: 'warning', message: 'latest', range: range(0, 5, 29),
		fixes: [
			{ title: 'Pin node:22.11.0', isPreferred: true, edits: [{ range: range(0, 23, 29), newText: '22.11.0' }] },
			{ title: 'Pin node:lts', edits: [{ range: range(0, 23, 29), newText: 'lts' }] },
		],
	};
	const pin2: Finding = { ...pin, range: range(3, 5, 30), fixes: [{ title: 'Pin nginx:1.27.3', isPreferred: true, edits: [{ range: range(3, 24, 30), newText: '1.27.3' }] }] };
	const own: Finding = { code: 'PL201', severity: 'info', message: 'cache', range: range(2, 5, 13) };

	it('offers the rule\'s fixes for a diagnostic, the preferred one marked', () => {
		const actions = codeActions(request(document, [toDiagnostic(pin)]), document, analyzed(document, [pin, pin2, own]));
		assert.deepEqual(actions.map(a => a.title), ['Pin node:22.11.0', 'Pin node:lts', 'Ignore DL3007 for this line', 'Ignore DL3007 in this workspace']);
		assert.equal(actions[0].isPreferred, true);
		assert.equal(actions[1].isPreferred, undefined);
		assert.equal(editedText(document, actions[0]), text.replace('node:latest', 'node:22.11.0'));
		assert.deepEqual(actions[0].diagnostics, [toDiagnostic(pin)]);
	});

	it('ignores a rule for the instruction a continuation line belongs to', () => {
		const actions = codeActions(request(document, [toDiagnostic(own)]), document, analyzed(document, [pin, pin2, own]));
		const line = actions.find(a => a.title === 'Ignore PL201 for this line')!;
		assert.equal(editedText(document, line), 'FROM acme.invalid/node:latest AS build\n# patchlens ignore=PL201\nRUN npm ci \\\n  && npm test\nFROM acme.invalid/nginx:latest\n');
		const workspace = actions.find(a => a.title === 'Ignore PL201 in this workspace')!;
		assert.deepEqual(workspace.command, { title: workspace.title, command: IGNORE_IN_WORKSPACE_COMMAND, arguments: ['PL201', uri] });
	});

	it('offers no ignore for findings about Patchlens itself (internal, partial)', () => {
		for (const code of ['internal', 'partial']) {
			const about: Finding = { code, severity: 'error', message: 'about Patchlens', range: range(0, 0, 0) };
			const actions = codeActions(request(document, [toDiagnostic(about)]), document, analyzed(document, [about]));
			assert.deepEqual(actions, [], code);
		}
	});

	it('offers nothing for stale results, foreign diagnostics or ranges that do not match', () => {
		const stale = { ...analyzed(document, [pin]), version: 2 };
		assert.deepEqual(codeActions(request(document, [toDiagnostic(pin)]), document, stale), []);
		assert.deepEqual(codeActions(request(document, [{ ...toDiagnostic(pin), source: 'hadolint' }]), document, analyzed(document, [pin])), []);
		assert.deepEqual(codeActions(request(document, [{ ...toDiagnostic(pin), range: range(0, 0, 1) }]), document, analyzed(document, [pin])), []);
	});

	it('fix-all applies every preferred fix as one minimal edit, only when asked for', () => {
		const state = analyzed(document, [pin, pin2, own]);
		assert.equal(codeActions(request(document, []), document, state).length, 0, 'not offered for a lightbulb');
		for (const only of [['source.fixAll'], [FIX_ALL_KIND], ['source']]) {
			const [fixAll] = codeActions(request(document, [], only), document, state);
			assert.equal(fixAll.kind, FIX_ALL_KIND);
			assert.equal(editedText(document, fixAll), 'FROM acme.invalid/node:22.11.0 AS build\nRUN npm ci \\\n  && npm test\nFROM acme.invalid/nginx:1.27.3\n');
			assert.equal(fixAll.edit!.changes![uri].length, 1);
		}
		assert.deepEqual(codeActions(request(document, [], ['quickfix']), document, state), []);
		assert.deepEqual(codeActions(request(document, [], ['source.fixAll']), document, analyzed(document, [own])), [], 'nothing to fix');
	});

	it('the workspace ignore command adds a code once, sorted', () => {
		assert.deepEqual(withIgnoredRule(['DL3008'], 'dl3006'), ['DL3006', 'DL3008']);
		assert.equal(withIgnoredRule(['DL3006'], 'DL3006'), undefined);
		assert.deepEqual(withIgnoredRule(undefined, 'PL101'), ['PL101']);
		assert.deepEqual(withIgnoredRule(['DL3008', 7], 'PL101'), ['DL3008', 'PL101']);
	});
});

/** Only the two rules these tests configure; other rules may have opinions on ubuntu and node too. */
const ours = (diagnostics: Diagnostic[]) => diagnostics.filter(d => d.code === 'DL3006' || d.code === 'DL3007');

describe('code actions and .hadolint.yaml over stdio', () => {
	let session: LspSession;
	let dir: string;
	before(async () => {
		dir = mkdtempSync(path.join(tmpdir(), 'patchlens-lsp-config-'));
		writeFileSync(path.join(dir, '.hadolint.yaml'), 'ignored:\n  - DL3007\noverride:\n  error: [DL3006]\n');
		session = await startServer();
	});
	after(async () => { await session.close(); });

	it('applies the config next to the Dockerfile and answers code actions from the published findings', async () => {
		const file = pathToFileURL(path.join(dir, 'Dockerfile')).href;
		const published = session.nextDiagnostics(file);
		await openDocument(session, file, 'FROM ubuntu\nFROM node:latest\n');
		const diagnostics = ours((await published).diagnostics);
		assert.deepEqual(diagnostics.map(d => [d.code, d.severity]), [['DL3006', 1]], 'DL3007 ignored, DL3006 raised to error');
		const actions: CodeAction[] = await session.connection.sendRequest('textDocument/codeAction', {
			textDocument: { uri: file }, range: diagnostics[0].range, context: { diagnostics },
		});
		assert.deepEqual(actions.map(a => a.title).filter(t => t.startsWith('Ignore')), ['Ignore DL3006 for this line', 'Ignore DL3006 in this workspace']);
		assert.deepEqual(actions.find(a => a.title === 'Ignore DL3006 for this line')!.edit!.changes![file], [{ range: range(0, 0, 0), newText: '# hadolint ignore=DL3006\n' }]);
	});

	it('reports a broken config on the config file, lints with defaults, and recovers when it is fixed', async () => {
		const file = pathToFileURL(path.join(dir, 'Dockerfile')).href;
		const configUri = pathToFileURL(path.join(dir, '.hadolint.yaml')).href;
		writeFileSync(path.join(dir, '.hadolint.yaml'), 'ignored:\n  - DL3007\nfailure-threshold: fatal\noverride: [\n');
		const configProblems = session.nextDiagnostics(configUri);
		const relinted = session.nextDiagnostics(file);
		await session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
		const problems = await configProblems;
		assert.ok(problems.diagnostics.length >= 1);
		assert.match(problems.diagnostics[0].message, /Invalid YAML/);
		assert.ok(problems.diagnostics[0].range.start.line >= 3, JSON.stringify(problems.diagnostics[0]));
		assert.deepEqual(ours((await relinted).diagnostics).map(d => [d.code, d.severity]), [['DL3006', 2], ['DL3007', 2]], 'defaults');

		writeFileSync(path.join(dir, '.hadolint.yaml'), 'ignored: [DL3006, DL3007]\n');
		const cleared = session.nextDiagnostics(configUri);
		const quiet = session.nextDiagnostics(file);
		await session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
		assert.deepEqual((await cleared).diagnostics, []);
		assert.deepEqual(ours((await quiet).diagnostics), []);
		assert.equal(session.process.exitCode, null);
	});
});

describe('.patchlens.yaml lifecycleImages over stdio (issue 18)', () => {
	let session: LspSession;
	let dir: string;
	before(async () => {
		dir = mkdtempSync(path.join(tmpdir(), 'patchlens-lsp-map-'));
		session = await startServer();
	});
	after(async () => { await session.close(); });

	it('judges an internal image once .patchlens.yaml maps it, and reports a broken entry on that file', async () => {
		const file = pathToFileURL(path.join(dir, 'Dockerfile')).href;
		const settingsUri = pathToFileURL(path.join(dir, '.patchlens.yaml')).href;
		const lifecycle = (d: Diagnostic[]) => d.filter(x => String(x.code).startsWith('PL10')).map(x => x.code);
		const first = session.nextDiagnostics(file);
		await openDocument(session, file, 'FROM registry.example.com/platform/python-base:3.8-2024.01\n');
		assert.deepEqual(lifecycle((await first).diagnostics), [], 'unknown image: no lifecycle claim');

		writeFileSync(path.join(dir, '.patchlens.yaml'), 'lifecycleImages:\n  - image: registry.example.com/platform/python-*\n    product: python\n    version: \'^(\\d+\\.\\d+)-\'\n  - image: x/y\n    product: pyhton\n');
		const problems = session.nextDiagnostics(settingsUri);
		const relinted = session.nextDiagnostics(file);
		await session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: settingsUri, type: 1 }] });
		assert.deepEqual(lifecycle((await relinted).diagnostics), ['PL101']);
		const [problem] = (await problems).diagnostics;
		assert.equal(problem.range.start.line, 5);
		assert.match(problem.message, /did you mean "python"/);
		assert.equal(session.process.exitCode, null);
	});
});

// The diagnostics scheduler under mocked timers: when it validates relative to opens and edits.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { DiagnosticSeverity, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EDITOR_BUDGET } from '../../server/src/core/budget';
import { ruleByCode } from '../../server/src/core/rules/index';
import type { Rule } from '../../server/src/core/rules/rule';
import { CHEAP_MS, debounceAfter, DEBOUNCE_MS, DiagnosticsScheduler, type OnlineLookups } from '../../server/src/lsp/diagnostics';
import { DEFAULT_SETTINGS as defaults, SettingsCache } from '../../server/src/lsp/settings';

function harness(online?: OnlineLookups, expectErrors = !!online) {
	const published: { uri: string; version?: number; count: number; codes: string[]; lines: number[]; severities: number[] }[] = [];
	const errors: string[] = [];
	const docs = new Map<string, TextDocument>();
	const connection = {
		sendDiagnostics: async (p: { uri: string; version?: number; diagnostics: unknown[] }) => { published.push({ uri: p.uri, version: p.version, count: p.diagnostics.length, codes: (p.diagnostics as { code: string }[]).map(d => d.code), lines: (p.diagnostics as { range: { start: { line: number } } }[]).map(d => d.range.start.line), severities: (p.diagnostics as { severity: number }[]).map(d => d.severity) }); },
		console: { error: (message: string) => { if (!expectErrors) assert.fail(message); errors.push(message); } },
	} as unknown as Connection;
	const documents = { get: (uri: string) => docs.get(uri), all: () => [...docs.values()] } as unknown as TextDocuments<TextDocument>;
	const settings = new SettingsCache(connection, () => false);
	// Online mode needs the setting; the harness's client answers no configuration, so defaults apply.
	if (online) (settings as unknown as { get: () => Promise<unknown> }).get = async () => ({ ...defaults, online: true });
	const scheduler = new DiagnosticsScheduler(connection, documents, settings, undefined, online);
	const open = (uri: string, text: string, version = 1) => {
		const document = TextDocument.create(uri, 'dockerfile', version, text);
		docs.set(uri, document);
		return document;
	};
	return { published, scheduler, open, errors };
}

/** Lets the validation's awaited promises (settings, config) and its yields between analysis steps settle. */
async function settle(): Promise<void> {
	for (let i = 0; i < 200; i++) await new Promise<void>(resolve => setImmediate(resolve));
}

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

describe('diagnostics scheduler: bounded and fail-closed', () => {
	beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
	afterEach(() => mock.timers.reset());

	it('debounces by what the last analysis cost: none when cheap, at most DEBOUNCE_MS otherwise', () => {
		assert.equal(debounceAfter(undefined), DEBOUNCE_MS);
		assert.equal(debounceAfter(CHEAP_MS), 0);
		assert.equal(debounceAfter(CHEAP_MS + 10), CHEAP_MS + 10);
		assert.equal(debounceAfter(10_000), DEBOUNCE_MS);
	});

	it('analyses a huge document up to the budget and says so on the first line left out', async () => {
		const { published, scheduler, open } = harness();
		const text = `FROM ubuntu:latest\n${'RUN apt-get install curl\n'.repeat(EDITOR_BUDGET.maxLines + 1000)}`;
		scheduler.schedule(open('file:///w/Dockerfile', text), 0);
		mock.timers.tick(0);
		await settle();
		assert.equal(published.length, 1);
		const partial = published[0].codes.indexOf('partial');
		assert.ok(partial >= 0, 'a partial finding');
		assert.equal(published[0].lines[partial], EDITOR_BUDGET.maxLines);
		assert.ok(published[0].lines.every(line => line <= EDITOR_BUDGET.maxLines), 'nothing from beyond the budget');
		assert.ok(published[0].codes.includes('DL3008'), 'the analysed part is analysed');
	});

	it('a rule that throws is an error diagnostic, not a silent pass', async () => {
		const rule = ruleByCode('DL3007')! as { check: Rule['check'] };
		const original = rule.check;
		rule.check = () => { throw new Error('boom'); };
		try {
			const { published, scheduler, open, errors } = harness(undefined, true);
			scheduler.schedule(open('file:///w/Dockerfile', 'FROM ubuntu:latest\n'), 0);
			mock.timers.tick(0);
			await settle();
			assert.equal(published[0].codes[0], 'internal');
			assert.equal(published[0].severities[0], DiagnosticSeverity.Error);
			assert.ok(!published[0].codes.includes('DL3007'));
			assert.match(errors.join('\n'), /rule DL3007 failed/, 'and the log has the stack');
		} finally {
			rule.check = original;
		}
	});

	it('registry lookups that throw show up as an internal error, not as a silent offline result', async () => {
		const online: OnlineLookups = {
			allowed: () => true,
			snapshot: () => ({ tags: () => undefined, digest: () => undefined, fetchedAt: new Date(0) }),
			refresh: () => Promise.reject(new Error('lookup bug')),
		};
		const { published, scheduler, open } = harness(online);
		scheduler.schedule(open('file:///w/Dockerfile', 'FROM ubuntu:22.04\n'), 0);
		mock.timers.tick(0);
		await settle();
		mock.timers.tick(0);
		await settle();
		assert.deepEqual(published.map(p => p.codes.includes('internal')), [false, true]);
	});
});

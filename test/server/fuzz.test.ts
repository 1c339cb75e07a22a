// Robustness: thousands of mangled Dockerfiles through analyze() (must never throw, findings must be
// well-formed, fix-all must keep its promises), and a few hundred through the real server process
// (must keep answering, never log a failed analysis). Seeded: a failure prints the seed, and
// PATCHLENS_FUZZ_SEED=<seed> reproduces it. PATCHLENS_FUZZ_SCALE=10 runs ten times as many cases.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { formatters } from '../../cli/src/format/index';
import { analyze } from '../../server/src/core/analyze';
import type { Finding } from '../../server/src/core/finding';
import type { AnalysisOptions } from '../../server/src/core/options';
import { applyFixes } from '../../server/src/core/fix/applyFixes';
import { rules } from '../../server/src/core/rules/index';
import { NOW } from '../helpers/analyze';
import { checkFixAll } from '../helpers/fixProperties';
import { openDocument, startServer, type LspSession } from '../../scripts/lspClient';
import { CORPUS, mutate, NOISE, prng } from '../helpers/mutate';

const SEED = Number(process.env.PATCHLENS_FUZZ_SEED ?? Date.now() % 2 ** 31);
const SCALE = Number(process.env.PATCHLENS_FUZZ_SCALE ?? 1);
const CORE_CASES = 3000 * SCALE;
const SERVER_CASES = 300 * SCALE;

function checkFindings(text: string, findings: readonly Finding[]): void {
	const lineCount = text.split(/\r\n|\r|\n/).length;
	for (const f of findings) {
		assert.match(f.code, /^[A-Z]{2}\d+$/);
		assert.ok(['error', 'warning', 'info', 'style'].includes(f.severity));
		assert.equal(typeof f.message, 'string');
		for (const p of [f.range.start, f.range.end]) {
			assert.ok(Number.isInteger(p.line) && p.line >= 0 && p.line <= lineCount, `line ${p.line} of ${lineCount}`);
			assert.ok(Number.isInteger(p.character) && p.character >= 0);
		}
	}
}

describe(`fuzz (seed ${SEED}; rerun with PATCHLENS_FUZZ_SEED=${SEED})`, () => {
	it(`analyze() survives ${CORE_CASES} mutated Dockerfiles`, t => {
		t.diagnostic(`seed ${SEED}`);
		const rng = prng(SEED);
		for (let n = 0; n < CORE_CASES; n++) {
			const text = mutate(rng, rng.pick(CORPUS));
			const options: Partial<AnalysisOptions> = {
				now: NOW,
				offline: true,
				ignored: rng.chance(0.1) ? [rng.pick(rules).code] : [],
				severityOverrides: rng.chance(0.1) ? { [rng.pick(rules).code]: rng.pick(['error', 'off', 'style'] as const) } : {},
				disableIgnorePragma: rng.chance(0.1),
				buildArgs: rng.chance(0.1) ? { BASE: rng.pick(['ubuntu', '', '${BASE}', 'a b']) } : {} as Record<string, string>,
			};
			let findings: Finding[];
			try {
				const result = analyze(text, options);
				const [broken] = result.ruleErrors;
				if (broken) throw new Error(`rule ${broken.code} threw: ${(broken.error as Error)?.stack ?? broken.error}`);
				findings = result.findings;
				checkFindings(text, findings);
				if (n % 10 === 0) {
					// Fix-all must terminate, converge (a second run changes nothing), keep every command
					// and still parse into the same stages. `npm run fuzz:fix` runs 10,000 of these.
					const analyzeText = (t2: string) => analyze(t2, options);
					const verdict = checkFixAll(text, analyzeText);
					assert.deepEqual(verdict.problems, []);
					const fixed = applyFixes(text, analyzeText);
					if (fixed.changed) checkFindings(fixed.text, analyze(fixed.text, options).findings);
				}
				if (n % 50 === 0) {
					const report = [{ file: `case-${n}/Dockerfile`, text, findings }];
					for (const [name, format] of Object.entries(formatters)) {
						const out = format(report, { rules, color: true, toolVersion: 'fuzz' });
						if (name !== 'text' && name !== 'checkstyle') JSON.parse(out);
					}
				}
			} catch (error) {
				throw new Error(`case ${n} (seed ${SEED}) failed on ${JSON.stringify(text.slice(0, 2000))}: ${(error as Error).stack}`);
			}
		}
	});

	describe('the language server process', () => {
		let session: LspSession;
		const logged: string[] = [];
		before(async () => {
			session = await startServer();
			session.connection.onNotification('window/logMessage', (p: { type: number; message: string }) => {
				if (p.type === 1) logged.push(p.message);
			});
		});
		after(async () => { await session.close(); });

		it(`keeps answering through ${SERVER_CASES} mutated documents, edits and code action requests`, async t => {
			t.diagnostic(`seed ${SEED}`);
			const rng = prng(SEED ^ 0x5eed);
			for (let n = 0; n < SERVER_CASES; n++) {
				const uri = `file:///fuzz/${n % 20}/Dockerfile`;
				let text = mutate(rng, rng.pick(CORPUS));
				const version = n + 1;
				const opened = session.nextDiagnostics(uri, p => p.version === version);
				if (n >= 20) await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
				await openDocument(session, uri, text, version);
				let last: PublishDiagnosticsParams = await opened;
				if (rng.chance(0.3)) {
					// Incremental edits, some with ranges past the end of the document.
					const edited = version + 100_000;
					const published = session.nextDiagnostics(uri, p => p.version === edited);
					const line = rng.int(text.split('\n').length + 3);
					const insert = mutate(rng, rng.pick(NOISE));
					await session.connection.sendNotification('textDocument/didChange', {
						textDocument: { uri, version: edited },
						contentChanges: [{ range: { start: { line, character: rng.int(50) }, end: { line: line + rng.int(3), character: rng.int(80) } }, text: insert }],
					});
					last = await published;
					text = '';
				}
				if (rng.chance(0.3)) {
					const diagnostics = last.diagnostics.slice(0, 5);
					const actions: CodeAction[] = await session.connection.sendRequest('textDocument/codeAction', {
						textDocument: { uri },
						range: diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
						context: { diagnostics, ...(rng.chance(0.5) ? { only: ['source.fixAll'] } : {}) },
					});
					assert.ok(Array.isArray(actions));
				}
				void text;
			}
			// Still the same process, still correct on a normal document, and no analysis ever failed.
			const uri = 'file:///fuzz/final/Dockerfile';
			const final = session.nextDiagnostics(uri);
			await openDocument(session, uri, 'FROM ubuntu\n');
			assert.ok((await final).diagnostics.some(d => d.code === 'DL3006'));
			assert.equal(session.process.exitCode, null);
			assert.deepEqual(logged, [], `server errors (seed ${SEED})`);
		});
	});
});

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import type { Finding, Range } from '../../server/src/core/finding';
import { applyFixes, preferredFix } from '../../server/src/core/fix/applyFixes';
import { eolOf, ignoreForLineFix, instructionStartLine } from '../../server/src/core/fix/ignoreFix';
import { applyTextEdits, minimalEdit } from '../../server/src/core/fix/textEdits';
import { parseDockerfile } from '../../server/src/core/parse';
import { defineRule, type Rule } from '../../server/src/core/rules/rule';
import { NOW } from '../helpers/analyze';

const at = (line: number, character: number, endCharacter = character, endLine = line): Range =>
	({ start: { line, character }, end: { line: endLine, character: endCharacter } });

/** Test rule: `FROM x:latest` -> `FROM x:1`, preferred. */
const pinLatest = defineRule({
	code: 'PL901', name: 'pin-latest', severity: 'warning', title: 'pin', rationale: 'test',
	*check(ctx) {
		for (let line = 0; line < ctx.lines.length; line++) {
			const i = ctx.lines[line].indexOf(':latest');
			if (i < 0 || !/^\s*FROM/i.test(ctx.lines[line])) continue;
			yield { range: at(line, i, i + 7), message: 'latest', fixes: [{ title: 'Use :1', isPreferred: true, edits: [{ range: at(line, i, i + 7), newText: ':1' }] }] };
		}
	},
});

/** Test rule whose fix creates work for a second rule: `apt-get install` -> add `-y`. */
const addYes: Rule = {
	code: 'PL902', name: 'add-yes', severity: 'info', title: 'y', rationale: 'test',
	*check(ctx) {
		for (let line = 0; line < ctx.lines.length; line++) {
			const i = ctx.lines[line].indexOf('apt-get install ');
			if (i < 0 || ctx.lines[line].includes(' -y')) continue;
			const end = i + 'apt-get install'.length;
			yield { range: at(line, i, end), message: 'no -y', fixes: [{ title: 'Add -y', isPreferred: true, edits: [{ range: at(line, end), newText: ' -y' }] }] };
		}
	},
};
/** Fires only once `-y` is there: proves fix-all re-analyses between passes. */
const addNoRecommends: Rule = {
	code: 'PL903', name: 'no-recommends', severity: 'info', title: 'r', rationale: 'test',
	*check(ctx) {
		for (let line = 0; line < ctx.lines.length; line++) {
			const i = ctx.lines[line].indexOf('apt-get install -y');
			if (i < 0 || ctx.lines[line].includes('--no-install-recommends')) continue;
			const end = i + 'apt-get install -y'.length;
			yield { range: at(line, i, end), message: 'recommends', fixes: [{ title: 'No recommends', isPreferred: true, edits: [{ range: at(line, end), newText: ' --no-install-recommends' }] }] };
		}
	},
};
/** A bad fix: deletes the instruction it complains about. */
const dropUser: Rule = {
	code: 'PL904', name: 'drop-user', severity: 'info', title: 'u', rationale: 'test',
	*check(ctx) {
		for (let line = 0; line < ctx.lines.length; line++) {
			if (!/^USER root$/.test(ctx.lines[line])) continue;
			yield { range: at(line, 0, 9), message: 'root', fixes: [{ title: 'Delete', isPreferred: true, edits: [{ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '' }] }] };
		}
	},
};
/** Two rules whose fixes overlap on the same FROM: only one may be applied per pass. */
const overlapping: Rule = {
	code: 'PL905', name: 'overlap', severity: 'info', title: 'o', rationale: 'test',
	*check(ctx) {
		for (let line = 0; line < ctx.lines.length; line++) {
			const i = ctx.lines[line].indexOf(':latest');
			if (i < 0) continue;
			yield { range: at(line, i, i + 7), message: 'overlap', fixes: [{ title: 'Use :2', isPreferred: true, edits: [{ range: at(line, i, i + 7), newText: ':2' }] }] };
		}
	},
};

const run = (rules: Rule[]) => (text: string) => analyze(text, { now: NOW, offline: true }, rules).findings;

describe('applyFixes (fix-all)', () => {
	it('applies all non-overlapping preferred fixes in one pass', () => {
		const result = applyFixes('FROM a:latest\nFROM b:latest AS x\nRUN true\n', run([pinLatest]));
		assert.equal(result.text, 'FROM a:1\nFROM b:1 AS x\nRUN true\n');
		assert.deepEqual(result.applied.map(a => [a.code, a.line, a.pass]), [['PL901', 0, 1], ['PL901', 1, 1]]);
		assert.equal(result.changed, true);
	});

	it('iterates to a fixed point when one fix reveals the next', () => {
		const result = applyFixes('FROM debian:12\nRUN apt-get install curl\n', run([addYes, addNoRecommends]));
		assert.equal(result.text, 'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl\n');
		assert.deepEqual(result.applied.map(a => [a.code, a.pass]), [['PL902', 1], ['PL903', 2]]);
		assert.equal(result.passes, 2);
		assert.deepEqual(applyFixes(result.text, run([addYes, addNoRecommends])).changed, false, 'idempotent');
	});

	it('never applies two overlapping fixes together, and stops after the pass limit', () => {
		const result = applyFixes('FROM a:latest\n', run([pinLatest, overlapping]));
		// PL901 and PL905 fix the same text: the first wins, the second no longer fires.
		assert.equal(result.text, 'FROM a:1\n');
		assert.equal(result.applied.length, 1);
		const limited = applyFixes('FROM debian:12\nRUN apt-get install curl\n', run([addYes, addNoRecommends]), { maxPasses: 1 });
		assert.equal(limited.text, 'FROM debian:12\nRUN apt-get install -y curl\n');
	});

	it('drops a fix that would delete an instruction and keeps the good ones', () => {
		const result = applyFixes('FROM a:latest\nUSER root\nRUN true\n', run([pinLatest, dropUser]));
		assert.equal(result.text, 'FROM a:1\nUSER root\nRUN true\n');
		assert.deepEqual(result.rejected.map(r => r.code), ['PL904']);
		assert.deepEqual(result.applied.map(r => r.code), ['PL901']);
	});

	it('keeps CRLF line endings and leaves text without fixes untouched', () => {
		assert.equal(applyFixes('FROM a:latest\r\nRUN true\r\n', run([pinLatest])).text, 'FROM a:1\r\nRUN true\r\n');
		const none = applyFixes('FROM a:1\n', run([pinLatest]));
		assert.deepEqual([none.changed, none.passes, none.applied], [false, 0, []]);
	});

	it('picks the preferred fix; a lone fix its rule did not mark is not preferred', () => {
		const f = (fixes: Finding['fixes']): Finding => ({ code: 'X', severity: 'info', message: '', range: at(0, 0), fixes });
		const a = { title: 'a', edits: [] };
		const b = { title: 'b', edits: [], isPreferred: true };
		assert.equal(preferredFix(f([a, b])), b);
		assert.equal(preferredFix(f([a])), undefined);
		assert.equal(preferredFix(f([a, { ...a, title: 'c' }])), undefined);
		assert.equal(preferredFix(f(undefined)), undefined);
	});

	// The real rules over every example: whatever fixes exist must converge, keep each example's
	// instructions and stages, and be idempotent. DL3006 (no tag) has no safe automatic fix, so an
	// example that trips it keeps it; nothing else that has a preferred fix may remain.
	it('fixes the examples to a fixed point without losing instructions', () => {
		const root = path.join(__dirname, '../../examples');
		const analyzeText = (text: string) => analyze(text, { now: NOW, offline: true }).findings;
		for (const dir of readdirSync(root)) {
			const text = readFileSync(path.join(root, dir, 'Dockerfile'), 'utf8');
			const result = applyFixes(text, analyzeText);
			// ADD -> COPY (DL3020) is the one keyword a fix may change.
			const keywords = (t: string) => parseDockerfile(t).dockerfile.getInstructions().map(i => i.getKeyword()).filter(k => k !== 'RUN').map(k => k === 'ADD' ? 'COPY' : k);
			assert.deepEqual(keywords(result.text), keywords(text), dir);
			assert.equal(applyFixes(result.text, analyzeText).changed, false, `${dir}: fix-all is idempotent`);
			const left = analyzeText(result.text).filter(f => preferredFix(f) && !result.rejected.some(r => r.code === f.code));
			assert.deepEqual(left.map(f => f.code), [], `${dir}: no fixable finding left`);
			assert.ok(result.passes <= 5);
		}
	});
});

describe('ignore for this line', () => {
	const apply = (text: string, code: string, line: number) => {
		const parsed = parseDockerfile(text);
		const fix = ignoreForLineFix(parsed.lines, instructionStartLine(parsed, line), code, eolOf(text));
		return applyTextEdits(text, fix.edits);
	};

	it('inserts a hadolint pragma above the instruction, with its indentation', () => {
		assert.equal(apply('FROM ubuntu\n', 'DL3006', 0), '# hadolint ignore=DL3006\nFROM ubuntu\n');
		assert.equal(apply('FROM debian:12\n  RUN a \\\n   && b\n', 'DL3008', 2), 'FROM debian:12\n  # hadolint ignore=DL3008\n  RUN a \\\n   && b\n');
	});

	it('merges into a hadolint pragma directly above, keeping its comment', () => {
		assert.equal(apply('# hadolint ignore=DL3007 # why\nFROM ubuntu\n', 'DL3006', 1), '# hadolint ignore=DL3007,DL3006 # why\nFROM ubuntu\n');
	});

	it('puts our own codes in a patchlens pragma above the hadolint one', () => {
		assert.equal(apply('# hadolint ignore=DL3007\nFROM ubuntu\n', 'PL101', 1), '# patchlens ignore=PL101\n# hadolint ignore=DL3007\nFROM ubuntu\n');
		assert.equal(apply('# patchlens ignore=PL102\n# hadolint ignore=DL3007\nFROM ubuntu\n', 'PL101', 2), '# patchlens ignore=PL102,PL101\n# hadolint ignore=DL3007\nFROM ubuntu\n');
		assert.equal(apply('FROM ubuntu\n', 'PL101', 0), '# patchlens ignore=PL101\nFROM ubuntu\n');
	});

	it('does not merge into a global pragma and keeps CRLF', () => {
		assert.equal(apply('# hadolint global ignore=DL3007\r\nFROM ubuntu\r\n', 'DL3006', 1), '# hadolint global ignore=DL3007\r\n# hadolint ignore=DL3006\r\nFROM ubuntu\r\n');
	});

	it('actually silences the finding, for hadolint and patchlens codes', () => {
		const text = 'FROM ubuntu\n';
		const fixed = apply(text, 'DL3006', 0)!;
		assert.deepEqual(analyze(fixed, { now: NOW, offline: true }).findings.filter(f => f.code === 'DL3006'), []);
		const twice = apply(apply('FROM ubuntu:latest\n', 'DL3007', 0)!, 'PL901', 1)!;
		assert.deepEqual(run([pinLatest])(twice), []);
		assert.deepEqual(analyze(twice, { now: NOW, offline: true }).findings.filter(f => f.code === 'DL3007'), []);
	});
});

describe('text edits', () => {
	it('computes the smallest single edit between two texts', () => {
		const before = 'FROM a:latest\nRUN x\n';
		const after = 'FROM a:1\nRUN x\n';
		const edit = minimalEdit(before, after)!;
		assert.deepEqual(edit, { range: at(0, 7, 13), newText: '1' });
		assert.equal(applyTextEdits(before, [edit]), after);
		assert.equal(minimalEdit('x', 'x'), undefined);
		const crlf = minimalEdit('a\r\nb', 'a\r\n\r\nb')!;
		assert.equal(applyTextEdits('a\r\nb', [crlf]), 'a\r\n\r\nb');
	});

	it('refuses overlapping edits and clamps positions past a line end', () => {
		assert.equal(applyTextEdits('abcdef', [{ range: at(0, 0, 3), newText: 'x' }, { range: at(0, 2, 4), newText: 'y' }]), undefined);
		assert.equal(applyTextEdits('ab\ncd', [{ range: at(0, 99), newText: '!' }]), 'ab!\ncd');
		assert.equal(applyTextEdits('ab', [{ range: at(5, 0), newText: '!' }]), 'ab!');
	});
});

describe('fix-all with the real rules', () => {
	const analyzeReal = (text: string) => analyze(text, { now: NOW, offline: true }).findings;

	it('turns ADD of local files into COPY (DL3020) and keeps the instruction', () => {
		const text = 'FROM alpine:3.20\nADD . /src\nADD https://example.invalid/x.tgz /tmp/\n';
		const result = applyFixes(text, analyzeReal);
		assert.match(result.text, /^COPY \. \/src$/m);
		assert.match(result.text, /^ADD https:\/\/example\.invalid\/x\.tgz \/tmp\/$/m, 'remote ADD stays');
		assert.ok(!analyzeReal(result.text).some(f => f.code === 'DL3020'));
	});

	it('never applies a lone fix its rule marked as not preferred', () => {
		const finding: Finding = { code: 'PL999', severity: 'info', message: 'm', range: at(0, 0), fixes: [{ title: 't', isPreferred: false, edits: [] }] };
		assert.equal(preferredFix(finding), undefined);
		assert.equal(preferredFix({ ...finding, fixes: [{ title: 't', edits: [] }] }), undefined);
		assert.equal(preferredFix({ ...finding, fixes: [{ title: 't', edits: [], isPreferred: true }] })?.title, 't');
	});
});

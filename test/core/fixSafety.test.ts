// Fix-all's promises whatever the rules offer: review levels, digest pins, convergence, and the
// real cases of issue 17 (unterminated backtick / `${` keeps DL3032 alive after its fix).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import type { Fix, Range } from '../../server/src/core/finding';
import { applyFixes } from '../../server/src/core/fix/applyFixes';
import { selectFixes } from '../../server/src/core/fix/selectFixes';
import type { Rule } from '../../server/src/core/rules/rule';
import { NOW } from '../helpers/analyze';

const at = (line: number, character: number, endCharacter = character): Range =>
	({ start: { line, character }, end: { line, character: endCharacter } });
const DIGEST = `sha256:${'a'.repeat(64)}`;
const OTHER = `sha256:${'b'.repeat(64)}`;

/** A test rule firing on every line that contains `needle`, offering `fixes(line, column)`. */
function ruleOn(code: string, needle: string, fixes: (line: number, column: number) => Fix[]): Rule {
	return {
		code, name: code, severity: 'info', title: code, rationale: 'test',
		*check(ctx) {
			for (let line = 0; line < ctx.lines.length; line++) {
				const i = ctx.lines[line].indexOf(needle);
				if (i >= 0) yield { range: at(line, i, i + needle.length), message: code, fixes: fixes(line, i) };
			}
		},
	};
}
const run = (rules: Rule[]) => (text: string) => analyze(text, { now: NOW, offline: true }, rules).findings;
const replace = (line: number, i: number, length: number, newText: string) => [{ range: at(line, i, i + length), newText }];

describe('fix-all: review levels', () => {
	// `:old` -> `:new`, offered at the given level.
	const bump = (level: Fix['level'], isPreferred?: boolean) => ruleOn('PL910', ':old', (line, i) => [
		{ title: 'Bump', edits: replace(line, i, 4, ':new'), level, ...(isPreferred === undefined ? {} : { isPreferred }) },
	]);

	it('never applies a lone fix its rule did not mark preferred, and lists it for review', () => {
		const result = applyFixes('FROM a:old\n', run([bump(undefined)]));
		assert.equal(result.text, 'FROM a:old\n');
		assert.deepEqual(result.needsReview.map(r => [r.code, r.title, r.line, r.level]), [['PL910', 'Bump', 0, 'patch']]);
	});

	it('applies a preferred patch fix by default, holds back minor and major ones', () => {
		assert.equal(applyFixes('FROM a:old\n', run([bump('patch', true)])).text, 'FROM a:new\n');
		for (const level of ['minor', 'major'] as const) {
			const result = applyFixes('FROM a:old\n', run([bump(level, true)]));
			assert.equal(result.text, 'FROM a:old\n', level);
			assert.deepEqual(result.needsReview.map(r => r.level), [level]);
		}
	});

	it('applies more only when the caller opts in, up to the level asked', () => {
		assert.equal(applyFixes('FROM a:old\n', run([bump('minor', false)]), { level: 'minor' }).text, 'FROM a:new\n');
		assert.equal(applyFixes('FROM a:old\n', run([bump('major', false)]), { level: 'minor' }).text, 'FROM a:old\n');
		const major = applyFixes('FROM a:old\n', run([bump('major', false)]), { level: 'major' });
		assert.deepEqual([major.text, major.needsReview], ['FROM a:new\n', []]);
	});

	it('keeps the preferred patch fix first when a bigger move is allowed too', () => {
		const rule = ruleOn('PL911', ':old', (line, i) => [
			{ title: 'Patch', edits: replace(line, i, 4, ':p'), level: 'patch', isPreferred: true },
			{ title: 'Line', edits: replace(line, i, 4, ':line'), level: 'minor' },
		]);
		assert.equal(applyFixes('FROM a:old\n', run([rule]), { level: 'major' }).text, 'FROM a:p\n');
	});
});

describe('fix-all: digest pins', () => {
	it('refuses a fix that removes a pin, whatever its level, and says so', () => {
		const drop = ruleOn('PL912', ':old@', (line, i) => [{ title: 'Bump', isPreferred: true, edits: replace(line, i, 5 + DIGEST.length, ':new') }]);
		const text = `FROM a:old@${DIGEST}\nRUN true\n`;
		for (const level of ['patch', 'major'] as const) {
			const result = applyFixes(text, run([drop]), { level });
			assert.equal(result.text, text, level);
			assert.deepEqual(result.rejected.map(r => [r.code, r.reason]), [['PL912', 'pin']]);
		}
	});

	it('marks a held-back fix that would drop a pin, so no level is suggested for it', () => {
		const drop = ruleOn('PL920', ':old@', (line, i) => [{ title: 'Line', level: 'minor', edits: replace(line, i, 5 + DIGEST.length, ':new') }]);
		const result = applyFixes(`FROM a:old@${DIGEST}\n`, run([drop]));
		assert.deepEqual(result.needsReview.map(r => [r.code, r.level, r.dropsPin]), [['PL920', 'minor', true]]);
	});

	it('applies a bump that re-pins, and one that leaves the pin outside its edit', () => {
		const repin = ruleOn('PL913', ':old@', (line, i) => [{ title: 'Bump', isPreferred: true, edits: replace(line, i, 5 + DIGEST.length, `:new@${OTHER}`) }]);
		assert.equal(applyFixes(`FROM a:old@${DIGEST}\n`, run([repin])).text, `FROM a:new@${OTHER}\n`);
		const tagOnly = ruleOn('PL914', ':old@', (line, i) => [{ title: 'Bump', isPreferred: true, edits: replace(line, i, 4, ':new') }]);
		assert.equal(applyFixes(`FROM a:old@${DIGEST}\n`, run([tagOnly])).text, `FROM a:new@${DIGEST}\n`);
	});

	it('refuses an ARG default edit that drops the pin it holds', () => {
		const drop = ruleOn('PL915', '=a:1@', (line, i) => [{ title: 'Bump', isPreferred: true, edits: replace(line, i + 1, 4 + DIGEST.length, 'a:2') }]);
		const text = `ARG IMAGE=a:1@${DIGEST}\nFROM \${IMAGE}\n`;
		assert.equal(applyFixes(text, run([drop])).text, text);
	});
});

describe('fix-all: convergence', () => {
	it('undoes and reports a fix whose finding survives it, instead of applying it on every pass', () => {
		// The fix appends ` x` but the rule keeps firing: before, fix-all appended it five times.
		const stubborn = ruleOn('PL916', 'bad', (line, i) => [{ title: 'Append x', isPreferred: true, edits: [{ range: at(line, i + 3), newText: ' x' }] }]);
		const good = ruleOn('PL917', ':latest', (line, i) => [{ title: 'Pin', isPreferred: true, edits: replace(line, i, 7, ':1') }]);
		const result = applyFixes('FROM a:latest\nRUN bad\n', run([stubborn, good]));
		assert.equal(result.text, 'FROM a:1\nRUN bad\n');
		assert.deepEqual(result.unresolved.map(u => [u.code, u.line]), [['PL916', 1]]);
		assert.deepEqual(result.applied.map(a => a.code), ['PL917']);
		assert.equal(applyFixes(result.text, run([stubborn, good])).changed, false, 'a second run changes nothing');
	});

	it('still applies a fix when another finding with the same message is fixed later', () => {
		const yes = ruleOn('PL918', 'install ', (line, i) => [{ title: 'Add -y', isPreferred: true, edits: [{ range: at(line, i + 7), newText: ' -y' }] }]);
		const text = 'FROM a\nRUN install a\nRUN install b\n';
		const result = applyFixes(text, t => run([yes])(t).filter(f => !/install -y/.test(t.split('\n')[f.range.start.line])));
		assert.equal(result.text, 'FROM a\nRUN install -y a\nRUN install -y b\n');
		assert.deepEqual(result.unresolved, []);
	});

	it('leaves an unterminated backtick or ${ alone instead of appending `yum clean all` five times', () => {
		const analyzeText = (t: string) => analyze(t, { now: NOW, offline: true }).findings;
		for (const broken of ['`', '${']) {
			const text = `FROM centos:7\nRUN yum install -y foo ${broken}\n`;
			const result = applyFixes(text, analyzeText);
			assert.equal((result.text.match(/yum clean all/g) ?? []).length, 0, result.text);
			assert.deepEqual(result.unresolved.map(u => u.code), ['DL3032']);
			assert.equal(applyFixes(result.text, analyzeText).changed, false);
		}
	});

	it('returns the analysis of the final text', () => {
		const analyzeText = (t: string) => analyze(t, { now: NOW, offline: true }).findings;
		const result = applyFixes('FROM alpine:3.20\nADD . /src\nRUN apk add curl\n', analyzeText);
		assert.deepEqual(result.findings, analyzeText(result.text));
	});
});

describe('selectFixes', () => {
	it('takes non-overlapping fixes in any order of arrival and skips overlapping ones', () => {
		const text = 'abcdefghij\n';
		const finding = (line: number, start: number, end: number, title: string) => ({
			code: 'PL919', severity: 'info' as const, message: title, range: at(line, start, end),
			fixes: [{ title, isPreferred: true, edits: [{ range: at(0, start, end), newText: title }] }],
		});
		// Findings sorted by position: 0-2, 2-4 (touches only), 3-5 (overlaps 2-4), 5-5 insertion, 8-9.
		const { taken } = selectFixes(text, [finding(0, 8, 9, 'e'), finding(0, 0, 2, 'a'), finding(0, 3, 5, 'c'), finding(0, 2, 4, 'b'), finding(0, 5, 5, 'd')]);
		assert.deepEqual(taken.map(c => c.fix.title), ['a', 'b', 'd', 'e']);
	});
});

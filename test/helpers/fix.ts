// Applies a finding's quick fix and checks what a user relies on: the text still parses to the
// same instructions, no command is lost, and the rule is satisfied afterwards.
import assert from 'node:assert/strict';
import { DockerfileParser } from 'dockerfile-ast';
import { analyze } from '../../server/src/core/analyze';
import type { Finding, Fix, Position, TextEdit } from '../../server/src/core/finding';
import { defaultOptions } from '../../server/src/core/options';
import { parseDockerfile } from '../../server/src/core/parse';
import { runsOf } from '../../server/src/core/shell/run';
import { findingsOf, NOW } from './analyze';

function offsetOf(text: string, position: Position): number {
	let offset = 0;
	for (let line = 0; line < position.line; line++) offset = text.indexOf('\n', offset) + 1;
	return offset + position.character;
}

/** Applies non-overlapping edits (0-based ranges) to `text`. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
	const sorted = edits.map(e => ({ ...e, from: offsetOf(text, e.range.start), to: offsetOf(text, e.range.end) })).sort((a, b) => b.from - a.from);
	for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i].to <= sorted[i - 1].from, 'edits overlap');
	return sorted.reduce((t, e) => t.slice(0, e.from) + e.newText + t.slice(e.to), text);
}

/** Every command of every RUN as `name arg…`, for "nothing was lost" checks. */
export function commandLines(text: string): string[] {
	const ctx = { ...parseDockerfile(text), options: defaultOptions({ now: NOW, offline: true }) };
	return runsOf(ctx).flatMap(s => s.commands.map(c => [c.name, ...c.args.map(a => a.value)].join(' ')));
}

const keywords = (text: string) => DockerfileParser.parse(text).getInstructions().map(i => i.getKeyword());

export interface FixExpectation {
	/** Which finding of the code to fix (default: the first). */
	index?: number;
	/** The exact text after the fix, when the test wants to pin it. */
	expected?: string;
	/** RUN instructions the fix removes by merging (DL3059). */
	mergedRuns?: number;
	/** Instructions the fix changes on purpose, e.g. `{ ADD: 'COPY' }` (DL3020). */
	renames?: Record<string, string>;
}

/** Applies the preferred (else first) fix of the `index`-th `code` finding and checks the result. */
export function assertFix(code: string, text: string, expect: FixExpectation = {}): string {
	const found = findingsOf(code, text);
	const finding: Finding | undefined = found[expect.index ?? 0];
	assert.ok(finding, `${code} fires in:\n${text}`);
	const fix: Fix | undefined = finding.fixes?.find(f => f.isPreferred) ?? finding.fixes?.[0];
	assert.ok(fix, `${code} offers a fix for:\n${text}`);
	const fixed = applyEdits(text, fix.edits);
	if (expect.expected !== undefined) assert.equal(fixed, expect.expected);
	const before = keywords(text).map(k => expect.renames?.[k] ?? k);
	const after = keywords(fixed);
	const merged = expect.mergedRuns ?? 0;
	assert.equal(after.length, before.length - merged, `instruction count after fix:\n${fixed}`);
	assert.deepEqual(after.filter(k => k !== 'RUN'), before.filter(k => k !== 'RUN'));
	assert.deepEqual(lostCommands(text, fixed), [], `commands lost by the fix:\n${fixed}`);
	assert.ok(findingsOf(code, fixed).length < found.length, `${code} still fires as often after the fix:\n${fixed}`);
	assert.equal(analyze(fixed, { now: NOW, offline: true }).parsed.dockerfile.getInstructions().length, after.length);
	return fixed;
}

/** Commands of `before` that `after` no longer runs (a fix may add flags, not drop words). */
export function lostCommands(before: string, after: string): string[] {
	const fixed = commandLines(after);
	return commandLines(before).filter(c => !fixed.some(d => d === c || d.startsWith(c.split(' ')[0]) && sameWords(c, d)));
}

/** A fix may add flags: every word of the original command is still there, in order. */
function sameWords(original: string, fixed: string): boolean {
	const words = fixed.split(' ');
	let i = 0;
	for (const w of original.split(' ')) {
		i = words.indexOf(w, i);
		if (i < 0) return false;
		i++;
	}
	return true;
}

export function assertNoFix(code: string, text: string, index = 0): void {
	const finding = findingsOf(code, text)[index];
	assert.ok(finding, `${code} fires in:\n${text}`);
	assert.equal(finding.fixes, undefined, `${code} must not offer a fix for:\n${text}`);
}

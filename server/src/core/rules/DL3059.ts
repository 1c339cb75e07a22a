import type { Fix } from '../finding';
import { sectionsOf } from '../parse';
import { parseScript } from '../shell/commands';
import { rangeAt, runsOf, type RunScript } from '../shell/run';
import { changesShellState } from '../shell/shellState';
import { defineRule, type RuleContext } from './rule';

/** A `# hadolint …` or `# patchlens …` comment: a merge must not move one onto or off an instruction. */
const PRAGMA_COMMENT = /^\s*#\s*(?:hadolint|patchlens)\b/i;
const CHAINABLE = new Set([undefined, '&&', '|']);

export default defineRule({
	code: 'DL3059',
	name: 'consolidate-runs',
	severity: 'info',
	title: 'Multiple consecutive `RUN` instructions. Consider consolidation.',
	rationale: 'Each RUN is a layer: files deleted in a later one still ship in the earlier one, and many tiny layers slow pulls. Short consecutive RUNs read better as one.',
	*check(ctx) {
		const scripts = new Map(runsOf(ctx).map(s => [s.instruction, s]));
		// hadolint: compare with the last remembered RUN; a non-RUN instruction (not a comment) resets.
		for (const stage of sectionsOf(ctx)) {
			let previous: RunScript | undefined;
			let adjacent: RunScript | undefined;
			for (const instruction of stage.instructions) {
				const script = scripts.get(instruction);
				const before = adjacent;
				adjacent = script;
				if (!script) {
					previous = undefined;
					continue;
				}
				// A RUN of two or more commands is a deliberate chain (hadolint's DL3059 spec: `RUN foo && bar` then `RUN foobar` is fine).
				if (!previous || previous.flags !== script.flags || script.commands.length > 1 || previous.commands.length > 1) {
					previous = script;
					continue;
				}
				const merge = before && before.flags === script.flags ? mergeFix(ctx, before, script) : undefined;
				yield {
					range: instruction.getInstructionRange(),
					message: 'Multiple consecutive `RUN` instructions. Consider consolidation.',
					...(merge ? { fixes: [merge] } : {}),
				};
			}
		}
	},
});

/**
 * Joins `RUN b` onto the RUN before it as `a && \ b`, keeping every command and comment.
 * Offered only when `a && b` behaves like two RUNs: both shell form without heredocs, nothing in
 * `a` that changes state for `b` (shell/shellState.ts), `b` a plain `&&`/`|` chain (a `;` or `||`
 * in `b` would run on after a failing `a`), and no pragma comment above either RUN: merging would
 * move `b`'s off its instruction, or stretch `a`'s over `b`'s commands.
 */
function mergeFix(ctx: RuleContext, a: RunScript, b: RunScript): Fix | undefined {
	if (a.form !== 'shell' || b.form !== 'shell' || !a.commands.length || !b.commands.length) return undefined;
	const last = a.commands[a.commands.length - 1];
	if (last.origin !== 'top' || last.after !== undefined) return undefined;
	if ([...a.commands, ...b.commands].some(c => c.redirects.some(r => r.heredoc))) return undefined;
	if (a.commands.some(c => changesShellState(c, ctx.text) || c.after === '&')) return undefined;
	if (b.commands.some(c => !CHAINABLE.has(c.before) || !CHAINABLE.has(c.after))) return undefined;
	// A trailing comment after `a` would swallow the continuation; blank lines between are errors to come.
	if (ctx.text.slice(last.end, a.end).trim()) return undefined;
	// A lone CR is no line break for BuildKit: `a && \` + CR would not continue onto `b`.
	if (/\r(?!\n)/.test(ctx.text.slice(last.end, b.start))) return undefined;
	const between = ctx.text.slice(a.end, b.start).split('\n').slice(1, -1);
	if (between.some(line => !/^\s*#/.test(line) || PRAGMA_COMMENT.test(line))) return undefined;
	if (pragmaAbove(ctx, a) || !mergeKeepsCommands(ctx, a, b)) return undefined;
	const escape = ctx.dockerfile.getEscapeCharacter();
	return {
		title: 'Merge with the previous RUN',
		isPreferred: true,
		edits: [
			{ range: rangeAt(ctx, last.end, a.end), newText: ` && ${escape}` },
			{ range: rangeAt(ctx, b.start, b.argsStart), newText: '    ' },
		],
	};
}

/** A pragma in the comment block directly above `run` (a patchlens pragma reaches across comments). */
function pragmaAbove(ctx: RuleContext, run: RunScript): boolean {
	for (let line = run.instruction.getRange().start.line - 1; line >= 0 && /^\s*#/.test(ctx.lines[line]); line--) {
		if (PRAGMA_COMMENT.test(ctx.lines[line])) return true;
	}
	return false;
}

/**
 * `a && b` still parses into a's commands then b's: an unterminated quote, backtick or `${` in `a`
 * would swallow `b` (a shell ends such a RUN at its end; after a merge it runs on into `b`).
 */
function mergeKeepsCommands(ctx: RuleContext, a: RunScript, b: RunScript): boolean {
	const joined = `${ctx.text.slice(a.argsStart, a.commands[a.commands.length - 1].end)} && ${ctx.text.slice(b.argsStart, b.end)}`;
	const merged = parseScript(joined, 0, joined.length, { dockerfile: true, escapeChar: ctx.dockerfile.getEscapeCharacter(), lookup: a.lookup, exact: false });
	const names = [...a.commands, ...b.commands].map(c => c.name);
	return merged.length === names.length && merged.every((c, i) => c.name === names[i]);
}

import type { Fix } from '../finding';
import { sectionsOf } from '../parse';
import { rangeAt, runsOf, type RunScript } from '../shell/run';
import { defineRule, type RuleContext } from './rule';

/** Commands whose effect (directory, variables, shell options) would leak into a merged RUN. */
const STATEFUL = new Set(['cd', 'pushd', 'popd', 'export', 'set', 'unset', 'source', '.', 'umask', 'alias', 'shopt', 'trap', 'exit', 'return']);
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
 * `a` that changes state for `b` (cd, export, set), and `b` a plain `&&`/`|` chain (a `;` or `||`
 * in `b` would run on after a failing `a`).
 */
function mergeFix(ctx: RuleContext, a: RunScript, b: RunScript): Fix | undefined {
	if (a.form !== 'shell' || b.form !== 'shell' || !a.commands.length || !b.commands.length) return undefined;
	const last = a.commands[a.commands.length - 1];
	if (last.origin !== 'top' || last.after !== undefined) return undefined;
	if ([...a.commands, ...b.commands].some(c => c.redirects.some(r => r.heredoc))) return undefined;
	if (a.commands.some(c => STATEFUL.has(c.name) || c.after === '&' || (!c.words.length && c.assignments.length))) return undefined;
	if (b.commands.some(c => !CHAINABLE.has(c.before) || !CHAINABLE.has(c.after))) return undefined;
	// A trailing comment after `a` would swallow the continuation; blank lines between are errors to come.
	if (ctx.text.slice(last.end, a.end).trim()) return undefined;
	const between = ctx.text.slice(a.end, b.start).split('\n').slice(1, -1);
	if (between.some(line => !/^\s*#/.test(line))) return undefined;
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

// Shared pieces of the RUN rules: walking commands, ranges, and the edits their quick fixes make.
import type { Fix, Range, TextEdit } from '../finding';
import type { Command, Word } from '../shell/commands';
import { rangeAt, runsOf, type RunScript } from '../shell/run';
import type { RuleContext } from './rule';

export interface Located {
	script: RunScript;
	cmd: Command;
}

/** Every command of every RUN, in document order; `finalOnly` keeps stages that end up in the final image. */
export function* commandsOf(ctx: RuleContext, finalOnly = false): Generator<Located> {
	for (const script of runsOf(ctx)) {
		if (finalOnly && !script.stage.inFinalImage) continue;
		for (const cmd of script.commands) yield { script, cmd };
	}
}

export function commandRange(ctx: RuleContext, cmd: Command): Range {
	return rangeAt(ctx, cmd.start, cmd.end);
}

export function wordRange(ctx: RuleContext, word: Word): Range {
	return rangeAt(ctx, word.start, word.end);
}

export function instructionRange(script: RunScript): Range {
	return script.instruction.getRange();
}

/** Inserts `text` right after a word, when the word maps exactly onto the document. */
export function insertAfter(ctx: RuleContext, word: Word | undefined, text: string): TextEdit | undefined {
	if (!word?.exact) return undefined;
	const at = rangeAt(ctx, word.end, word.end).start;
	return { range: { start: at, end: at }, newText: text };
}

export function replaceWord(ctx: RuleContext, word: Word, text: string): TextEdit | undefined {
	return word.exact ? { range: wordRange(ctx, word), newText: text } : undefined;
}

/**
 * Appends a command to a RUN so it runs after everything else there and only if that succeeded:
 * ` && cmd` after the last command of a shell-form RUN, a new line before a heredoc's delimiter.
 * Undefined when that cannot be done safely (exec form, a trailing `&`/`;`, `sh -c '…'` at the end).
 */
export function appendCommand(ctx: RuleContext, script: RunScript, command: string): TextEdit | undefined {
	const last = script.commands[script.commands.length - 1];
	if (!last || script.form === 'exec' || script.form === 'opaque') return undefined;
	if (script.form === 'heredoc') {
		if (last.origin !== 'heredoc' || last.after !== undefined && last.after !== '\n') return undefined;
		const body = last.end;
		const nl = ctx.text.indexOf('\n', body);
		if (nl < 0 || nl >= script.end) return undefined;
		const at = rangeAt(ctx, nl + 1, nl + 1).start;
		return { range: { start: at, end: at }, newText: `${command}\n` };
	}
	if (last.origin !== 'top' || last.after !== undefined || last.end > script.end) return undefined;
	const at = rangeAt(ctx, last.end, last.end).start;
	return { range: { start: at, end: at }, newText: ` && ${command}` };
}

export function fix(title: string, edit: TextEdit | undefined, isPreferred = true): Fix[] | undefined {
	return edit ? [{ title, edits: [edit], isPreferred }] : undefined;
}

/** Index of the first command matching `test`, or -1. */
export function indexOf(script: RunScript, test: (cmd: Command) => boolean): number {
	return script.commands.findIndex(test);
}

/**
 * hadolint's "clean-up missing after install" check: the RUN installs something and does not
 * clean up after the first install (a clean-up before it does not count).
 */
export function missingCleanup(script: RunScript, isInstall: (c: Command) => boolean, isClean: (c: Command) => boolean): Command | undefined {
	const install = indexOf(script, isInstall);
	if (install < 0) return undefined;
	const clean = script.commands.findIndex((c, i) => i > install && isClean(c));
	return clean < 0 ? script.commands[install] : undefined;
}

/** `rm -rf <path>` in any flag spelling (`-rf`, `-fr`, `-r -f`, `--recursive --force`). */
export function isRemoval(cmd: Command, path: string): boolean {
	return cmd.name === 'rm' && cmd.args.some(a => a.value === path);
}

export function quotedList(words: readonly Word[]): string {
	return words.map(w => `\`${w.value}\``).join(', ');
}

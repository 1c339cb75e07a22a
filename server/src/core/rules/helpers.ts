// Shared pieces of the RUN rules: walking commands, ranges, and the edits their quick fixes make.
import type { Instruction } from 'dockerfile-ast';
import type { Fix, Range, TextEdit } from '../finding';
import { imageRefAt } from '../image/fromImage';
import type { Section, Stage } from '../parse';
import { operands, type Manager } from '../shell/args';
import type { Command, Word } from '../shell/commands';
import { rangeAt, runsOf, type RunScript } from '../shell/run';
import { definedAt } from '../shell/variables';
import type { RuleContext } from './rule';

export interface Located {
	script: RunScript;
	cmd: Command;
}

const shipped = new WeakMap<object, Set<Stage>>();

/**
 * Stages whose layers are part of the final image: the last stage and the stages it is built
 * `FROM`. Narrower than `Stage.inFinalImage`, which also counts `COPY --from` sources — their
 * layers stay behind, only the copied files ship. hadolint's DL3009/DL3060 judge the same set.
 */
export function shipsLayers(ctx: RuleContext, stage: Section): boolean {
	if (!stage.from) return true; // the preamble of a fragment: nothing says its layers stay behind
	let set = shipped.get(ctx.dockerfile);
	if (!set) {
		set = new Set();
		for (let s: Stage | undefined = ctx.stages[ctx.stages.length - 1]; s && !set.has(s);) {
			set.add(s);
			const parent: string | undefined = s.from.getImageName()?.toLowerCase();
			const index: number = s.index;
			s = parent ? ctx.stages.find(p => p.index < index && p.name === parent) : undefined;
		}
		shipped.set(ctx.dockerfile, set);
	}
	return set.has(stage as Stage) && stage.inFinalImage;
}

/** Every command of every RUN, in document order; `finalOnly` keeps stages whose layers ship. */
export function* commandsOf(ctx: RuleContext, finalOnly = false): Generator<Located> {
	for (const script of scriptsOf(ctx, finalOnly)) {
		for (const cmd of script.commands) yield { script, cmd };
	}
}

const indexes = new WeakMap<object, Map<string, Located[]>>();

/** `pip3.12` -> `pip`, `python3` -> `python`: one key for a program's versioned names. */
export function family(name: string): string {
	return name.replace(/[0-9.]+$/, '');
}

/**
 * The commands running one of `names` (or their versioned family, e.g. `pip` for `pip3`), in
 * document order. Indexed once per document, so a rule looking for `apk` does not walk every
 * command of a 20,000-line file.
 */
export function commandsNamed(ctx: RuleContext, names: readonly string[], finalOnly = false): Located[] {
	let index = indexes.get(ctx.dockerfile);
	if (!index) {
		index = new Map();
		for (const script of runsOf(ctx)) {
			for (const cmd of script.commands) {
				const keys = family(cmd.name) === cmd.name ? [cmd.name] : [cmd.name, family(cmd.name)];
				for (const key of keys) {
					const list = index.get(key);
					if (list) list.push({ script, cmd });
					else index.set(key, [{ script, cmd }]);
				}
			}
		}
		indexes.set(ctx.dockerfile, index);
	}
	let found: Located[] = [];
	for (const name of names) found = found.concat(index.get(name) ?? []);
	if (names.length > 1) found.sort((a, b) => a.cmd.start - b.cmd.start);
	return finalOnly ? found.filter(l => l.script.onbuild || shipsLayers(ctx, l.script.stage)) : found;
}

/** The RUNs that run one of `names`, in document order. */
export function scriptsRunning(ctx: RuleContext, names: readonly string[], finalOnly = false): RunScript[] {
	return [...new Set(commandsNamed(ctx, names, finalOnly).map(l => l.script))];
}

/** RUN instructions, optionally only of stages whose layers end up in the final image. */
export function scriptsOf(ctx: RuleContext, finalOnly = false): RunScript[] {
	const all = runsOf(ctx);
	return finalOnly ? all.filter(s => s.onbuild || shipsLayers(ctx, s.stage)) : all;
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

// hadolint's reading of rpm `name-version` package specs (DL3033 yum, DL3041 dnf).
const VERSION_PART = /^[A-Za-z0-9.~^_:+]+$/;

/** `httpd-2.4.57` is pinned, `python3-devel` is not; `.rpm` files always carry a version. */
export function rpmVersionFixed(pkg: string): boolean {
	// hadolint checks for a dash first and so flags `./x.rpm`; a package file is pinned by nature.
	if (pkg.endsWith('.rpm')) return true;
	const parts = pkg.split('-');
	if (parts.length <= 1) return false;
	const rest = parts.slice(1);
	return rest.every(p => VERSION_PART.test(p)) && rest.some(p => /^[0-9]/.test(p));
}

/** Modules are pinned with a stream: `nodejs:18`. */
export function moduleVersionFixed(spec: string): boolean {
	return spec.includes(':');
}

/**
 * Unpinned packages of `<yum|dnf> install` and unpinned modules of `<yum|dnf> module install`
 * (DL3033, DL3041). `skip` names first operands whose installs are not judged (dnf's `group`).
 */
export function unpinnedRpmInstalls(ctx: RuleContext, { script, cmd }: Located, manager: Manager, skip: readonly string[] = []): Word[] {
	if (!manager.names.includes(cmd.name)) return [];
	const ops = operands(cmd, manager.valued);
	if (skip.includes(ops[0]?.value ?? '')) return [];
	const isModule = ops[0]?.value === 'module';
	const verb = isModule ? ops[1] : ops[0];
	if (verb?.value !== 'install') return [];
	const pinned = isModule ? moduleVersionFixed : rpmVersionFixed;
	const unset = unsetVariableIn(ctx, script);
	// A value we cannot know is not judged; a variable no ENV/ARG of this stage sets is, as hadolint does
	// (it reads `httpd-${V}` literally): an ENV of another stage does not pin anything here.
	return ops.slice(isModule ? 2 : 1).filter(p => (p.dynamic ? unset(p) : !pinned(p.value)));
}

/** Whether a word uses a variable that no ENV/ARG in scope of the RUN sets. */
export function unsetVariableIn(ctx: RuleContext, script: RunScript): (word: Word) => boolean {
	const defined = definedAt(ctx, script.stage, script.instruction.getRange().start.line);
	return word => [...ctx.text.slice(word.start, word.end).matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].some(m => !defined(m[1]));
}

// The start-up of the final image (PL205, PL206, PL207).

/** The final image's stage and the stages it is built `FROM`, base first. */
export function finalChain(ctx: RuleContext): Stage[] {
	const chain: Stage[] = [];
	let stage: Stage | undefined = ctx.stages[ctx.stages.length - 1];
	while (stage && !chain.includes(stage)) {
		chain.unshift(stage);
		const ref = imageRefAt(ctx, stage);
		stage = ref.kind === 'stage' ? [...ctx.stages].reverse().find(s => s.index < stage!.index && s.name === ref.stage) : undefined;
	}
	return chain;
}

export interface Startup {
	instruction: Instruction;
	stage: Stage;
}

/** The CMD and ENTRYPOINT that take effect (the last of each along the chain); an overridden one never runs. */
export function effectiveStartup(chain: readonly Stage[]): Startup[] {
	const last = new Map<string, Startup>();
	for (const stage of chain) {
		for (const instruction of stage.instructions) {
			const keyword = instruction.getKeyword();
			if (keyword === 'CMD' || keyword === 'ENTRYPOINT') last.set(keyword, { instruction, stage });
		}
	}
	return [...last.values()];
}

/** argv of an exec-form CMD/ENTRYPOINT, or undefined for shell form or invalid JSON. */
export function execArgv(instruction: Instruction): string[] | undefined {
	const content = instruction.getArgumentsContent()?.trim() ?? '';
	if (!content.startsWith('[')) return undefined;
	try {
		const parsed: unknown = JSON.parse(content);
		return Array.isArray(parsed) && parsed.every(a => typeof a === 'string') ? parsed as string[] : undefined;
	} catch {
		return undefined; // Docker runs invalid JSON as shell form; DL/parse diagnostics say so
	}
}

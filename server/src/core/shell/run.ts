// One RUN instruction as the rules see it: its commands (shell form, exec form, heredocs), its
// BuildKit mounts and where it sits. Parsed once per instruction and cached, so the ~25 rules
// that look at RUN lines share one parse.
import type { Instruction, Onbuild } from 'dockerfile-ast';
import type { Position, Range } from '../finding';
import { sectionsOf, type Section } from '../parse';
import type { RuleContext } from '../rules/rule';
import { detach } from '../argumentSplit';
import { GenerationalCache } from '../generationalCache';
import { basename, mapCommand, parseScript, remap, SHELLS, type Command, type Lookup, type Word } from './commands';
import type { HeredocBody } from './tokenize';
import { contextMemo } from '../contextMemo';
import { lookupAt } from './variables';

export interface Mount {
	type: string;
	target: string;
}

export interface RunScript {
	instruction: Instruction;
	stage: Section;
	/** `shell`: `RUN cmd …`; `exec`: `RUN ["…"]`; `heredoc`: `RUN <<EOF`; `opaque`: not a POSIX shell. */
	form: 'shell' | 'exec' | 'heredoc' | 'opaque';
	commands: Command[];
	mounts: Mount[];
	/** The flags as written (`--mount=…`), normalised, for comparing RUN lines. */
	flags: string;
	/** Document offsets: the instruction, and where its command text starts (after the flags). */
	start: number;
	end: number;
	argsStart: number;
	/** `set -e` (or `-o errexit`) runs in the script, or SHELL passes `-e`. */
	errexit: boolean;
	lookup: Lookup;
	/** An `ONBUILD RUN` trigger: it runs in every image built FROM this one, so it always ships. */
	onbuild?: boolean;
}

// RUN scripts depend on the ARG/ENV values they looked up, so on the options too.
const scripts = contextMemo<Instruction, RunScript>();
const allRuns = contextMemo<object, RunScript[]>();
const lineStarts = new WeakMap<object, number[]>();

/** Every RUN of every stage, in document order. */
export function runsOf(ctx: RuleContext): RunScript[] {
	return allRuns(ctx, ctx.dockerfile, () => {
		const list: RunScript[] = [];
		for (const stage of sectionsOf(ctx)) {
			for (const instruction of stage.instructions) {
				const keyword = instruction.getKeyword();
				if (keyword === 'RUN') list.push(runScript(ctx, stage, instruction));
				// hadolint lints `ONBUILD RUN …` triggers with the same rules as RUN.
				else if (keyword === 'ONBUILD') {
					const trigger = onbuildRun(instruction);
					if (trigger) list.push(runScript(ctx, stage, trigger, true));
				}
			}
		}
		return list;
	});
}

export function runScript(ctx: RuleContext, stage: Section, instruction: Instruction, onbuild = false): RunScript {
	return scripts(ctx, instruction, () => {
		const script = buildScript(ctx, stage, instruction);
		if (onbuild) script.onbuild = true;
		return script;
	});
}

/** The RUN an `ONBUILD RUN …` triggers (dockerfile-ast parses it as an instruction of its own). */
function onbuildRun(instruction: Instruction): Instruction | undefined {
	const trigger = (instruction as Onbuild).getTriggerInstruction();
	return trigger?.getKeyword() === 'RUN' ? trigger : undefined;
}

function buildScript(ctx: RuleContext, stage: Section, instruction: Instruction): RunScript {
	const range = instruction.getRange();
	const start = offsetAt(ctx, range.start);
	const end = offsetAt(ctx, range.end);
	const escapeChar = ctx.dockerfile.getEscapeCharacter();
	// Flags read from the text: dockerfile-ast's getFlags()/getArgumentsRange() re-tokenise the
	// instruction on every call and dominated the analysis time of large files.
	const { flags, argsStart } = readFlags(ctx.text, offsetAt(ctx, instruction.getInstructionRange().end), end, escapeChar);
	const mounts = flags.filter(f => f.startsWith('--mount=')).map(f => parseMount(f.slice('--mount='.length)));
	const lookup = lookupAt(ctx, stage, range.start.line);
	const shell = activeShell(stage, range.start.line);
	const body = parsedBody(ctx, { start, end, argsStart, escapeChar, shell, lookup });
	return { instruction, stage, mounts, flags: [...flags].sort().join(' '), start, end, argsStart, lookup, ...body };
}

type Body = Pick<RunScript, 'form' | 'commands' | 'errexit'>;

interface BodyInput {
	start: number;
	end: number;
	argsStart: number;
	escapeChar: string;
	shell: string[] | undefined;
	lookup: Lookup;
}

function parseBody(ctx: RuleContext, { end, argsStart, escapeChar, shell, lookup }: BodyInput): Body {
	const body = ctx.text.slice(argsStart, end);
	if (body.trimStart().startsWith('[')) {
		const exec = execForm(ctx, argsStart, end, lookup);
		if (exec) return { form: 'exec', commands: exec, errexit: hasErrexit(exec) };
	}
	if (shell && !SHELLS.has(basename(shell[0]))) return { form: 'opaque', commands: [], errexit: false };
	const commands = parseScript(ctx.text, argsStart, end, { dockerfile: true, escapeChar, lookup });
	const form = commands.some(c => c.origin === 'heredoc') && /^\s*<</.test(body) ? 'heredoc' : 'shell';
	const shellE = !!shell && shell.some(a => /^-[a-z]*e[a-z]*$/.test(a));
	return { form, commands, errexit: shellE || hasErrexit(commands) };
}

interface CachedBody {
	/** Where the instruction started when parsed: commands carry document offsets. */
	start: number;
	/** Every variable the parse looked up, with the value it got. */
	lookups: Map<string, string | undefined>;
	body: Body;
}

/**
 * RUN parses kept across analyses, so re-analysing after an edit parses only the RUNs the edit
 * touched. A parse depends on the instruction's text, the escape character, the stage's SHELL
 * and the ARG/ENV values it looked up (checked again on reuse); its offsets are shifted when
 * the instruction moved. About two 20,000-line files' worth; older entries are dropped.
 */
const bodies = new GenerationalCache<CachedBody>(8_000);

/** Forgets RUN parses kept across analyses (cold-analysis benchmarks). */
export function clearRunCache(): void {
	bodies.clear();
}

function parsedBody(ctx: RuleContext, input: BodyInput): Body {
	if (!ctx.options.reuse) return parseBody(ctx, input);
	const key = `${input.escapeChar}\u0000${input.shell?.join('\u0001') ?? ''}\u0000${input.argsStart - input.start}\u0000${ctx.text.slice(input.start, input.end)}`;
	const cached = bodies.get(key);
	if (cached && sameLookups(cached.lookups, input.lookup)) {
		return cached.start === input.start ? cached.body : shiftBody(cached.body, input.start - cached.start);
	}
	const lookups = new Map<string, string | undefined>();
	const recording: Lookup = name => {
		const value = input.lookup(name);
		lookups.set(name, value);
		return value;
	};
	const body = parseBody(ctx, { ...input, lookup: recording });
	bodies.set(detach(key), { start: input.start, lookups, body });
	return body;
}

function sameLookups(lookups: Map<string, string | undefined>, lookup: Lookup): boolean {
	for (const [name, value] of lookups) if (lookup(name) !== value) return false;
	return true;
}

/** The same commands, every document offset moved by `delta` (shared words stay shared). */
function shiftBody(body: Body, delta: number): Body {
	const words = new Map<Word, Word>();
	const word = (w: Word): Word => {
		let moved = words.get(w);
		if (!moved) words.set(w, (moved = { ...w, start: w.start + delta, end: w.end + delta }));
		return moved;
	};
	const heredoc = (h: HeredocBody): HeredocBody => ({ ...h, start: h.start + delta, end: h.end + delta });
	return { ...body, commands: body.commands.map(c => mapCommand(c, word, c.start + delta, c.end + delta, heredoc)) };
}

/** `--name=value` words right after the keyword (across continuations); where the command begins. */
function readFlags(text: string, from: number, to: number, escapeChar: string): { flags: string[]; argsStart: number } {
	const flags: string[] = [];
	let i = from;
	for (;;) {
		while (i < to) {
			const c = text[i];
			if (c === ' ' || c === '\t' || c === '\r' || c === '\n') i++;
			// BuildKit drops comment lines inside a continued instruction, also between its flags.
			else if (c === '#' && /\n[ \t]*$/.test(text.slice(Math.max(from, i - 80), i))) i = text.indexOf('\n', i) < 0 ? to : text.indexOf('\n', i) + 1;
			else if (c === escapeChar && /^[ \t]*\r?\n/.test(text.slice(i + 1, i + 40))) i = text.indexOf('\n', i) + 1;
			else break;
		}
		if (text.charCodeAt(i) !== 45 || text.charCodeAt(i + 1) !== 45) return { flags, argsStart: Math.min(i, to) };
		let j = i;
		while (j < to && !/[ \t\r\n]/.test(text[j])) j++;
		flags.push(text.slice(i, j));
		i = j;
	}
}

function hasErrexit(commands: Command[]): boolean {
	return commands.some(c => c.name === 'set' && c.args.some((a, i) => /^-[a-z]*e/.test(a.value) || (a.value === '-o' && c.args[i + 1]?.value === 'errexit')));
}

const shells = new WeakMap<Section, { line: number; argv: string[] }[]>();

/** The last SHELL instruction before `line` in the stage, as argv. */
function activeShell(stage: Section, line: number): string[] | undefined {
	let list = shells.get(stage);
	if (!list) {
		list = [];
		for (const instruction of stage.instructions) {
			if (instruction.getKeyword() !== 'SHELL') continue;
			try {
				const parsed: unknown = JSON.parse(instruction.getArgumentsContent() ?? '');
				if (Array.isArray(parsed) && parsed.every(a => typeof a === 'string')) list.push({ line: instruction.getRange().start.line, argv: parsed as string[] });
			} catch {
				// An invalid SHELL is reported by the parser's own validation, not here.
			}
		}
		shells.set(stage, list);
	}
	let shell: string[] | undefined;
	for (const entry of list) if (entry.line < line) shell = entry.argv;
	return shell;
}

/** `RUN ["prog", "arg"]`: one command; `["sh", "-c", "script"]`: the script's commands. */
function execForm(ctx: RuleContext, from: number, to: number, lookup: Lookup): Command[] | undefined {
	const strings: Word[] = [];
	const re = /"((?:[^"\\\n]|\\.)*)"/g;
	re.lastIndex = from;
	const open = ctx.text.indexOf('[', from);
	const close = ctx.text.lastIndexOf(']', to);
	if (open < 0 || close < open) return undefined;
	for (let m = re.exec(ctx.text); m && m.index < close; m = re.exec(ctx.text)) {
		let value: string;
		try {
			value = JSON.parse(m[0]) as string;
		} catch {
			return undefined;
		}
		const exact = !m[1].includes('\\');
		strings.push({ value, start: m.index + 1, end: m.index + m[0].length - 1, quoted: true, dynamic: false, exact });
	}
	if (!strings.length) return undefined;
	const name = basename(strings[0].value);
	const c = strings.findIndex(s => /^-[a-z]*c$/.test(s.value));
	if (SHELLS.has(name) && c > 0 && strings[c + 1]) {
		const script = strings[c + 1];
		if (script.exact) return parseScript(ctx.text, script.start, script.end, { dockerfile: false, lookup, origin: 'sh-c' });
		// Mixed escaping: parse the value alone; every word then points at the whole script string.
		return parseScript(script.value, 0, script.value.length, { dockerfile: false, lookup, origin: 'sh-c', exact: false })
			.map(cmd => remap(cmd, script.start, script.end));
	}
	// No shell: nothing is expanded, and an edit inside the JSON array is not offered.
	const words = strings.map(w => ({ ...w, exact: false }));
	return [{ words, name, args: words.slice(1), assignments: [], redirects: [], start: words[0].start, end: words[words.length - 1].end, origin: 'top' }];
}

function parseMount(value: string): Mount {
	let type = 'bind';
	let target = '';
	for (const part of value.split(',')) {
		const [key, val = ''] = part.split('=', 2);
		if (key === 'type') type = val;
		else if (key === 'target' || key === 'dst' || key === 'destination') target = val;
	}
	return { type, target };
}

/** hadolint's `hasCacheOrTmpfsMountWith`: a cache or tmpfs mount whose target contains `fragment`. */
export function hasCacheMount(script: RunScript, fragment: string): boolean {
	return script.mounts.some(m => (m.type === 'cache' || m.type === 'tmpfs') && m.target.includes(fragment));
}

export function offsetAt(ctx: RuleContext, position: Position): number {
	const starts = lineStartsOf(ctx);
	return (starts[position.line] ?? ctx.text.length) + position.character;
}

export function positionAt(ctx: RuleContext, offset: number): Position {
	const starts = lineStartsOf(ctx);
	let lo = 0;
	let hi = starts.length - 1;
	while (lo < hi) {
		const mid = (lo + hi + 1) >> 1;
		if (starts[mid] <= offset) lo = mid;
		else hi = mid - 1;
	}
	let character = offset - starts[lo];
	// Never point between \r and \n.
	if (ctx.text.charCodeAt(offset - 1) === 13 && ctx.text.charCodeAt(offset) === 10) character--;
	return { line: lo, character };
}

export function rangeAt(ctx: RuleContext, start: number, end: number): Range {
	return { start: positionAt(ctx, start), end: positionAt(ctx, end) };
}

function lineStartsOf(ctx: RuleContext): number[] {
	let starts = lineStarts.get(ctx.dockerfile);
	if (!starts) {
		// Line breaks as dockerfile-ast counts them: \r\n, \n, and a lone \r — which parse.ts masks (BuildKit
		// does not break lines there), so only a \r at the very end of the text still counts.
		starts = [0];
		const text = ctx.text;
		for (let i = 0; i < text.length; i++) {
			const c = text.charCodeAt(i);
			if (c === 10) starts.push(i + 1);
			else if (c === 13) {
				if (text.charCodeAt(i + 1) === 10) i++;
				starts.push(i + 1);
			}
		}
		lineStarts.set(ctx.dockerfile, starts);
	}
	return starts;
}

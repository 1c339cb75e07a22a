// Tokens -> simple commands: argv words (variables expanded where their value is known), the
// operators around each command, wrappers (`sudo`, `env`, …) removed, and the scripts inside
// `sh -c '…'` and `RUN <<EOF` heredocs spliced in place so rules see every command that runs.
import { tokenize, type Expansion, type HeredocBody, type Operator, type Token, type WordToken } from './tokenize';

export interface Word {
	value: string;
	start: number;
	end: number;
	quoted: boolean;
	/** Holds an expansion we could not resolve (`$(…)`, an unknown variable): judge nothing from it. */
	dynamic: boolean;
	/** start/end point at exactly this word's text, so an edit next to it is safe. */
	exact: boolean;
}

export interface Redirect {
	op: string;
	target?: Word;
	heredoc?: HeredocBody;
}

export interface Command {
	/** argv: words[0] is the program, after assignments and wrappers. */
	words: Word[];
	/** Basename of the program (`/usr/bin/apt-get` -> `apt-get`); '' for a bare assignment. */
	name: string;
	args: Word[];
	assignments: Word[];
	redirects: Redirect[];
	start: number;
	end: number;
	/** Operator before / after the command in its list; undefined at the script's start / end. */
	before?: Operator;
	after?: Operator;
	/** Where the command came from: the RUN line itself, `sh -c '…'` or a heredoc script. */
	origin: 'top' | 'sh-c' | 'heredoc';
}

export type Lookup = (name: string) => string | undefined;

export interface ScriptOptions {
	dockerfile: boolean;
	escapeChar?: string;
	lookup: Lookup;
	/** Whether offsets map 1:1 to the document (false for re-tokenized strings). */
	exact?: boolean;
	origin?: Command['origin'];
	depth?: number;
}

const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', '!', '{', '}', 'time']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;
export const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh']);
const SHEBANG_SHELL = /^#!\s*(?:\/usr\/bin\/env\s+)?(?:\/[\w/]*\/)?(?:sh|bash|dash|ash|zsh|ksh)\b/;

/** Wrapper programs and their options that take a value. */
const WRAPPERS: Record<string, Set<string>> = {
	sudo: new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '--user', '--group', '--chdir']),
	doas: new Set(['-u', '-C']),
	env: new Set(['-u', '--unset', '-C', '--chdir']),
	nice: new Set(['-n', '--adjustment']),
	nohup: new Set(),
	command: new Set(),
	exec: new Set(['-a']),
	eatmydata: new Set(),
	time: new Set(['-f', '-o']),
};

export function parseScript(text: string, from: number, to: number, options: ScriptOptions): Command[] {
	const tokens = tokenize(text, from, to, options);
	return new Splitter(text, options).split(tokens);
}

class Splitter {
	private readonly out: Command[] = [];
	constructor(private readonly text: string, private readonly options: ScriptOptions) {}

	split(tokens: Token[]): Command[] {
		let cur = this.fresh(undefined);
		let skipToSeparator = false;
		let caseDepth = 0;
		for (const token of tokens) {
			if (token.kind === 'op') {
				cur.after = token.op;
				this.finish(cur);
				cur = this.fresh(token.op);
				skipToSeparator = false;
				continue;
			}
			if (caseDepth > 0) {
				if (token.kind === 'word' && !token.quoted && token.value === 'esac') caseDepth--;
				continue;
			}
			if (skipToSeparator) continue;
			if (token.kind === 'redirect') {
				touch(cur, token);
				cur.redirects.push({ op: token.op, ...(token.target ? { target: this.word(token.target)[0] } : {}), ...(token.heredoc ? { heredoc: token.heredoc } : {}) });
				continue;
			}
			if (cur.words.length === 0 && !token.quoted) {
				if (RESERVED.has(token.value)) continue;
				if (token.value === 'for' || token.value === 'select' || token.value === 'function') {
					skipToSeparator = true;
					continue;
				}
				if (token.value === 'case') {
					caseDepth++;
					continue;
				}
				if (ASSIGNMENT.test(token.value)) {
					touch(cur, token);
					cur.assignments.push(...this.word(token));
					continue;
				}
			}
			touch(cur, token);
			cur.words.push(...this.word(token));
		}
		this.finish(cur);
		return this.out;
	}

	private fresh(before: Operator | undefined): Command {
		const cmd: Command = { words: [], name: '', args: [], assignments: [], redirects: [], start: Infinity, end: -1, origin: this.options.origin ?? 'top' };
		if (before) cmd.before = before;
		return cmd;
	}

	private finish(cmd: Command): void {
		if (cmd.end < 0) return;
		stripWrappers(cmd);
		cmd.name = cmd.words.length ? basename(cmd.words[0].value) : '';
		cmd.args = cmd.words.slice(1);
		const inner = this.innerScript(cmd);
		if (inner) {
			inner.forEach((c, i) => {
				if (i === 0 && cmd.before) c.before = cmd.before;
				if (i === inner.length - 1 && cmd.after) c.after = cmd.after;
			});
			this.out.push(...inner);
			return;
		}
		// A bare redirect (`> file`, a heredoc of data) runs no program.
		if (cmd.words.length || cmd.assignments.length) this.out.push(cmd);
	}

	/** The commands of `sh -c '…'` or of a heredoc fed to a shell, or undefined. */
	private innerScript(cmd: Command): Command[] | undefined {
		const depth = (this.options.depth ?? 0) + 1;
		if (depth > 4) return undefined;
		const heredoc = cmd.redirects.find(r => r.heredoc)?.heredoc;
		if (cmd.words.length === 0 && heredoc) return this.heredocScript(heredoc, depth);
		if (!SHELLS.has(cmd.name)) return undefined;
		let hasC = false;
		let script: Word | undefined;
		for (let i = 0; i < cmd.args.length; i++) {
			const v = cmd.args[i].value;
			if (/^[-+]o$/.test(v)) {
				i++;
			} else if (/^[-+][A-Za-z]+$/.test(v)) {
				if (v[0] === '-' && v.includes('c')) hasC = true;
			} else if (v !== '--') {
				script = cmd.args[i];
				break;
			}
		}
		if (!hasC) return !script && heredoc ? this.heredocScript(heredoc, depth) : undefined;
		if (!script || script.dynamic) return undefined;
		const nested = { ...this.options, origin: 'sh-c' as const, depth };
		const token = this.sourceToken(script);
		if (token && script.exact) return parseScript(this.text, token.start + 1, token.end - 1, nested);
		// Mixed quoting: parse the value alone; every word then points at the whole `sh -c` argument.
		return parseScript(script.value, 0, script.value.length, { ...nested, dockerfile: false, exact: false })
			.map(c => remap(c, script.start, script.end));
	}

	private heredocScript(body: HeredocBody, depth: number): Command[] | undefined {
		const first = this.text.slice(body.start, Math.min(body.end, body.start + 80));
		if (first.startsWith('#!') && !SHEBANG_SHELL.test(first)) return undefined;
		return parseScript(this.text, body.start, body.end, { ...this.options, dockerfile: false, origin: 'heredoc', depth });
	}

	private readonly singleSpans = new WeakMap<Word, WordToken>();

	private sourceToken(word: Word): WordToken | undefined {
		return this.singleSpans.get(word);
	}

	/** A token as words: expanded with known variable values, field-split when unquoted. */
	private word(token: WordToken): Word[] {
		const exact = this.options.exact ?? true;
		if (!token.expansions) {
			const w: Word = { value: token.value, start: token.start, end: token.end, quoted: token.quoted, dynamic: false, exact };
			if (token.singleQuotedSpan) this.singleSpans.set(w, token);
			return [w];
		}
		const { value, dynamic, split } = expand(token.value, token.expansions, this.options.lookup);
		const parts = split && !dynamic ? value.split(/[ \t\n]+/).filter(Boolean) : [value];
		return parts.map(v => ({ value: v, start: token.start, end: token.end, quoted: token.quoted, dynamic, exact: exact && parts.length === 1 && !dynamic && v === token.value }));
	}
}

function touch(cmd: Command, token: Token): void {
	cmd.start = Math.min(cmd.start, token.start);
	cmd.end = Math.max(cmd.end, token.end);
}

function expand(value: string, expansions: Expansion[], lookup: Lookup): { value: string; dynamic: boolean; split: boolean } {
	let out = value;
	let dynamic = false;
	let split = false;
	for (let k = expansions.length - 1; k >= 0; k--) {
		const e = expansions[k];
		const resolved = resolve(e, lookup);
		if (resolved === undefined) {
			dynamic = true;
			continue;
		}
		if (!e.quoted) split = true;
		out = out.slice(0, e.from) + resolved + out.slice(e.to);
	}
	return { value: out, dynamic, split };
}

function resolve(e: Expansion, lookup: Lookup): string | undefined {
	if (!e.name) return undefined;
	const value = lookup(e.name);
	const word = e.word !== undefined && !/[$`]/.test(e.word) ? e.word.replace(/^["']|["']$/g, '') : undefined;
	switch (e.op) {
		case '-':
		case '=':
			return value ? value : word;
		case '+':
			return value === undefined ? undefined : value ? word : '';
		default:
			return value;
	}
}

function stripWrappers(cmd: Command): void {
	let words = cmd.words;
	for (let guard = 0; guard < 4 && words.length; guard++) {
		const name = basename(words[0].value);
		const valued = WRAPPERS[name];
		if (!valued || words[0].quoted) break;
		let i = 1;
		while (i < words.length) {
			const v = words[i].value;
			if (name === 'command' && (v === '-v' || v === '-V')) return;
			if (v === '--') {
				i++;
				break;
			}
			if (v.startsWith('-') && v.length > 1) i += valued.has(v) ? 2 : 1;
			else if (name === 'env' && ASSIGNMENT.test(v)) i++;
			else break;
		}
		words = words.slice(i);
	}
	cmd.words = words;
}

/** A command parsed from a string of its own, pointed at the document span it came from. */
export function remap(cmd: Command, start: number, end: number): Command {
	return mapCommand(cmd, w => ({ ...w, start, end, exact: false }), start, end);
}

/** A copy of the command with every word passed through `word`, heredoc bodies through `heredoc`, and the given span. */
export function mapCommand(cmd: Command, word: (w: Word) => Word, start: number, end: number, heredoc = (h: HeredocBody) => h): Command {
	return {
		...cmd,
		words: cmd.words.map(word),
		args: cmd.args.map(word),
		assignments: cmd.assignments.map(word),
		redirects: cmd.redirects.map(r => ({
			...r,
			...(r.target ? { target: word(r.target) } : {}),
			...(r.heredoc ? { heredoc: heredoc(r.heredoc) } : {}),
		})),
		start,
		end,
	};
}

export function basename(path: string): string {
	const slash = path.lastIndexOf('/');
	return slash < 0 ? path : path.slice(slash + 1);
}

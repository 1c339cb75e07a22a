// A small, synchronous POSIX-shell tokenizer working directly on the Dockerfile text, so every
// word keeps its document offsets (for ranges and quick fixes).
//
// Why our own instead of an npm parser: `analyze()` is synchronous and must stay well under
// dockerfile-utils' time at 20,000 lines. `sh-syntax` (mvdan/sh as WASM) is async-only,
// `mvdan-sh` (GopherJS) is deprecated and large, `bash-parser` is unmaintained and slow, and none of
// them knows Dockerfile line continuations (`\` or `# escape=` characters, comment lines inside a
// continued RUN) or maps words back to document offsets. The rules only need words, operators,
// redirects and heredocs — not a full AST — which fits in one linear pass.

export type Operator = '&&' | '||' | ';' | ';;' | '|' | '|&' | '&' | '\n' | '(' | ')';

/** A `$NAME`, `${NAME…}`, `$(…)` or backtick inside a word; indices are into `value`. */
export interface Expansion {
	from: number;
	to: number;
	/** Variable name; undefined for command substitutions and arithmetic (never resolvable). */
	name?: string;
	/** `-`, `+`, `=`, `?` from `${NAME:-word}` and friends. */
	op?: string;
	word?: string;
	/** Inside double quotes: no field splitting. */
	quoted: boolean;
}

export interface WordToken {
	kind: 'word';
	/** Quotes removed, continuations joined; expansions kept verbatim (see `expansions`). */
	value: string;
	start: number;
	end: number;
	/** Some part was quoted or escaped (so it is not an operator or reserved word). */
	quoted: boolean;
	/** The whole word is one quoted string (its raw inner text maps 1:1 to the document). */
	singleQuotedSpan: boolean;
	expansions?: Expansion[];
}

export interface OperatorToken {
	kind: 'op';
	op: Operator;
	start: number;
	end: number;
}

export interface HeredocBody {
	delimiter: string;
	/** `<<'EOF'` / `<<"EOF"`: no expansion in the body. */
	quoted: boolean;
	/** Document offsets of the body (without the delimiter line). */
	start: number;
	end: number;
}

export interface RedirectToken {
	kind: 'redirect';
	op: string;
	start: number;
	end: number;
	target?: WordToken;
	heredoc?: HeredocBody;
}

export type Token = WordToken | OperatorToken | RedirectToken;

export interface TokenizeOptions {
	/** Dockerfile text: the escape character joins lines and `#` lines inside a continuation vanish. */
	dockerfile: boolean;
	escapeChar?: string;
}

const SPACE = 32, TAB = 9, NL = 10, CR = 13;

function isBlank(c: number): boolean {
	return c === SPACE || c === TAB || c === CR;
}

function isMeta(c: number): boolean {
	// space tab \r \n ; & | ( ) < >
	return c === SPACE || c === TAB || c === NL || c === CR || c === 59 || c === 38 || c === 124 || c === 40 || c === 41 || c === 60 || c === 62;
}

/** Not a metacharacter, quote, backslash, `$`, backtick or the Dockerfile escape character. */
function isPlain(c: number, escape: number): boolean {
	return !isMeta(c) && c !== 39 && c !== 34 && c !== 92 && c !== 36 && c !== 96 && c !== escape;
}

export function tokenize(text: string, from: number, to: number, options: TokenizeOptions): Token[] {
	return new Tokenizer(text, from, to, options).run();
}

class Tokenizer {
	private i: number;
	private readonly tokens: Token[] = [];
	private pendingHeredocs: { token: RedirectToken; strip: boolean; delimiter: string; quoted: boolean }[] = [];
	private readonly escape: number;

	constructor(private readonly text: string, from: number, private readonly to: number, private readonly options: TokenizeOptions) {
		this.i = from;
		this.escape = (options.escapeChar ?? '\\').charCodeAt(0);
	}

	run(): Token[] {
		const { text, to } = this;
		while (this.i < to) {
			const c = text.charCodeAt(this.i);
			if (isBlank(c)) {
				this.i++;
			} else if (this.skipContinuation()) {
				continue;
			} else if (c === NL) {
				this.push({ kind: 'op', op: '\n', start: this.i, end: this.i + 1 });
				this.i++;
				this.readHeredocBodies();
			} else if (c === 35 /* # */) {
				this.skipComment();
			} else if (c === 59 || c === 38 || c === 124 || c === 40 || c === 41) {
				this.readOperator(c);
			} else if (c === 60 || c === 62) {
				this.readRedirect(this.i);
			} else if (c >= 48 && c <= 57 && this.isFdRedirect()) {
				this.readRedirect(this.i);
			} else {
				this.push(this.readWord());
			}
		}
		return this.tokens;
	}

	private push(token: Token): void {
		this.tokens.push(token);
	}

	/** The character code at j, NaN past the end: nothing after `to` may change the tokens. */
	private code(j: number): number {
		return j < this.to ? this.text.charCodeAt(j) : NaN;
	}

	/** The character at j, '' past the end. */
	private char(j: number): string {
		return j < this.to ? this.text[j] : '';
	}

	/** At an escape character that ends its physical line: skips it (and Dockerfile comment lines after it). */
	private skipContinuation(): boolean {
		const { text } = this;
		const c = text.charCodeAt(this.i);
		const esc = this.options.dockerfile ? this.escape : 92;
		if (c !== esc) return false;
		let j = this.i + 1;
		while (j < this.to && isBlank(text.charCodeAt(j)) && this.options.dockerfile) j++;
		if (j >= this.to) {
			this.i = j;
			return true;
		}
		if (text.charCodeAt(j) !== NL) return false;
		this.i = j + 1;
		if (this.options.dockerfile) this.skipCommentLines();
		return true;
	}

	/** Docker drops empty and `#` lines inside a continued instruction before the shell sees it. */
	private skipCommentLines(): void {
		const { text } = this;
		for (;;) {
			let j = this.i;
			while (j < this.to && isBlank(text.charCodeAt(j))) j++;
			const c = text.charCodeAt(j);
			if (j < this.to && c === 35) {
				const nl = text.indexOf('\n', j);
				this.i = nl < 0 || nl >= this.to ? this.to : nl + 1;
			} else if (j < this.to && c === NL) {
				this.i = j + 1;
			} else {
				return;
			}
		}
	}

	private skipComment(): void {
		// A comment runs to the end of the logical line: joined continuation lines are commented too.
		while (this.i < this.to) {
			const c = this.text.charCodeAt(this.i);
			if (this.skipContinuation()) continue;
			if (c === NL) return;
			this.i++;
		}
	}

	private readOperator(c: number): void {
		const start = this.i;
		const next = this.code(this.i + 1);
		let op: Operator;
		if (c === 59) op = next === 59 ? ';;' : ';';
		else if (c === 38) op = next === 38 ? '&&' : '&';
		else if (c === 124) op = next === 124 ? '||' : next === 38 ? '|&' : '|';
		else op = c === 40 ? '(' : ')';
		// `&>` and `&>>` are redirects.
		if (op === '&' && next === 62) {
			this.readRedirect(start);
			return;
		}
		this.i += op.length;
		this.push({ kind: 'op', op, start, end: this.i });
	}

	private isFdRedirect(): boolean {
		let j = this.i;
		while (j < this.to && this.text.charCodeAt(j) >= 48 && this.text.charCodeAt(j) <= 57) j++;
		const c = this.text.charCodeAt(j);
		return j < this.to && (c === 60 || c === 62);
	}

	private readRedirect(start: number): void {
		const { text } = this;
		let j = start;
		while (j < this.to && /[0-9&]/.test(text[j])) j++;
		const m = /^(<<<|<<-|<<|<>|<&|>>|>&|>\||<|>)/.exec(text.slice(j, Math.min(j + 3, this.to)));
		const op = m ? m[1] : text[j];
		this.i = j + op.length;
		const token: RedirectToken = { kind: 'redirect', op, start, end: this.i };
		this.push(token);
		for (;;) {
			if (this.i < this.to && isBlank(text.charCodeAt(this.i))) this.i++;
			else if (this.i >= this.to || !this.skipContinuation()) break;
		}
		if (this.i >= this.to || isMeta(text.charCodeAt(this.i))) return;
		const target = this.readWord();
		token.target = target;
		token.end = target.end;
		if (op === '<<' || op === '<<-') {
			this.pendingHeredocs.push({ token, strip: op === '<<-', delimiter: target.value, quoted: target.quoted });
		}
	}

	private readHeredocBodies(): void {
		const { text } = this;
		for (const pending of this.pendingHeredocs) {
			const bodyStart = this.i;
			let lineStart = this.i;
			let bodyEnd = this.to;
			let after = this.to;
			while (lineStart < this.to) {
				let nl = text.indexOf('\n', lineStart);
				if (nl < 0 || nl > this.to) nl = this.to;
				let line = text.slice(lineStart, nl);
				if (line.endsWith('\r')) line = line.slice(0, -1);
				if (pending.strip) line = line.replace(/^\t+/, '');
				if (line === pending.delimiter) {
					bodyEnd = lineStart;
					after = Math.min(nl + 1, this.to);
					break;
				}
				lineStart = nl + 1;
			}
			pending.token.heredoc = { delimiter: pending.delimiter, quoted: pending.quoted, start: bodyStart, end: bodyEnd };
			this.i = after;
		}
		this.pendingHeredocs = [];
	}

	private readWord(): WordToken {
		const { text } = this;
		const start = this.i;
		let value = '';
		let quoted = false;
		let quoteSpans = 0;
		let plainChars = 0;
		this.expansions = undefined;
		while (this.i < this.to) {
			const c = text.charCodeAt(this.i);
			if (this.options.dockerfile && c === this.escape && this.skipContinuation()) continue;
			if (isMeta(c)) break;
			if (c === 39 /* ' */) {
				quoted = true;
				quoteSpans++;
				value += this.readUntilQuote(39);
			} else if (c === 34 /* " */) {
				quoted = true;
				quoteSpans++;
				value = this.readDoubleQuoted(value);
			} else if (c === 92 /* \ */) {
				if (this.skipContinuation()) continue;
				quoted = true;
				plainChars++;
				value += this.char(this.i + 1);
				this.i += 2;
			} else if (c === 36 /* $ */ || c === 96 /* ` */) {
				plainChars++;
				if (c === 36 && this.code(this.i + 1) === 39) {
					quoted = true;
					this.i++;
					value += this.readUntilQuote(39);
					continue;
				}
				const e = this.readExpansion(value.length, false);
				value += e.raw;
				if (e.expansion) this.addExpansion(e.expansion);
			} else {
				// A run of plain characters in one slice: building strings char by char fed the GC.
				let j = this.i + 1;
				while (j < this.to && isPlain(text.charCodeAt(j), this.escape)) j++;
				plainChars += j - this.i;
				value += text.slice(this.i, j);
				this.i = j;
			}
		}
		const word: WordToken = { kind: 'word', value, start, end: this.i, quoted, singleQuotedSpan: quoteSpans === 1 && plainChars === 0 };
		if (this.expansions) word.expansions = this.expansions;
		return word;
	}

	private readUntilQuote(quote: number): string {
		const { text } = this;
		this.i++;
		let out = '';
		while (this.i < this.to && text.charCodeAt(this.i) !== quote) {
			if (this.options.dockerfile && text.charCodeAt(this.i) === this.escape && this.skipContinuation()) continue;
			out += text[this.i++];
		}
		this.i++;
		return out;
	}

	/** Expansions of the word being read (a field, not a closure: this is the hot loop). */
	private expansions: Expansion[] | undefined;

	private addExpansion(e: Expansion): void {
		(this.expansions ??= []).push(e);
	}

	private readDoubleQuoted(value: string): string {
		const { text } = this;
		this.i++;
		while (this.i < this.to) {
			const c = text.charCodeAt(this.i);
			if (c === 34) break;
			if (this.options.dockerfile && c === this.escape && this.skipContinuation()) continue;
			if (c === 92) {
				if (this.skipContinuation()) continue;
				const n = this.char(this.i + 1);
				value += n === '"' || n === '\\' || n === '$' || n === '`' ? n : '\\' + n;
				this.i += 2;
			} else if (c === 36 || c === 96) {
				const e = this.readExpansion(value.length, true);
				value += e.raw;
				if (e.expansion) this.addExpansion(e.expansion);
			} else {
				value += text[this.i++];
			}
		}
		this.i++;
		return value;
	}

	/** Reads `$NAME`, `${…}`, `$(…)`, `$((…))` or a backtick substitution verbatim. */
	private readExpansion(at: number, quoted: boolean): { raw: string; expansion?: Expansion } {
		const { text } = this;
		const start = this.i;
		const c = text.charCodeAt(this.i);
		const next = this.char(this.i + 1);
		if (c === 96) {
			this.i = this.closing(this.i + 1, '`');
		} else if (next === '(') {
			this.i = this.closing(this.i + 2, ')');
		} else if (next === '{') {
			this.i = this.closing(this.i + 2, '}');
		} else {
			const m = /^[A-Za-z_][A-Za-z0-9_]*|^[0-9@*#?$!-]/.exec(text.slice(this.i + 1, Math.min(this.i + 65, this.to)));
			if (!m) {
				this.i++;
				return { raw: '$' };
			}
			this.i += 1 + m[0].length;
			const raw = text.slice(start, this.i);
			return { raw, expansion: { from: at, to: at + raw.length, name: m[0], quoted } };
		}
		const raw = text.slice(start, this.i);
		const expansion: Expansion = { from: at, to: at + raw.length, quoted };
		const braced = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?([-+=?])(.*))?\}$/s.exec(raw);
		if (braced) {
			expansion.name = braced[1];
			if (braced[2]) {
				expansion.op = braced[2];
				expansion.word = braced[3];
			}
		}
		return { raw, expansion };
	}

	/** Index just past the matching close character, honouring nesting and quotes. */
	private closing(from: number, close: string): number {
		const { text } = this;
		const open = close === ')' ? '(' : close === '}' ? '{' : '';
		let depth = 1;
		let j = from;
		while (j < this.to) {
			const ch = text[j];
			if (ch === '\\') {
				j += 2;
				continue;
			}
			if (ch === close && close === '`') return j + 1;
			if (ch === '\'' && close !== '}') {
				const q = text.indexOf('\'', j + 1);
				j = q < 0 || q >= this.to ? this.to : q + 1;
				continue;
			}
			if (ch === open) depth++;
			else if (ch === close && --depth === 0) return j + 1;
			j++;
		}
		return this.to;
	}
}

// dockerfile-ast's Instruction.getRawArguments(), the same state machine, with one change: an
// argument's value is cut out of the text in slices instead of being built one character at a
// time (`arg = arg + char`). That concatenation was 40% of everything a cold analysis
// allocated, and most of its garbage-collection time. test/core/astCache.test.ts checks that
// every answer matches the library's own on thousands of files.
//
// Derived from dockerfile-ast 0.7.1, lib/instruction.js (MIT License, Copyright (c) Remy Suen);
// worth offering upstream.

/** What the split reads of an instruction (dockerfile-ast's own fields and getters). */
export interface SplitSource {
	document: { offsetAt(position: Position): number; positionAt(offset: number): Position };
	escapeChar: string;
	getInstructionRange(): { start: Position; end: Position };
	getTextContent(): string;
}

interface Position {
	line: number;
	character: number;
}

/** value, start line, start character, end line, end character of each argument, one after another. */
export type Tokens = (string | number)[];

export function splitRawArguments(instruction: SplitSource): Tokens {
	const tokens: Tokens = [];
	const document = instruction.document;
	const escapeChar = instruction.escapeChar;
	const range = instruction.getInstructionRange();
	const extra = document.offsetAt(range.end) - document.offsetAt(range.start);
	// A private copy: the values are slices of it, and must not keep the whole document alive in
	// the cache that outlives this parse (V8 slices point into their parent string).
	const fullArgs = detach(instruction.getTextContent().substring(extra));
	const offset = document.offsetAt(range.start) + extra;
	let start = false;
	let comment = false;
	let found = -1;
	// whether a space or tab was found that is part of an escaped newline sequence
	let escapedWhitespaceDetected = false;
	// whether the split is inside an escaped newline sequence
	let escaping = false;
	let escapeMarker = -1;
	// The value so far: `done`, then the run fullArgs[runStart, runEnd) not yet cut out.
	let done = '';
	let runStart = -1;
	let runEnd = -1;
	const append = (from: number, to: number) => {
		if (from === runEnd) {
			runEnd = to;
			return;
		}
		if (runStart !== -1) done += fullArgs.slice(runStart, runEnd);
		runStart = from;
		runEnd = to;
	};
	const take = () => {
		const value = runStart === -1 ? done : done + fullArgs.slice(runStart, runEnd);
		done = '';
		runStart = runEnd = -1;
		return value;
	};
	const push = (from: number, to: number) => {
		const s = document.positionAt(offset + from);
		const e = document.positionAt(offset + to);
		tokens.push(take(), s.line, s.character, e.line, e.character);
	};
	for (let i = 0; i < fullArgs.length; i++) {
		const char = fullArgs.charAt(i);
		if (char === ' ' || char === '\t' || char === '\r' || char === '\n') {
			if (escaping) {
				escapedWhitespaceDetected = true;
				if (char === '\r' || char === '\n') {
					// reached a newline, any previously detected whitespace should be ignored
					escapedWhitespaceDetected = false;
					if (comment) {
						// reached a newline, no longer in a comment
						comment = false;
						start = true;
					}
				}
				continue;
			} else if (found !== -1) {
				push(found, escapeMarker === -1 ? i : escapeMarker);
				escapeMarker = -1;
				found = -1;
			}
		} else if (char === escapeChar) {
			const next = fullArgs.charAt(i + 1);
			if (next === ' ' || next === '\t') {
				whitespaceCheck: for (let j = i + 2; j < fullArgs.length; j++) {
					const c = fullArgs.charAt(j);
					switch (c) {
						case ' ':
						case '\t':
							continue;
						case '\r':
						case '\n':
							if (c === '\r') j++;
							comment = false;
							escaping = true;
							start = true;
							if (found !== -1) escapeMarker = i;
							i = j;
							break whitespaceCheck;
						default:
							escapeMarker = i;
							if (found === -1) i = j - 1;
							break whitespaceCheck;
					}
				}
			} else if (next === '\r') {
				comment = false;
				escaping = true;
				start = true;
				if (found !== -1 && escapeMarker === -1) escapeMarker = i;
				i += 2;
			} else if (next === '\n') {
				comment = false;
				escaping = true;
				start = true;
				if (found !== -1 && escapeMarker === -1) escapeMarker = i;
				i++;
			} else {
				if (escapedWhitespaceDetected && escapeMarker !== -1) {
					push(found, escapeMarker);
					found = -1;
				}
				escapeMarker = -1;
				escapedWhitespaceDetected = false;
				escaping = false;
				if (next === '$') {
					append(i, i + 2);
				} else if (next === '') {
					// reached EOF, stop processing
					break;
				} else {
					append(i + 1, i + 2);
				}
				if (found === -1) found = i;
				i++;
			}
		} else if (!comment) {
			if (start && char === '#') {
				comment = true;
			} else {
				if (escapedWhitespaceDetected && escapeMarker !== -1) {
					push(found, escapeMarker);
					found = -1;
				}
				escapedWhitespaceDetected = false;
				escaping = false;
				escapeMarker = -1;
				append(i, i + 1);
				if (found === -1) found = i;
			}
			// non-whitespace character detected, reset
			start = false;
		}
	}
	if (found !== -1) push(found, escapeMarker === -1 ? fullArgs.length : escapeMarker);
	return tokens;
}

/**
 * The same characters in a string of their own. V8 keeps substrings of 13 characters or more as
 * views into their parent string: a value cached beyond a parse must not hold on to the whole
 * document it came from. Concatenating and slicing again is the cheap way to force the copy.
 */
export function detach(text: string): string {
	return (' ' + text).slice(1);
}

// A lone CR (\r not followed by \n) is not a line break for BuildKit: its parser reads lines with Go's
// bufio.ScanLines, which splits at \n and drops one \r before it (and a \r at the very end). So
// `RUN echo a\rRUN apt-get install curl` is ONE instruction whose shell sees `a\rRUN` as a word.
// dockerfile-ast breaks lines at a lone \r, so the core parses a masked copy (same length, the \r
// replaced by a private-use character) and maps positions back to the editor's coordinates, where
// LSP clients do count a lone \r as a line break.
import type { Finding, Fix, Position, Range } from './finding';
import { lineStarts as editorLineStarts, positionAt } from './fix/textEdits';

export const LONE_CR_MASK = '\uE00D';
const LONE_CR = /\r(?!\n)(?!$)/g;

export function maskLoneCr(text: string): string {
	return text.includes('\r') ? text.replace(LONE_CR, LONE_CR_MASK) : text;
}

/** Start offsets of lines as the parse sees them: \n and \r\n, and a \r only at the very end. */
function parsedLineStarts(text: string): number[] {
	const starts = [0];
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 10 || (c === 13 && i === text.length - 1)) starts.push(i + 1);
	}
	return starts;
}

function convertWith(from: number[], to: number[], length: number): (p: Position) => Position {
	return p => positionAt(to, Math.min((from[p.line] ?? length) + p.character, length));
}

export interface PositionMap {
	/** A range of the parse (BuildKit's lines) in the editor's (LSP's) coordinates. */
	toEditor(range: Range): Range;
	/** An editor position in the parse's coordinates. */
	toParsed(position: Position): Position;
}

const IDENTITY: PositionMap = { toEditor: r => r, toParsed: p => p };

export function positionMap(original: string): PositionMap {
	if (!hasLoneCr(original)) return IDENTITY;
	const parsed = parsedLineStarts(original);
	const editor = editorLineStarts(original);
	const toEditor = convertWith(parsed, editor, original.length);
	return { toEditor: r => ({ start: toEditor(r.start), end: toEditor(r.end) }), toParsed: convertWith(editor, parsed, original.length) };
}

function hasLoneCr(text: string): boolean {
	return text.includes('\r') && maskLoneCr(text) !== text;
}

/** Findings of the masked parse, in the editor's coordinates and with the \r restored in fix texts. */
export function findingsForEditor(original: string, findings: Finding[]): Finding[] {
	if (!hasLoneCr(original)) return findings;
	const convert = positionMap(original).toEditor;
	const fix = (f: Fix): Fix => ({ ...f, edits: f.edits.map(e => ({ range: convert(e.range), newText: e.newText.split(LONE_CR_MASK).join('\r') })) });
	return findings.map(f => ({ ...f, range: convert(f.range), ...(f.fixes ? { fixes: f.fixes.map(fix) } : {}) }));
}

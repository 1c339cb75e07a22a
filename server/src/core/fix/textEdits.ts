// LSP-style text edits on plain strings: positions are 0-based lines and UTF-16 characters, lines end
// at \n, \r\n or \r (as in LSP). Shared by fix-all in the server and `patchlens check --fix`.
import type { Position, TextEdit } from '../finding';

export interface OffsetEdit {
	start: number;
	end: number;
	newText: string;
}

/** Start offset of every line. */
export function lineStarts(text: string): number[] {
	const starts = [0];
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 13 /* \r */) {
			if (text.charCodeAt(i + 1) === 10) i++;
			starts.push(i + 1);
		} else if (c === 10 /* \n */) {
			starts.push(i + 1);
		}
	}
	return starts;
}

/** Position -> offset, clamped into the text and to the end of its line (LSP's rule for overshoot). */
export function offsetAt(text: string, starts: number[], position: Position): number {
	if (position.line < 0) return 0;
	if (position.line >= starts.length) return text.length;
	const lineStart = starts[position.line];
	let lineEnd = position.line + 1 < starts.length ? starts[position.line + 1] : text.length;
	while (lineEnd > lineStart && (text[lineEnd - 1] === '\n' || text[lineEnd - 1] === '\r')) lineEnd--;
	return Math.min(lineStart + Math.max(0, position.character), lineEnd);
}

export function positionAt(starts: number[], offset: number): Position {
	let low = 0;
	let high = starts.length - 1;
	while (low < high) {
		const mid = (low + high + 1) >> 1;
		if (starts[mid] <= offset) low = mid;
		else high = mid - 1;
	}
	return { line: low, character: offset - starts[low] };
}

export function toOffsetEdits(text: string, edits: readonly TextEdit[], starts = lineStarts(text)): OffsetEdit[] {
	return edits.map(e => {
		const start = offsetAt(text, starts, e.range.start);
		return { start, end: Math.max(start, offsetAt(text, starts, e.range.end)), newText: e.newText };
	});
}

/**
 * True when two edits touch the same text. Two insertions at one point, or an insertion at the
 * start of a replacement, also count: their order would be a guess.
 */
export function overlaps(a: OffsetEdit, b: OffsetEdit): boolean {
	return (a.start < b.end && b.start < a.end) || a.start === b.start;
}

/** Applies edits that do not overlap each other; returns undefined when some do. */
export function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string | undefined {
	const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
	for (let i = 1; i < sorted.length; i++) if (sorted[i].start < sorted[i - 1].end) return undefined;
	let out = '';
	let at = 0;
	for (const edit of sorted) {
		out += text.slice(at, edit.start) + edit.newText;
		at = Math.max(at, edit.end);
	}
	return out + text.slice(at);
}

export function applyTextEdits(text: string, edits: readonly TextEdit[]): string | undefined {
	return applyOffsetEdits(text, toOffsetEdits(text, edits));
}

/** The smallest single edit turning `before` into `after` (common prefix and suffix kept). */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
	if (before === after) return undefined;
	let prefix = 0;
	const max = Math.min(before.length, after.length);
	while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
	let suffix = 0;
	while (suffix < max - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
	// Never split a \r\n pair: LSP clients would see a position inside a line break.
	if (prefix > 0 && before[prefix - 1] === '\r' && before[prefix] === '\n') prefix--;
	const end = before.length - suffix;
	if (suffix > 0 && end > prefix && before[end - 1] === '\r' && before[end] === '\n') suffix--;
	const starts = lineStarts(before);
	return {
		range: { start: positionAt(starts, prefix), end: positionAt(starts, before.length - suffix) },
		newText: after.slice(prefix, after.length - suffix),
	};
}

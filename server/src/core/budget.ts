// How much of a document the language server analyses. Parsing is one synchronous call into
// dockerfile-ast (about 1.2 s for a 5 MB file here), and nothing can yield inside it, so a huge
// document is analysed up to a budget and the rest is said to be skipped. `patchlens check` has no
// budget: a pipeline may take its time.
import type { Finding } from './finding';

export interface AnalysisBudget {
	maxLines: number;
	maxChars: number;
}

/** Above real Dockerfiles (the largest we know are two or three thousand lines); a 5,000-line parse is one step of about 30-70 ms here. */
export const EDITOR_BUDGET: AnalysisBudget = { maxLines: 3_000, maxChars: 200_000 };

export interface BudgetedText {
	/** The text to analyse: all of it, or whole lines from the start. */
	text: string;
	/** Lines of the document analysed. */
	lines: number;
	/** Some of the document was left out. */
	cut: boolean;
}

/**
 * The longest prefix within the budget that ends on a line break outside a continued instruction
 * (a line ending in `\` or `` ` ``): findings never come from a half instruction.
 */
export function withinBudget(text: string, budget: AnalysisBudget): BudgetedText {
	// Only the first lines are scanned: counting all of a 5 MB document costs more than the cut.
	const breaks = lineBreaks(text, budget.maxLines + 1);
	if (text.length <= budget.maxChars && breaks.length <= budget.maxLines) {
		const lines = breaks.length + unterminated(text);
		if (lines <= budget.maxLines) return { text, lines, cut: false };
	}
	let count = Math.min(breaks.length, budget.maxLines);
	while (count > 0 && breaks[count - 1] >= budget.maxChars) count--;
	// Back off over continuation lines, but not forever: a file that is one huge instruction is cut anyway.
	for (let back = 0; back < 1000 && count > 1 && continues(text, breaks[count - 2], breaks[count - 1]); back++) count--;
	return { text: text.slice(0, count ? breaks[count - 1] + 1 : 0), lines: count, cut: true };
}

/** Offsets of the first `limit` line breaks (`\n`, or a lone `\r`). */
function lineBreaks(text: string, limit: number): number[] {
	const out: number[] = [];
	for (let i = 0; i < text.length && out.length < limit; i++) {
		const c = text.charCodeAt(i);
		if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) out.push(i);
	}
	return out;
}

/** 1 when the text does not end with a line break: a final line break ends a line, it starts none. */
function unterminated(text: string): number {
	const last = text.charCodeAt(text.length - 1);
	return last === 10 || last === 13 ? 0 : 1;
}

/** Lines of a whole document (for the message only). */
export function countLines(text: string): number {
	let lines = unterminated(text);
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) lines++;
	}
	return lines;
}

/** Whether the line between two breaks ends with an escape character: the instruction goes on. */
function continues(text: string, previousBreak: number, lineBreak: number): boolean {
	const line = text.slice(previousBreak + 1, lineBreak).trimEnd();
	return line.endsWith('\\') || line.endsWith('`');
}

/** Code of the finding that says only part of the file was analysed. */
export const PARTIAL = 'partial';

/** A warning on the first line left out, so the user knows why the rest shows nothing. */
export function partialFinding(budgeted: BudgetedText, totalLines: number): Finding {
	const line = budgeted.lines;
	return {
		code: PARTIAL,
		severity: 'warning',
		message: `Patchlens analysed only the first ${budgeted.lines.toLocaleString('en-US')} of ${totalLines.toLocaleString('en-US')} lines of this file `
			+ '(the editor\'s limit per document, so that it stays responsive); `patchlens check` analyses all of it.',
		range: { start: { line, character: 0 }, end: { line, character: 0 } },
	};
}

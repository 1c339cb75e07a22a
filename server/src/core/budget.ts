// How much of a document the language server analyses. Parsing is one synchronous call into
// dockerfile-ast (about 1.2 s for a 5 MB file here), and nothing can yield inside it, so a huge
// document is analysed up to a budget and the rest is said to be skipped. `patchlens check` has no
// budget: a pipeline may take its time.
import type { Finding } from './finding';

export interface AnalysisBudget {
	maxLines: number;
	maxChars: number;
}

/** Far above real Dockerfiles (the largest we know are a few thousand lines); about 60 ms of parse. */
export const EDITOR_BUDGET: AnalysisBudget = { maxLines: 10_000, maxChars: 600_000 };

export interface BudgetedText {
	/** The text to analyse: all of it, or whole lines from the start. */
	text: string;
	/** Lines of the document analysed; equal to `totalLines` when nothing was cut. */
	lines: number;
	totalLines: number;
}

/**
 * The longest prefix within the budget that ends on a line break outside a continued instruction
 * (a line ending in `\` or `` ` ``): findings never come from a half instruction.
 */
export function withinBudget(text: string, budget: AnalysisBudget): BudgetedText {
	const breaks = lineBreaks(text, budget.maxLines + 1);
	const totalLines = breaks.length < budget.maxLines + 1 ? breaks.length + 1 : countLines(text);
	if (text.length <= budget.maxChars && totalLines <= budget.maxLines) return { text, lines: totalLines, totalLines };
	let count = Math.min(breaks.length, budget.maxLines);
	while (count > 0 && breaks[count - 1] >= budget.maxChars) count--;
	// Back off over continuation lines, but not forever: a file that is one huge instruction is cut anyway.
	for (let back = 0; back < 1000 && count > 1 && continues(text, breaks[count - 2], breaks[count - 1]); back++) count--;
	return { text: text.slice(0, count ? breaks[count - 1] + 1 : 0), lines: count, totalLines };
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

function countLines(text: string): number {
	let lines = 1;
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
export function partialFinding(budgeted: BudgetedText): Finding {
	const line = budgeted.lines;
	return {
		code: PARTIAL,
		severity: 'warning',
		message: `Patchlens analysed only the first ${budgeted.lines.toLocaleString('en-US')} of ${budgeted.totalLines.toLocaleString('en-US')} lines of this file `
			+ '(the editor\'s limit per document, so that it stays responsive); `patchlens check` analyses all of it.',
		range: { start: { line, character: 0 }, end: { line, character: 0 } },
	};
}

// "Ignore CODE for this line": a pragma above the instruction, merged into one already there.
// DL/SC codes go in a `# hadolint ignore=` line directly above the instruction (so hadolint in CI
// honours it too); our own codes go in a `# patchlens ignore=` line, kept above any hadolint pragma
// because hadolint's must stay directly above.
import type { Fix } from '../finding';
import type { ParsedDockerfile } from '../parse';
import { parseIgnorePragma, pragmaToolFor } from '../pragma';

/**
 * `lines`: the document's lines; `instructionLine`: 0-based first line of the finding's instruction;
 * `eol`: the document's line ending, so a CRLF file stays CRLF.
 */
export function ignoreForLineFix(lines: readonly string[], instructionLine: number, code: string, eol = '\n'): Fix {
	const title = `Ignore ${code} for this line`;
	const tool = pragmaToolFor(code);
	const indent = /^[ \t]*/.exec(lines[instructionLine] ?? '')![0];
	const above = (line: number) => (line >= 0 ? parseIgnorePragma(lines[line] ?? '') : undefined);
	const insertAt = (line: number) => ({ title, edits: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}# ${tool} ignore=${code}${eol}` }] });
	const appendTo = (line: number, codesEnd: number) => ({ title, edits: [{ range: { start: { line, character: codesEnd }, end: { line, character: codesEnd } }, newText: `,${code}` }] });

	const direct = above(instructionLine - 1);
	if (tool === 'hadolint') {
		if (direct && !direct.global && direct.tool === 'hadolint') return appendTo(instructionLine - 1, direct.codesEnd);
		return insertAt(instructionLine);
	}
	// A patchlens pragma reaches across the comment block above the instruction.
	for (let line = instructionLine - 1; line >= 0 && /^\s*#/.test(lines[line]); line--) {
		const pragma = above(line);
		if (pragma && !pragma.global && pragma.tool === 'patchlens') return appendTo(line, pragma.codesEnd);
	}
	return insertAt(direct && !direct.global && direct.tool === 'hadolint' ? instructionLine - 1 : instructionLine);
}

/** First line of the instruction holding `line` (where a pragma attaches), or `line` itself. */
export function instructionStartLine(parsed: ParsedDockerfile, line: number): number {
	for (const instruction of parsed.dockerfile.getInstructions()) {
		const { start, end } = instruction.getRange();
		if (start.line > line) break;
		if (line <= end.line) return start.line;
	}
	return line;
}

export function eolOf(text: string): string {
	return /\r\n/.test(text.slice(0, 4096)) ? '\r\n' : '\n';
}

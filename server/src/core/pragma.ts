// `# hadolint ignore=DL3008,DL3015` on the line(s) before an instruction, `# hadolint global
// ignore=...` anywhere, and the same with `# patchlens`. Applied after the rules, as hadolint does.
import type { Finding } from './finding';
import type { ParsedDockerfile } from './parse';

const PRAGMA = /^\s*#\s*(?:hadolint|patchlens)\s+(global\s+)?ignore\s*=\s*([A-Za-z0-9_,\s]+)$/i;

export interface Pragmas {
	global: Set<string>;
	/** 0-based instruction start line -> codes ignored for that instruction. */
	byLine: Map<number, Set<string>>;
}

export function readPragmas(parsed: ParsedDockerfile): Pragmas {
	const global = new Set<string>();
	const byLine = new Map<number, Set<string>>();
	const ranges = parsed.dockerfile.getInstructions().map(i => i.getRange());
	const instructionStarts = ranges.map(r => r.start.line).sort((a, b) => a - b);
	// Scan lines rather than parser comments: a first-line pragma can be mistaken for a parser
	// directive. Lines inside an instruction (heredoc bodies, continuations) are not pragmas.
	parsed.lines.forEach((text, line) => {
		const match = PRAGMA.exec(text);
		if (!match || ranges.some(r => r.start.line <= line && line <= r.end.line)) return;
		const codes = match[2].split(',').map(c => c.trim().toUpperCase()).filter(Boolean);
		if (match[1]) {
			codes.forEach(c => global.add(c));
			return;
		}
		// The pragma covers the next instruction, across further comment lines.
		const target = instructionStarts.find(start => start > line);
		if (target === undefined) return;
		const set = byLine.get(target) ?? new Set<string>();
		codes.forEach(c => set.add(c));
		byLine.set(target, set);
	});
	return { global, byLine };
}

export function isSuppressed(finding: Finding, pragmas: Pragmas, instructionStartLine: number): boolean {
	return pragmas.global.has(finding.code) || (pragmas.byLine.get(instructionStartLine)?.has(finding.code) ?? false);
}

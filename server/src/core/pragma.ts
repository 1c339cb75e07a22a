// Inline ignore pragmas, applied after the rules as hadolint does (Hadolint/Pragma.hs):
//   `# hadolint ignore=DL3008,DL3015`   the instruction on the very next line only
//   `# hadolint global ignore=DL3008`   the whole file
//   `# patchlens ignore=PL101`          the next instruction, across further comment lines
//   `# patchlens global ignore=PL101`   the whole file
// `# hadolint` pragmas follow hadolint's grammar exactly (lower-case keywords, codes made of
// D L S C and digits, one bad code voids the pragma, a trailing `# comment` is allowed) so that the
// editor and a hadolint run in CI agree. `# patchlens` pragmas use the same grammar but accept any
// upper-case code (PLxxx), and may sit above a hadolint pragma, which must stay directly above.
import type { Finding } from './finding';
import type { ParsedDockerfile } from './parse';

export type PragmaTool = 'hadolint' | 'patchlens';

export interface IgnorePragma {
	tool: PragmaTool;
	global: boolean;
	codes: string[];
	/** Character offset just after the last code, where a quick fix appends `,CODE`. */
	codesEnd: number;
}

const SPACE = '[ \\t]';
const CODE_CHARS: Record<PragmaTool, string> = { hadolint: '[DLSC0-9]+', patchlens: '[A-Z0-9]+' };
const GRAMMAR: Record<PragmaTool, RegExp> = {
	hadolint: pragmaGrammar('hadolint'),
	patchlens: pragmaGrammar('patchlens'),
};

function pragmaGrammar(tool: PragmaTool): RegExp {
	const code = CODE_CHARS[tool];
	// `#` then hadolint's `spaces "hadolint" spaces1 ["global" spaces1] "ignore" spaces "=" spaces`,
	// codes separated by `spaces "," spaces`, then optional spaces and an optional `# comment`.
	return new RegExp(`^(${SPACE}*#${SPACE}*${tool}${SPACE}+(global${SPACE}+)?ignore${SPACE}*=${SPACE}*)(${code}(?:${SPACE}*,${SPACE}*${code})*)${SPACE}*(?:#.*)?$`);
}

/** Parses one source line as an ignore pragma; undefined when it is not one (or is malformed). */
export function parseIgnorePragma(line: string): IgnorePragma | undefined {
	if (!line.includes('ignore')) return undefined;
	for (const tool of ['hadolint', 'patchlens'] as const) {
		const match = GRAMMAR[tool].exec(line);
		if (!match) continue;
		return {
			tool,
			global: match[2] !== undefined,
			codes: match[3].split(',').map(c => c.trim()),
			codesEnd: match[1].length + match[3].length,
		};
	}
	return undefined;
}

export interface Pragmas {
	global: Set<string>;
	/** 0-based instruction start line -> codes ignored for that instruction. */
	byLine: Map<number, Set<string>>;
}

export function readPragmas(parsed: ParsedDockerfile): Pragmas {
	const global = new Set<string>();
	const byLine = new Map<number, Set<string>>();
	const { lines } = parsed;
	// Lines inside an instruction (heredoc bodies, comments between continuation lines) are not
	// pragmas. One pass over the instruction ranges keeps this linear in the file size.
	const inside = new Uint8Array(lines.length);
	const startsInstruction = new Uint8Array(lines.length + 1);
	for (const instruction of parsed.dockerfile.getInstructions()) {
		const { start, end } = instruction.getRange();
		startsInstruction[start.line] = 1;
		inside.fill(1, start.line, Math.min(end.line, lines.length - 1) + 1);
	}
	const add = (set: Set<string>, codes: string[]) => codes.forEach(c => set.add(c));
	// Scan lines rather than parser comments: a first-line pragma can be mistaken for a parser directive.
	for (let line = 0; line < lines.length; line++) {
		if (inside[line] || !lines[line].includes('#')) continue;
		const pragma = parseIgnorePragma(lines[line]);
		if (!pragma) continue;
		if (pragma.global) {
			add(global, pragma.codes);
			continue;
		}
		let target = line + 1;
		if (pragma.tool === 'patchlens') {
			while (target < lines.length && !inside[target] && isComment(lines[target])) target++;
		}
		if (!startsInstruction[target]) continue;
		const set = byLine.get(target) ?? new Set<string>();
		add(set, pragma.codes);
		byLine.set(target, set);
	}
	return { global, byLine };
}

function isComment(line: string): boolean {
	return /^\s*#/.test(line);
}

export function isSuppressed(finding: Finding, pragmas: Pragmas, instructionStartLine: number): boolean {
	return pragmas.global.has(finding.code) || (pragmas.byLine.get(instructionStartLine)?.has(finding.code) ?? false);
}

/** Which pragma spelling a code belongs in: hadolint knows only its own (and ShellCheck's) codes. */
export function pragmaToolFor(code: string): PragmaTool {
	return /^(DL|SC)\d+$/.test(code) ? 'hadolint' : 'patchlens';
}

// text -> parse -> rules -> pragmas, ignores and severity overrides -> Finding[]. Pure and
// synchronous: the server, the CLI and tests call this one function.
import { clearAstCache } from './astCache';
import { compareFindings, type Finding } from './finding';
import { findingsForEditor } from './loneCr';
import { defaultOptions, type AnalysisOptions } from './options';
import { parseDockerfile, type ParsedDockerfile } from './parse';
import { isSuppressed, readPragmas, type Pragmas } from './pragma';
import { rules as allRules } from './rules/index';
import type { Rule, RuleContext, RuleFinding } from './rules/rule';
import { clearRunCache } from './shell/run';
import { notText } from './textKind';

export interface AnalysisResult {
	findings: Finding[];
	parsed: ParsedDockerfile;
	/** Rules that threw (a bug): their findings are dropped, every other rule still reports. */
	ruleErrors: RuleError[];
}

export interface RuleError {
	code: string;
	error: unknown;
}

export function analyze(text: string, options: Partial<AnalysisOptions> = {}, rules: readonly Rule[] = allRules): AnalysisResult {
	const opts = defaultOptions(options);
	const parsed = parseDockerfile(text);
	const ctx: RuleContext = { ...parsed, options: opts };
	const pragmas = opts.disableIgnorePragma ? NO_PRAGMAS : readPragmas(parsed);
	const instructionStart = instructionStartFinder(parsed);
	const findings: Finding[] = [];
	const ruleErrors: RuleError[] = [];
	// What the parser makes of a binary is garbage: only PL005 (not a text file) judges it.
	const active = notText(text) ? rules.filter(r => r.code === NOT_TEXT_RULE) : rules;
	for (const rule of active) {
		if (!isEnabled(rule, opts)) continue;
		const override = opts.severityOverrides[rule.code];
		if (override === 'off') continue;
		let found: RuleFinding[];
		try {
			found = [...rule.check(ctx)];
		} catch (error) {
			ruleErrors.push({ code: rule.code, error });
			continue;
		}
		for (const item of found) {
			const finding: Finding = {
				code: rule.code,
				severity: override ?? item.severity ?? rule.severity,
				message: item.message,
				range: item.range,
				...(item.fixes?.length ? { fixes: item.fixes } : {}),
			};
			if (!isSuppressed(finding, pragmas, instructionStart(finding.range.start.line))) findings.push(finding);
		}
	}
	return { findings: findingsForEditor(text, findings).sort(compareFindings), parsed, ruleErrors };
}

const NOT_TEXT_RULE = 'PL005';

const NO_PRAGMAS: Pragmas = { global: new Set(), byLine: new Map() };

function isEnabled(rule: Rule, opts: AnalysisOptions): boolean {
	if (opts.ignored.includes(rule.code)) return false;
	return !rule.optional || opts.enabledOptionalRules.includes(rule.code);
}

/**
 * Maps a line to the first line of the instruction containing it (pragmas attach there).
 * A per-line table: a linear scan per finding made large files quadratic.
 */
function instructionStartFinder(parsed: ParsedDockerfile): (line: number) => number {
	const startOf = new Int32Array(parsed.lines.length).fill(-1);
	for (const instruction of parsed.dockerfile.getInstructions()) {
		const { start, end } = instruction.getRange();
		startOf.fill(start.line, start.line, Math.min(end.line, startOf.length - 1) + 1);
	}
	return line => (line < startOf.length && startOf[line] >= 0 ? startOf[line] : line);
}

/**
 * Forgets what analyses keep for the next one (instruction splits, RUN parses), so the next
 * analysis is cold: for benchmarks of a first analysis, and for tests that compare the two.
 */
export function clearAnalysisCaches(): void {
	clearAstCache();
	clearRunCache();
}

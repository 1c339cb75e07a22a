// text -> parse -> rules -> pragmas, ignores and severity overrides -> Finding[]. Pure and
// synchronous: the server, the CLI and tests call this one function.
import { clearAstCache } from './astCache';
import { compareFindings, type Finding } from './finding';
import { findingsForEditor } from './loneCr';
import { defaultOptions, type AnalysisOptions } from './options';
import { parseDockerfile, type ParsedDockerfile, type Stage } from './parse';
import { isSuppressed, readPragmas, type Pragmas } from './pragma';
import { rules as allRules } from './rules/index';
import type { Rule, RuleContext, RuleFinding } from './rules/rule';
import { withAnalysisReuse } from './reuse';
import { clearRunCache, runScript } from './shell/run';
import { notText } from './textKind';

export interface AnalysisResult {
	findings: Finding[];
	parsed: ParsedDockerfile;
	/**
	 * Rules that threw (a bug): their findings are missing, every other rule still reports, and each
	 * also shows up as an `internal` error finding, so no gate passes on an incomplete analysis.
	 */
	ruleErrors: RuleError[];
}

export interface RuleError {
	code: string;
	error: unknown;
}

export function analyze(text: string, options: Partial<AnalysisOptions> = {}, rules: readonly Rule[] = allRules): AnalysisResult {
	const steps = analysisSteps(text, options, rules);
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
	}
}

/**
 * The same analysis in steps: the parse, then one rule per step. analyze() runs them back to back;
 * the language server yields to other requests between steps and drops the rest when the document
 * changed meanwhile. Each step runs inside the reuse scope its options ask for.
 */
export function* analysisSteps(text: string, options: Partial<AnalysisOptions> = {}, rules: readonly Rule[] = allRules): Generator<void, AnalysisResult> {
	const opts = defaultOptions(options);
	const inScope = <T>(step: () => T) => withAnalysisReuse(opts.reuse === true, step);
	const parsed = inScope(() => parseDockerfile(text));
	const ctx: RuleContext = { ...parsed, options: opts };
	const pragmas = opts.disableIgnorePragma ? NO_PRAGMAS : readPragmas(parsed);
	const instructionStart = instructionStartFinder(parsed);
	const shown = (finding: Finding) => !isSuppressed(finding, pragmas, instructionStart(finding.range.start.line));
	// What the parser makes of a binary is garbage: only PL005 (not a text file) judges it.
	const binary = notText(text);
	const active = binary ? rules.filter(r => r.code === NOT_TEXT_RULE) : rules;
	// RUN parses are shared by a dozen rules and memoized per instruction: made one stage per step
	// here, the first rule that needs them does not pay for the whole file in one step.
	for (const stage of binary ? [] : parsed.stages) {
		yield;
		inScope(() => prepareRuns(ctx, stage));
	}
	const findings: Finding[] = [];
	const ruleErrors: RuleError[] = [];
	for (const rule of active) {
		if (!isEnabled(rule, opts) || opts.severityOverrides[rule.code] === 'off') continue;
		yield;
		let found: RuleFinding[];
		try {
			found = inScope(() => [...rule.check(ctx)]);
		} catch (error) {
			ruleErrors.push({ code: rule.code, error });
			findings.push(internalFinding(`rule ${rule.code} failed (${errorMessage(error)}); its findings are missing`));
			continue;
		}
		for (const item of found) {
			const finding = toFinding(rule, item, opts);
			if (shown(finding)) findings.push(finding);
		}
	}
	return { findings: findingsForEditor(text, findings).sort(compareFindings), parsed, ruleErrors };
}

function toFinding(rule: Rule, item: RuleFinding, opts: AnalysisOptions): Finding {
	const override = opts.severityOverrides[rule.code];
	return {
		code: rule.code,
		severity: (override !== 'off' ? override : undefined) ?? item.severity ?? rule.severity,
		message: item.message,
		range: item.range,
		...(item.fixes?.length ? { fixes: item.fixes } : {}),
	};
}

/** Code of the findings that say the analysis itself went wrong; never suppressed or overridden. */
export const INTERNAL = 'internal';

/** An error finding on the first line: the analysis is incomplete, and the user must see it. */
export function internalFinding(what: string): Finding {
	return {
		code: INTERNAL,
		severity: 'error',
		message: `Internal error: ${what}. Please report it.`,
		range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
	};
}

function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

function prepareRuns(ctx: RuleContext, stage: Stage): void {
	try {
		for (const instruction of stage.instructions) if (instruction.getKeyword() === 'RUN') runScript(ctx, stage, instruction);
	} catch {
		// A bug in a RUN parse: each rule that needs it meets it again and reports it as its own.
	}
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

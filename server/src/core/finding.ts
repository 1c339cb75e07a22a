// Plain data shared by the analysis core, the language server, the CLI and the client.
// Positions are 0-based (LSP convention); the CLI converts to 1-based at its edge.
import { compareOrdinal } from './compare';

export type Severity = 'error' | 'warning' | 'info' | 'style';

/** Severities from most to least severe; index order is used for threshold comparisons. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'style'];

export interface Position {
	line: number;
	character: number;
}

export interface Range {
	start: Position;
	end: Position;
}

export interface TextEdit {
	range: Range;
	newText: string;
}

/**
 * How much review a fix needs before it may be applied unattended (`check --fix`, fix-all):
 * 'patch' — safe: a patch bump within the same release line and variant, a bloat repair;
 * 'minor' — a new release line of the same image and variant;
 * 'major' — an LTS line, a distribution move, anything else a human must test.
 * `check --fix` applies only 'patch' unless the user opts into more (`--fix-level`).
 */
export type FixLevel = 'patch' | 'minor' | 'major';

export interface Fix {
	title: string;
	edits: TextEdit[];
	/** The fix an editor applies with "auto fix" / fix-all. */
	isPreferred?: boolean;
	/** Absent means 'patch'. */
	level?: FixLevel;
}

export interface Finding {
	code: string;
	severity: Severity;
	message: string;
	range: Range;
	fixes?: Fix[];
}

export function isSeverity(value: unknown): value is Severity {
	return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

/** True when `severity` is at least as severe as `threshold`. */
export function reaches(severity: Severity, threshold: Severity): boolean {
	return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold);
}

export function compareFindings(a: Finding, b: Finding): number {
	return a.range.start.line - b.range.start.line
		|| a.range.start.character - b.range.start.character
		|| compareOrdinal(a.code, b.code);
}

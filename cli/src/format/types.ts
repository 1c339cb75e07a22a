import type { Finding, FixLevel } from '../../../server/src/core/finding';
import type { Rule } from '../../../server/src/core/rules/rule';

export interface FileReport {
	/** Path as given on the command line (relative paths stay relative). */
	file: string;
	text: string;
	findings: Finding[];
	/** `check --estimate`: 0-based FROM line → startup estimate of its proposed bump (JSON output). */
	estimates?: Record<number, object>;
	/** With --fix: findings whose fix was left for a human, with that fix. */
	needsReview?: ReadonlyMap<Finding, { title: string; level: FixLevel }>;
}

export interface FormatContext {
	rules: readonly Rule[];
	/** Colours and excerpts for a terminal. */
	color: boolean;
	toolVersion: string;
}

export type Formatter = (reports: FileReport[], ctx: FormatContext) => string;

// The shape of a rule: metadata beside a pure check (and its fixes), one file per rule.
import type { Fix, Range, Severity } from '../finding';
import type { AnalysisOptions } from '../options';
import type { ParsedDockerfile } from '../parse';

export interface RuleContext extends ParsedDockerfile {
	options: AnalysisOptions;
}

/** What a check yields; code and default severity are filled in from the rule. */
export interface RuleFinding {
	range: Range;
	message: string;
	fixes?: Fix[];
	/** Rare: a rule whose severity depends on the case (e.g. EOL passed vs near). */
	severity?: Severity;
}

export interface Rule {
	code: string;
	/** Kebab-case name, as hadolint's rule names. */
	name: string;
	severity: Severity;
	/** One line shown in hovers, SARIF and the README table. */
	title: string;
	/** Why it matters: shown in hovers and the docs page. */
	rationale: string;
	/** Rules that must be enabled explicitly (settings / `--enable`). */
	optional?: boolean;
	check(ctx: RuleContext): Iterable<RuleFinding>;
}

export function defineRule(rule: Rule): Rule {
	return rule;
}

/** Where a rule's documentation lives; the docs pages are `docs/rules/<CODE>.md`. */
export const DOCS_BASE = 'https://github.com/patchlens/patchlens/blob/main/docs/rules';

export function docsUrl(code: string): string {
	return `${DOCS_BASE}/${code}.md`;
}

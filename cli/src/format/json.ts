// The stable JSON contract: one object per finding, 1-based lines and columns.
import type { Finding } from '../../../server/src/core/finding';
import type { FileReport, Formatter } from './types';

export interface JsonFinding {
	file: string;
	line: number;
	column: number;
	endLine: number;
	endColumn: number;
	code: string;
	severity: string;
	message: string;
	/** With --fix: the fix left unapplied because it needs a human's review, and its level. */
	needsReview?: { fix: string; level: string };
	/** `check --estimate`: the startup estimate of the bump this finding's fix makes. */
	estimate?: object;
}

/** A finding fixed by a bump of its FROM carries that bump's estimate (the fix edits the FROM line). */
function estimateOf(report: FileReport, f: Finding): { estimate?: object } {
	const estimate = report.estimates?.[f.range.start.line];
	const bumps = f.fixes?.some(fix => fix.edits.some(e => e.range.start.line === f.range.start.line));
	return estimate && bumps ? { estimate } : {};
}

export const formatJson: Formatter = reports => {
	const out: JsonFinding[] = [];
	for (const report of reports) {
		for (const f of report.findings) {
			out.push({
				file: report.file,
				line: f.range.start.line + 1,
				column: f.range.start.character + 1,
				endLine: f.range.end.line + 1,
				endColumn: f.range.end.character + 1,
				code: f.code,
				severity: f.severity,
				message: f.message,
				...estimateOf(report, f),
				...reviewOf(report.needsReview?.get(f)),
			});
		}
	}
	return JSON.stringify(out, null, 2) + '\n';
};

function reviewOf(held: { title: string; level: string } | undefined): Pick<JsonFinding, 'needsReview'> {
	return held ? { needsReview: { fix: held.title, level: held.level } } : {};
}

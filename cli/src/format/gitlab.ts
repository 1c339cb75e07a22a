// GitLab Code Quality (a Code Climate issue subset): description, check_name, fingerprint, severity,
// location.path / lines.begin. The fingerprint is what GitLab uses to tell new issues from old ones
// between the base and head of a merge request, so it must survive unrelated edits: it hashes the
// path, the rule, the text of the flagged line and that line's occurrence count — not the line number.
import { createHash } from 'node:crypto';
import type { Severity } from '../../../server/src/core/finding';
import type { Formatter } from './types';

/** hadolint's gitlab_codeclimate mapping, so switching tools keeps the same severities. */
const SEVERITY: Record<Severity, 'blocker' | 'major' | 'info' | 'minor'> = { error: 'blocker', warning: 'major', info: 'info', style: 'minor' };

export interface CodeQualityIssue {
	type: 'issue';
	description: string;
	check_name: string;
	fingerprint: string;
	severity: string;
	categories: string[];
	location: { path: string; lines: { begin: number; end: number } };
}

export const formatGitlab: Formatter = reports => {
	const issues: CodeQualityIssue[] = [];
	for (const report of reports) {
		const file = toRepoPath(report.file);
		const source = report.text.split(/\r?\n/);
		const seen = new Map<string, number>();
		for (const f of report.findings) {
			const lineText = (source[f.range.start.line] ?? '').trim();
			const key = `${file}\u0000${f.code}\u0000${lineText}`;
			const occurrence = (seen.get(key) ?? 0) + 1;
			seen.set(key, occurrence);
			issues.push({
				type: 'issue',
				description: `${f.code}: ${f.message}`,
				check_name: f.code,
				fingerprint: createHash('sha256').update(`${key}\u0000${occurrence}`).digest('hex'),
				severity: SEVERITY[f.severity],
				categories: ['Bug Risk'],
				location: { path: file, lines: { begin: f.range.start.line + 1, end: f.range.end.line + 1 } },
			});
		}
	}
	return JSON.stringify(issues, null, 2) + '\n';
};

/** GitLab wants forward slashes relative to the repository root, without `./`. */
function toRepoPath(file: string): string {
	return file.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

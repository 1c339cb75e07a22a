// Checkstyle XML (Jenkins warnings-ng, reviewdog, GitLab/SonarQube importers): one <file> per checked
// Dockerfile, one <error> per finding, 1-based positions, the rule code as `source` (as hadolint does).
import type { Severity } from '../../../server/src/core/finding';
import type { Formatter } from './types';

/** Checkstyle knows error, warning and info; style findings are the mildest, so info. */
const SEVERITY: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'info', style: 'info' };

export const formatCheckstyle: Formatter = reports => {
	const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<checkstyle version="4.3">'];
	for (const report of reports) {
		if (!report.findings.length) {
			lines.push(`\t<file name="${xmlAttribute(report.file)}"/>`);
			continue;
		}
		lines.push(`\t<file name="${xmlAttribute(report.file)}">`);
		for (const f of report.findings) {
			lines.push(`\t\t<error line="${f.range.start.line + 1}" column="${f.range.start.character + 1}" severity="${SEVERITY[f.severity]}" message="${xmlAttribute(f.message)}" source="${xmlAttribute(f.code)}"/>`);
		}
		lines.push('\t</file>');
	}
	lines.push('</checkstyle>');
	return lines.join('\n') + '\n';
};

/** Escapes for a double-quoted attribute; characters XML 1.0 cannot carry at all become U+FFFD. */
export function xmlAttribute(value: string): string {
	return value
		// eslint-disable-next-line no-control-regex
		.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD')
		.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/\n/g, '&#10;')
		.replace(/\r/g, '&#13;')
		.replace(/\t/g, '&#9;');
}

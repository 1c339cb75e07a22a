// Finding -> LSP Diagnostic. Fixes travel in `data` so code actions need no second analysis.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { Finding, Severity } from '../core/finding';
import { docsUrl } from '../core/rules/rule';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
	error: DiagnosticSeverity.Error,
	warning: DiagnosticSeverity.Warning,
	info: DiagnosticSeverity.Information,
	style: DiagnosticSeverity.Hint,
};

export const DIAGNOSTIC_SOURCE = 'patchlens';

export function toDiagnostic(finding: Finding): Diagnostic {
	return {
		range: finding.range,
		severity: SEVERITY[finding.severity],
		code: finding.code,
		codeDescription: { href: docsUrl(finding.code) },
		source: DIAGNOSTIC_SOURCE,
		message: finding.message,
	};
}

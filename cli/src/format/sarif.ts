// SARIF 2.1.0 for GitHub code scanning: rule metadata with help URIs, one result per finding.
import * as path from 'node:path';
import type { Severity } from '../../../server/src/core/finding';
import { docsUrl } from '../../../server/src/core/rules/rule';
import type { Formatter } from './types';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', style: 'note' };

export const formatSarif: Formatter = (reports, ctx) => {
	const used = new Set(reports.flatMap(r => r.findings.map(f => f.code)));
	const rules = ctx.rules.filter(r => used.has(r.code));
	const index = new Map(rules.map((r, i) => [r.code, i]));
	const sarif = {
		$schema: 'https://json.schemastore.org/sarif-2.1.0.json',
		version: '2.1.0',
		runs: [{
			tool: {
				driver: {
					name: 'patchlens',
					version: ctx.toolVersion,
					informationUri: 'https://github.com/patchlens/patchlens',
					rules: rules.map(r => ({
						id: r.code,
						name: r.name,
						shortDescription: { text: r.title },
						fullDescription: { text: r.rationale },
						helpUri: docsUrl(r.code),
						help: { text: `${r.title}. ${r.rationale}` },
						defaultConfiguration: { level: LEVEL[r.severity] },
					})),
				},
			},
			results: reports.flatMap(report => report.findings.map(f => ({
				ruleId: f.code,
				...(index.has(f.code) ? { ruleIndex: index.get(f.code) } : {}),
				level: LEVEL[f.severity],
				message: { text: f.message },
				locations: [{
					physicalLocation: {
						artifactLocation: { uri: toUri(report.file) },
						region: {
							startLine: f.range.start.line + 1,
							startColumn: f.range.start.character + 1,
							endLine: f.range.end.line + 1,
							endColumn: f.range.end.character + 1,
						},
					},
				}],
			}))),
		}],
	};
	return JSON.stringify(sarif, null, 2) + '\n';
};

/** SARIF wants URIs; relative paths stay relative (to the repository root in code scanning). */
function toUri(file: string): string {
	const normal = file.split(path.sep).join('/');
	return path.isAbsolute(file) ? `file://${encodeURI(normal)}` : encodeURI(normal);
}

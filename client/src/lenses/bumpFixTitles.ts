// Bump quick fixes say what the bump does to container startup when it was measured on this engine:
// "Bump to python:3.12.11-slim · startup −38 ms ±9 ms @16, measured 2 h ago". Unmeasured bumps keep
// their title (the server's, which already names sizes when the registry knows them).
import type * as vscode from 'vscode';
import { bumpsOf } from '../dockerfile/bumpCandidates';
import type { ResultsRepository } from '../results/resultsRepository';
import { fixTitleNote } from './lensText';

export function annotateBumpFixes(
	document: vscode.TextDocument,
	actions: (vscode.CodeAction | vscode.Command)[],
	results: ResultsRepository,
	concurrency: number,
	buildArgs: Record<string, string>,
	now = new Date(),
): (vscode.CodeAction | vscode.Command)[] {
	if (!results.all().length) return actions;
	const annotated = new Set<vscode.CodeAction>();
	for (const { action, from, image } of bumpsOf(document, actions, buildArgs)) {
		const measured = annotated.has(action) ? undefined : results.comparisonOf(from.image, image, concurrency);
		if (!measured) continue;
		const { comparison, measuredAt } = measured;
		action.title += fixTitleNote({ candidate: image, medianDiffMs: comparison.medianDiffMs, ci95: comparison.ci95, measuredAt }, concurrency, now);
		annotated.add(action);
	}
	return actions;
}

// Bump quick fixes say what the bump does to container startup when it was measured on this engine:
// "Bump to python:3.12.11-slim · startup −38 ms ±9 ms @16, measured 2 h ago". Unmeasured bumps keep
// their title (the server's, which already names sizes when the registry knows them) plus the estimate once it
// has arrived: "Bump to python:3.13-slim · ≈ +1.3 s first start after bump (3 new layers, 48 MB) · warm ±0 ms (estimated)".
import type * as vscode from 'vscode';
import { bumpsOf } from '../dockerfile/bumpCandidates';
import type { ResultsRepository } from '../results/resultsRepository';
import type { BumpEstimator } from './bumpEstimator';
import { fixTitleNote } from './lensText';

export function annotateBumpFixes(
	document: vscode.TextDocument,
	actions: (vscode.CodeAction | vscode.Command)[],
	results: ResultsRepository,
	concurrency: number,
	buildArgs: Record<string, string>,
	now = new Date(),
	estimator?: BumpEstimator,
): (vscode.CodeAction | vscode.Command)[] {
	if (!results.all().length && !estimator) return actions;
	const annotated = new Set<vscode.CodeAction>();
	for (const { action, from, image } of bumpsOf(document, actions, buildArgs)) {
		if (annotated.has(action)) continue;
		const measured = results.comparisonOf(from.image, image, concurrency);
		if (measured) {
			const { comparison, measuredAt } = measured;
			action.title += fixTitleNote({ candidate: image, medianDiffMs: comparison.medianDiffMs, ci95: comparison.ci95, measuredAt }, concurrency, now);
		} else {
			// Never waits: a pending look-up leaves the title as it is (the next request shows the figure).
			const estimate = estimator?.estimate(from.image, image, concurrency);
			if (estimate?.kind !== 'estimate') continue;
			action.title += ` \u00b7 ${estimate.line}`;
		}
		annotated.add(action);
	}
	return actions;
}

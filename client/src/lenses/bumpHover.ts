// Hover on a FROM with a proposed bump: the same estimate as its lens, with the breakdown. Adds to the
// language server's hover (VS Code shows both); answers only from memory, so it never waits on the network.
import * as vscode from 'vscode';
import { benchmarkSettings } from '../settings';
import type { BumpEstimator } from './bumpEstimator';
import type { StartupLensProvider } from './startupLensProvider';

export function bumpHoverProvider(lenses: StartupLensProvider, estimator: BumpEstimator): vscode.HoverProvider {
	return {
		async provideHover(document, position) {
			if (!/^\s*FROM\b/i.test(document.lineAt(position.line).text)) return undefined;
			const bump = await lenses.proposedBump(document, position.line);
			if (!bump) return undefined;
			const concurrency = benchmarkSettings(document.uri).lensConcurrency;
			const state = estimator.estimate(bump.from.image, bump.candidate, concurrency);
			if (!state || state.kind === 'pending') return undefined;
			const md = new vscode.MarkdownString();
			md.appendMarkdown(`**Startup after bump to \`${bump.candidate}\`** (${concurrency} at once): `);
			// Our own sentences (no user text but image names): plain Markdown reads better than escaped text.
			if (state.kind === 'estimate') md.appendMarkdown(`${state.line}\n\n${state.details.map(d => `- ${d}`).join('\n')}\n`);
			else md.appendText(`estimate unavailable: ${state.reason}`);
			return new vscode.Hover(md);
		},
	};
}

// The base-image bumps the language server proposes for a Dockerfile, read from its quick fixes: a fix
// that changes what a FROM names is a bump. Nothing is duplicated here, so lenses and benchmarks propose
// exactly what the quick fixes would write.
import * as vscode from 'vscode';
import { fromLines, type FromLine } from './fromLines';

export interface BumpCandidate {
	/** The FROM it would change (as parsed now). */
	from: FromLine;
	/** The image after the fix. */
	image: string;
	/** The quick fix's title, e.g. "Bump to python:3.12.11-slim". */
	title: string;
}

/** Bumps proposed for the FROMs in `range` (default: the whole document). */
export async function bumpCandidates(document: vscode.TextDocument, buildArgs: Record<string, string>, range?: vscode.Range): Promise<BumpCandidate[]> {
	const text = document.getText();
	const before = fromLines(text, buildArgs);
	if (!before.length) return [];
	const where = range ?? new vscode.Range(0, 0, document.lineCount, 0);
	const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
		'vscode.executeCodeActionProvider', document.uri, where, vscode.CodeActionKind.QuickFix.value) ?? [];
	const candidates: BumpCandidate[] = [];
	for (const { action, from, image } of bumpsOf(document, actions, buildArgs, before)) {
		if (candidates.some(c => c.from.line === from.line && c.image === image)) continue;
		candidates.push({ from, image, title: action.title });
	}
	return candidates;
}

/** The actions among `actions` that change what a FROM names, with the FROM and the image after the fix. */
export function bumpsOf(document: vscode.TextDocument, actions: readonly (vscode.CodeAction | vscode.Command)[], buildArgs: Record<string, string>,
	before = fromLines(document.getText(), buildArgs)): { action: vscode.CodeAction; from: FromLine; image: string }[] {
	const bumps: { action: vscode.CodeAction; from: FromLine; image: string }[] = [];
	if (!before.length) return bumps;
	const text = document.getText();
	// Code actions are requested on every cursor move: re-parse only for edits that can change a base image
	// (they touch a FROM's image, or an ARG a FROM may use), not for pragma or RUN fixes.
	const touchesBase = (edit: vscode.TextEdit) => /^\s*ARG\b/i.test(document.lineAt(edit.range.start.line).text)
		|| before.some(f => !edit.range.end.isBefore(new vscode.Position(f.range.start.line, f.range.start.character))
			&& !edit.range.start.isAfter(new vscode.Position(f.range.end.line, f.range.end.character)));
	for (const action of actions) {
		const edits = 'edit' in action ? action.edit?.get(document.uri) : undefined;
		if (!edits?.length || !edits.some(touchesBase)) continue;
		const after = fromLines(applyEdits(document, text, edits), buildArgs);
		if (after.length !== before.length) continue; // not a bump: it added or removed a FROM
		before.forEach((from, i) => {
			if (after[i].image !== from.image) bumps.push({ action: action as vscode.CodeAction, from, image: after[i].image });
		});
	}
	return bumps;
}

function applyEdits(document: vscode.TextDocument, text: string, edits: vscode.TextEdit[]): string {
	const sorted = [...edits].sort((a, b) => document.offsetAt(b.range.start) - document.offsetAt(a.range.start));
	let out = text;
	for (const edit of sorted) {
		out = out.slice(0, document.offsetAt(edit.range.start)) + edit.newText + out.slice(document.offsetAt(edit.range.end));
	}
	return out;
}

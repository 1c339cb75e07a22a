// Quick fixes and fix-all. Fixes come from the findings cached for `uri@version` (vscode-eslint's
// idea: no second analysis for a lightbulb), with the edit inline so no command round trip is needed.
// Ignoring a rule for the workspace changes user settings, which only the client can do: that one is
// a command the client registers.
import { positionMap } from '../core/loneCr';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../core/analyze';
import type { Finding, Fix } from '../core/finding';
import { applyFixes, preferredFix } from '../core/fix/applyFixes';
import { bumpAllEdits } from '../core/lifecycle/bumpAll';
import { eolOf, ignoreForLineFix, instructionStartLine } from '../core/fix/ignoreFix';
import { minimalEdit } from '../core/fix/textEdits';
import { parseDockerfile } from '../core/parse';
import type { AnalyzedDocument } from './diagnostics';
import { DIAGNOSTIC_SOURCE } from './toLsp';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.patchlens`;
/** Handled by the client (client/src/commands/ignoreRule.ts): arguments `[code, documentUri]`. */
export const IGNORE_IN_WORKSPACE_COMMAND = 'patchlens.ignoreRuleInWorkspace';
/** "Bump all base images in this file" (server/src/core/lifecycle/bumpAll.ts). */
export const BUMP_ALL_KIND = `${CodeActionKind.Source}.patchlens.bumpAll`;
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, FIX_ALL_KIND, BUMP_ALL_KIND];

export function codeActions(params: CodeActionParams, document: TextDocument, analyzed: AnalyzedDocument | undefined): CodeAction[] {
	const only = params.context.only;
	const wants = (kind: string) => !only || only.some(o => kind === o || kind.startsWith(`${o}.`));
	const actions: CodeAction[] = [];
	if (wants(CodeActionKind.QuickFix) && analyzed && analyzed.version === document.version) {
		actions.push(...quickFixes(params, document, analyzed));
	}
	// Fix-all is asked for explicitly (Source Action menu, codeActionsOnSave), not for a lightbulb.
	if (only && wants(FIX_ALL_KIND) && analyzed) {
		const fixAll = fixAllAction(document, analyzed);
		if (fixAll) actions.push(fixAll);
	}
	if (only && wants(BUMP_ALL_KIND)) {
		const edits = bumpAllEdits(document.getText(), analyzed?.options ?? {});
		if (edits.length) {
			actions.push({
				title: `Bump all base images in this file (${edits.length})`,
				kind: BUMP_ALL_KIND,
				edit: { changes: { [document.uri]: edits.map(({ range, newText }) => ({ range, newText })) } },
			});
		}
	}
	return actions;
}

function quickFixes(params: CodeActionParams, document: TextDocument, analyzed: AnalyzedDocument): CodeAction[] {
	const uri = document.uri;
	const actions: CodeAction[] = [];
	const ignores = new Map<string, CodeAction>();
	const text = document.getText();
	const parsed = analyzed.parsed ?? parseDockerfile(text);
	const eol = eolOf(text);
	// Findings are in the editor's lines, the parse in BuildKit's (they differ only at a lone \r).
	const map = positionMap(text);
	for (const diagnostic of params.context.diagnostics) {
		if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
		const finding = analyzed.findings.find(f => matches(f, diagnostic));
		if (!finding) continue;
		const preferred = preferredFix(finding);
		for (const fix of finding.fixes ?? []) actions.push(toAction(uri, fix, diagnostic, fix === preferred && !!fix.isPreferred));
		const line = instructionStartLine(parsed, map.toParsed(finding.range.start).line);
		const parsedFix = ignoreForLineFix(parsed.lines, line, finding.code, eol);
		const lineFix = { ...parsedFix, edits: parsedFix.edits.map(e => ({ ...e, range: map.toEditor(e.range) })) };
		const lineKey = `${finding.code}@${line}`;
		if (!ignores.has(lineKey)) ignores.set(lineKey, toAction(uri, lineFix, diagnostic, false));
		const workspaceKey = `${finding.code}@workspace`;
		if (!ignores.has(workspaceKey)) {
			const title = `Ignore ${finding.code} in this workspace`;
			ignores.set(workspaceKey, {
				title,
				kind: CodeActionKind.QuickFix,
				diagnostics: [diagnostic],
				command: { title, command: IGNORE_IN_WORKSPACE_COMMAND, arguments: [finding.code, uri] },
			});
		}
	}
	// Real fixes first, then the ways to silence a rule.
	return [...actions, ...ignores.values()];
}

function fixAllAction(document: TextDocument, analyzed: AnalyzedDocument): CodeAction | undefined {
	const text = document.getText();
	const fresh = analyzed.version === document.version;
	// The cached findings serve the first pass when they are current; later passes re-analyse.
	const analyzeText = (t: string) => (fresh && t === text ? { findings: analyzed.findings, parsed: analyzed.parsed } : analyze(t, analyzed.options));
	const result = applyFixes(text, analyzeText);
	const edit = minimalEdit(text, result.text);
	if (!edit) return undefined;
	return {
		title: `Fix all auto-fixable Patchlens problems (${result.applied.length})`,
		kind: FIX_ALL_KIND,
		edit: { changes: { [document.uri]: [edit] } },
	};
}

function toAction(uri: string, fix: Fix, diagnostic: Diagnostic, isPreferred: boolean): CodeAction {
	return {
		title: fix.title,
		kind: CodeActionKind.QuickFix,
		diagnostics: [diagnostic],
		...(isPreferred ? { isPreferred: true } : {}),
		edit: { changes: { [uri]: fix.edits } },
	};
}

function matches(finding: Finding, diagnostic: Diagnostic): boolean {
	const a = finding.range;
	const b = diagnostic.range;
	return finding.code === diagnostic.code
		&& a.start.line === b.start.line && a.start.character === b.start.character
		&& a.end.line === b.end.line && a.end.character === b.end.character;
}

// Fix-all: apply every preferred fix that does not overlap another, re-analyse, repeat until
// nothing is left to fix (a fixed point) or a few passes have run. Every pass is checked: the
// result must still parse into the same stages and keep every instruction (see keepsShape),
// otherwise the fixes are tried one by one and the ones that break something are dropped. Pure: the caller passes
// the analysis, so the server and the CLI get identical results.
import type { Finding, Fix } from '../finding';
import { parseDockerfile } from '../parse';
import { applyOffsetEdits, lineStarts, overlaps, toOffsetEdits, type OffsetEdit } from './textEdits';

export interface AppliedFix {
	code: string;
	title: string;
	/** 0-based line of the finding in the text the pass started from. */
	line: number;
	pass: number;
}

export interface FixAllResult {
	text: string;
	changed: boolean;
	applied: AppliedFix[];
	/** Fixes that would have broken the Dockerfile and were left out. */
	rejected: AppliedFix[];
	passes: number;
}

export interface FixAllOptions {
	maxPasses?: number;
}

/** The fix an editor may apply unasked: the preferred one, or the only one. */
export function preferredFix(finding: Finding): Fix | undefined {
	const fixes = finding.fixes ?? [];
	// A lone fix counts unless its rule marked it as not for unattended use (isPreferred: false).
	return fixes.find(f => f.isPreferred) ?? (fixes.length === 1 && fixes[0].isPreferred !== false ? fixes[0] : undefined);
}

export function applyFixes(text: string, analyzeText: (text: string) => readonly Finding[], options: FixAllOptions = {}): FixAllResult {
	const maxPasses = options.maxPasses ?? 5;
	const applied: AppliedFix[] = [];
	const rejected: AppliedFix[] = [];
	const rejectedKeys = new Set<string>();
	let current = text;
	let passes = 0;
	while (passes < maxPasses) {
		const candidates = selectFixes(current, analyzeText(current).filter(f => !rejectedKeys.has(keyOf(f))));
		if (!candidates.length) break;
		passes++;
		const shape = shapeOf(current);
		const all = applyOffsetEdits(current, candidates.flatMap(c => c.edits));
		let next: string;
		if (all !== undefined && keepsShape(shape, all)) {
			next = all;
			applied.push(...candidates.map(c => c.describe(passes)));
		} else {
			// Find the culprit(s): apply one at a time, each checked on its own.
			next = current;
			for (const candidate of candidates) {
				const edits = toOffsetEdits(next, candidate.fix.edits);
				const one = applyOffsetEdits(next, edits);
				if (one !== undefined && keepsShape(shape, one)) {
					next = one;
					applied.push(candidate.describe(passes));
				} else {
					rejectedKeys.add(candidate.key);
					rejected.push(candidate.describe(passes));
				}
			}
		}
		// Fixes that change nothing would repeat forever: that is a fixed point too.
		if (next === current) break;
		current = next;
	}
	return { text: current, changed: current !== text, applied, rejected, passes };
}

interface Candidate {
	fix: Fix;
	key: string;
	edits: OffsetEdit[];
	describe(pass: number): AppliedFix;
}

/** Preferred fixes in document order, skipping any that overlaps one already taken. */
export function selectFixes(text: string, findings: readonly Finding[]): Candidate[] {
	const starts = lineStarts(text);
	const taken: Candidate[] = [];
	const ordered = [...findings].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
	for (const finding of ordered) {
		const fix = preferredFix(finding);
		if (!fix || !fix.edits.length) continue;
		const edits = toOffsetEdits(text, fix.edits, starts);
		// A fix whose own edits overlap is malformed; one overlapping a taken fix waits for the next pass.
		if (edits.some((e, i) => edits.some((o, j) => i < j && overlaps(e, o)))) continue;
		if (taken.some(t => t.edits.some(e => edits.some(o => overlaps(e, o))))) continue;
		taken.push({
			fix,
			key: keyOf(finding),
			edits,
			describe: pass => ({ code: finding.code, title: fix.title, line: finding.range.start.line, pass }),
		});
	}
	return taken;
}

function keyOf(finding: Finding): string {
	return `${finding.code}\u0000${preferredFix(finding)?.title ?? ''}\u0000${finding.message}`;
}

interface Shape {
	stages: number;
	/** Keyword of every instruction except RUN, in order. */
	keywords: string[];
	runs: number;
	/** Instructions whose keyword Docker does not know: a fix must not create one. */
	unknown: number;
}

const KEYWORDS = new Set(['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);

function shapeOf(text: string): Shape {
	const keywords = parseDockerfile(text).dockerfile.getInstructions().map(i => i.getKeyword().toUpperCase());
	const others = keywords.filter(k => k !== 'RUN');
	return {
		stages: keywords.filter(k => k === 'FROM').length,
		// ADD -> COPY (DL3020) keeps the instruction: both copy files into the layer.
		keywords: others.map(k => k === 'ADD' ? 'COPY' : k),
		runs: keywords.length - others.length,
		unknown: keywords.filter(k => !KEYWORDS.has(k)).length,
	};
}

/**
 * A fix may rewrite any instruction, add instructions and merge RUNs (layer consolidation), but must
 * not drop or reorder any other instruction, change the stages, create an instruction Docker cannot
 * parse, or remove the last RUN of a file.
 */
function keepsShape(before: Shape, text: string): boolean {
	const after = shapeOf(text);
	return after.stages === before.stages
		&& after.unknown <= before.unknown
		&& isSubsequence(before.keywords, after.keywords)
		&& (before.runs === 0 || after.runs > 0);
}

function isSubsequence(needle: readonly string[], haystack: readonly string[]): boolean {
	let i = 0;
	for (const item of haystack) if (i < needle.length && item === needle[i]) i++;
	return i === needle.length;
}

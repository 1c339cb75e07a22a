// Which fix of each finding fix-all may apply unattended, and which of those can go together in
// one pass. Linear in the number of fixes: taken edits live in a sorted index searched by bisection
// (comparing every candidate with every fix taken made 100k-line files take minutes).
import type { Finding, Fix, FixLevel } from '../finding';
import { lineStarts, overlaps, positionAt, toOffsetEdits, type OffsetEdit } from './textEdits';

const RANK: Record<FixLevel, number> = { patch: 0, minor: 1, major: 2 };

export function levelOf(fix: Fix): FixLevel {
	return fix.level ?? 'patch';
}

export function withinLevel(fix: Fix, allowed: FixLevel): boolean {
	return RANK[levelOf(fix)] <= RANK[allowed];
}

/**
 * The fix fix-all may apply for `finding` at review level `allowed`: the rule's preferred fix when
 * its level is allowed; when the user opted into more than 'patch', the best (first) fix the rule
 * marked with an allowed level above 'patch'. A lone fix is never taken unless its rule marked it.
 */
export function chosenFix(finding: Finding, allowed: FixLevel = 'patch'): Fix | undefined {
	const fixes = finding.fixes ?? [];
	const preferred = fixes.find(f => f.isPreferred);
	if (preferred && withinLevel(preferred, allowed)) return preferred;
	if (allowed === 'patch') return undefined;
	return fixes.find(f => f.level !== undefined && f.level !== 'patch' && withinLevel(f, allowed));
}

/**
 * The best fix fix-all left for a human: one above the allowed level, else the first fix of a
 * finding whose rule marked none as safe to apply unattended.
 */
export function heldBackFix(finding: Finding, allowed: FixLevel): Fix | undefined {
	const fixes = finding.fixes ?? [];
	if (!fixes.length || chosenFix(finding, allowed)) return undefined;
	return fixes.find(f => !withinLevel(f, allowed)) ?? fixes[0];
}

export function keyOf(finding: Finding, allowed: FixLevel): string {
	return `${finding.code}\u0000${chosenFix(finding, allowed)?.title ?? ''}\u0000${finding.message}`;
}

export interface Candidate {
	finding: Finding;
	fix: Fix;
	key: string;
	edits: OffsetEdit[];
}

export interface Selection {
	/** Non-overlapping fixes in document order. */
	taken: Candidate[];
	/** Fixes refused because they would remove a digest pin without pinning again. */
	dropsPin: Candidate[];
}

/** Chosen fixes in document order, skipping any that overlaps one already taken. */
export function selectFixes(text: string, findings: readonly Finding[], allowed: FixLevel = 'patch'): Selection {
	const starts = lineStarts(text);
	const taken: Candidate[] = [];
	const dropsPin: Candidate[] = [];
	const index = new SpanIndex();
	const ordered = [...findings].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
	for (const finding of ordered) {
		const fix = chosenFix(finding, allowed);
		if (!fix || !fix.edits.length) continue;
		const edits = toOffsetEdits(text, fix.edits, starts);
		// A fix whose own edits overlap is malformed; one overlapping a taken fix waits for the next pass.
		if (edits.some((e, i) => edits.some((o, j) => i < j && overlaps(e, o)))) continue;
		const candidate = { finding, fix, key: keyOf(finding, allowed), edits };
		if (removesPin(text, starts, edits)) {
			dropsPin.push(candidate);
			continue;
		}
		if (edits.some(e => index.overlapsAny(e))) continue;
		for (const e of edits) index.add(e);
		taken.push(candidate);
	}
	return { taken, dropsPin };
}

const PIN = /@sha(?:256|384|512):[0-9a-f]{32,}/gi;

/**
 * Safety net whatever a rule offers: true when the lines an edit touches hold fewer digest pins
 * after it than before (a bump that re-pins keeps the count).
 */
export function removesPin(text: string, starts: number[], edits: readonly OffsetEdit[]): boolean {
	let before = 0;
	let after = 0;
	for (const e of edits) {
		const from = starts[positionAt(starts, e.start).line];
		const next = positionAt(starts, e.end).line + 1;
		const to = next < starts.length ? starts[next] : text.length;
		const lines = text.slice(from, to);
		before += count(lines);
		after += count(text.slice(from, e.start) + e.newText + text.slice(e.end, to));
	}
	return after < before;
}

function count(text: string): number {
	return text.includes('@') ? (text.match(PIN)?.length ?? 0) : 0;
}

/** Edits already taken, sorted by start; taken edits never overlap, so two neighbours decide. */
class SpanIndex {
	private readonly spans: OffsetEdit[] = [];

	overlapsAny(edit: OffsetEdit): boolean {
		const i = this.firstAtOrAfter(edit.start);
		return (i < this.spans.length && overlaps(this.spans[i], edit)) || (i > 0 && overlaps(this.spans[i - 1], edit));
	}

	add(edit: OffsetEdit): void {
		const i = this.firstAtOrAfter(edit.start);
		// Fixes arrive in document order, so this is nearly always an append.
		if (i === this.spans.length) this.spans.push(edit);
		else this.spans.splice(i, 0, edit);
	}

	private firstAtOrAfter(offset: number): number {
		let low = 0;
		let high = this.spans.length;
		while (low < high) {
			const mid = (low + high) >> 1;
			if (this.spans[mid].start < offset) low = mid + 1;
			else high = mid;
		}
		return low;
	}
}

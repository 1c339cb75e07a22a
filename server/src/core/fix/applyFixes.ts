// Fix-all: apply every chosen fix that does not overlap another, re-analyse, repeat until nothing is
// left to fix (a fixed point) or a few passes have run. Only fixes within the allowed review level
// are applied ('patch' unless the caller opts into more); the others are listed as needing review.
// Every pass is checked: the result must still parse into the same stages and keep every
// instruction (fixShape.ts), otherwise halves of the pass are tried (bisection) and the fixes that
// break something are dropped. A fix that would remove a digest pin is refused whatever its rule
// says. A fix whose finding survives it is undone: tried once more in a later pass when it shared
// its pass with others, then left out and reported (it would be applied on every pass and on every
// later run). Linear in the number of fixes. Pure: the caller passes the analysis, so the server
// and the CLI get identical results.
import type { Finding, Fix, FixLevel } from '../finding';
import type { ParsedDockerfile } from '../parse';
import { keepsShape, shapeOf, type Shape } from './fixShape';
import { heldBackFix, keyOf, levelOf, removesPin, selectFixes, type Candidate } from './selectFixes';
import { applyOffsetEdits, lineStarts, toOffsetEdits } from './textEdits';

export interface AppliedFix {
	code: string;
	title: string;
	/** 0-based line of the finding in the text the pass started from. */
	line: number;
	pass: number;
}

export interface RejectedFix extends AppliedFix {
	/** 'shape': it would have broken the Dockerfile; 'pin': it would have removed a digest pin. */
	reason: 'shape' | 'pin';
}

export interface ReviewFix extends AppliedFix {
	level: FixLevel;
	/** It removes a digest pin: no --fix-level applies it (a human re-pins). */
	dropsPin: boolean;
	/** The finding of the final text it belongs to. */
	finding: Finding;
}

export interface FixAllResult {
	text: string;
	changed: boolean;
	applied: AppliedFix[];
	/** Fixes that would have broken the Dockerfile or dropped a pin, and were left out. */
	rejected: RejectedFix[];
	/** Fixes whose finding survived them: undone, not repeated. */
	unresolved: AppliedFix[];
	/** Findings of the final text whose fix needs more review than allowed (0-based lines of the final text). */
	needsReview: ReviewFix[];
	passes: number;
	/** The analysis of `text` (the final text), so callers need not analyse it again. */
	findings: readonly Finding[];
}

export interface FixAllOptions {
	maxPasses?: number;
	/** The most review a fix may need to be applied; default 'patch'. */
	level?: FixLevel;
}

/** The fix an editor may apply unasked: the one its rule marked preferred (a lone fix is not enough). */
export function preferredFix(finding: Finding): Fix | undefined {
	return (finding.fixes ?? []).find(f => f.isPreferred);
}

/**
 * The analysis fix-all runs between passes. Returning the parse too (as `analyze` does) spares fix-all
 * its own parse for the shape checks.
 */
export type AnalyzeText = (text: string) => readonly Finding[] | Analyzed;

interface Analyzed {
	findings: readonly Finding[];
	parsed?: Pick<ParsedDockerfile, 'dockerfile'>;
}

export function applyFixes(text: string, analyzeText: AnalyzeText, options: FixAllOptions = {}): FixAllResult {
	return new FixAll(text, analyzeText, options.level ?? 'patch').run(options.maxPasses ?? 5);
}

type Analysis = Pass['next'];

/** One fix-all run: the text so far, its analysis, and what was applied, refused or held back. */
class FixAll {
	private current: string;
	private analysis: Analysis;
	private passes = 0;
	private readonly applied: AppliedFix[] = [];
	private readonly rejected: RejectedFix[] = [];
	private readonly unresolved: AppliedFix[] = [];
	/** Keys never tried again: refused, or their finding survived them. */
	private readonly excluded = new Set<string>();
	/** Keys whose finding survived once, in a pass shared with other fixes: one more try, alone or later. */
	private readonly suspects = new Set<string>();
	/** Suspects left out of the pass being redone. */
	private readonly deferred = new Set<string>();

	constructor(private readonly original: string, private readonly analyzeText: AnalyzeText, private readonly level: FixLevel) {
		this.current = original;
		this.analysis = this.analyze(original);
	}

	run(maxPasses: number): FixAllResult {
		while (this.passes < maxPasses && this.step()) { /* each step is a pass or a redo */ }
		const { current: text, original, applied, rejected, unresolved, passes } = this;
		const findings = this.analysis.findings;
		return { text, changed: text !== original, applied, rejected, unresolved, needsReview: reviewList(text, findings, this.level), passes, findings };
	}

	/** False at a fixed point. */
	private step(): boolean {
		const open = this.analysis.findings.filter(f => !this.excluded.has(keyOf(f, this.level)) && !this.deferred.has(keyOf(f, this.level)));
		const { taken, dropsPin } = selectFixes(this.current, open, this.level);
		for (const c of dropsPin) this.reject(c, 'pin');
		if (!taken.length) {
			// Only deferred suspects left: give them their second try.
			const retry = this.deferred.size > 0;
			this.deferred.clear();
			return retry;
		}
		const pass = runPass(this.current, this.analysis.shape, taken, t => this.analyze(t));
		for (const c of pass.broken) this.reject(c, 'shape');
		// Fixes that change nothing would repeat forever: that is a fixed point too.
		if (pass.text === this.current) return false;
		const stuck = survivors(pass.applied, this.analysis.findings, pass.next.findings, this.level);
		if (stuck.length) {
			// Undo the pass; redo it without them. A key stuck twice, or stuck in a pass of its own, is out.
			const alone = pass.applied.every(c => stuck.some(s => s.key === c.key));
			for (const c of stuck) this.settleStuck(c, alone);
			return true;
		}
		this.passes++;
		this.applied.push(...pass.applied.map(c => describe(c, this.passes)));
		this.current = pass.text;
		this.analysis = pass.next;
		this.deferred.clear();
		return true;
	}

	private settleStuck(c: Candidate, alone: boolean): void {
		if (alone || this.suspects.has(c.key)) {
			this.excluded.add(c.key);
			this.unresolved.push(describe(c, this.passes + 1));
		} else {
			this.suspects.add(c.key);
			this.deferred.add(c.key);
		}
	}

	private reject(c: Candidate, reason: RejectedFix['reason']): void {
		if (this.excluded.has(c.key)) return;
		this.excluded.add(c.key);
		this.rejected.push({ ...describe(c, this.passes + 1), reason });
	}

	private analyze(t: string): Analysis {
		const result = this.analyzeText(t);
		return isAnalyzed(result) ? { findings: result.findings, shape: shapeOf(t, result.parsed) } : { findings: result, shape: shapeOf(t) };
	}
}

function isAnalyzed(result: readonly Finding[] | Analyzed): result is Analyzed {
	return !Array.isArray(result);
}

interface Pass {
	text: string;
	applied: Candidate[];
	broken: Candidate[];
	/** The analysis of `text`. */
	next: { findings: readonly Finding[]; shape: Shape };
}

/**
 * All candidates at once when the result keeps its shape (checked on the analysis the next pass needs
 * anyway), else halves of them in turn (bisection) to find the culprits. Every edit stays relative
 * to `current`, so accepted fixes never shift the others.
 */
function runPass(current: string, shape: Shape, candidates: Candidate[], analyzeOne: (t: string) => Pass['next']): Pass {
	const all = applyOffsetEdits(current, candidates.flatMap(c => c.edits));
	if (all !== undefined) {
		const next = analyzeOne(all);
		if (keepsShape(shape, next.shape)) return { text: all, applied: candidates, broken: [], next };
	}
	const accepted: Candidate[] = [];
	const broken: Candidate[] = [];
	const settle = (group: Candidate[]): void => {
		if (!group.length) return;
		const text = applyOffsetEdits(current, [...accepted, ...group].flatMap(c => c.edits));
		if (text !== undefined && keepsShape(shape, shapeOf(text))) accepted.push(...group);
		else if (group.length === 1) broken.push(group[0]);
		else {
			const mid = group.length >> 1;
			settle(group.slice(0, mid));
			settle(group.slice(mid));
		}
	};
	// The whole group already failed: start with its halves.
	settle(candidates.slice(0, candidates.length >> 1));
	settle(candidates.slice(candidates.length >> 1));
	const text = accepted.length ? applyOffsetEdits(current, accepted.flatMap(c => c.edits)) ?? current : current;
	return { text, applied: accepted, broken, next: text === current ? { findings: [], shape } : analyzeOne(text) };
}

/**
 * Fixes whose finding is still there: per key, the findings after the pass must be fewer than
 * before by at least the number of fixes applied for it.
 */
function survivors(applied: readonly Candidate[], before: readonly Finding[], after: readonly Finding[], level: FixLevel): Candidate[] {
	const fixed = new Map<string, Candidate[]>();
	for (const c of applied) {
		const list = fixed.get(c.key);
		if (list) list.push(c);
		else fixed.set(c.key, [c]);
	}
	const tally = (findings: readonly Finding[]) => {
		const counts = new Map<string, number>();
		for (const f of findings) {
			const key = keyOf(f, level);
			if (fixed.has(key)) counts.set(key, (counts.get(key) ?? 0) + 1);
		}
		return counts;
	};
	const was = tally(before);
	const is = tally(after);
	return [...fixed].filter(([key, cs]) => (is.get(key) ?? 0) > (was.get(key) ?? 0) - cs.length).map(([, cs]) => cs[0]);
}

function reviewList(text: string, findings: readonly Finding[], level: FixLevel): ReviewFix[] {
	const out: ReviewFix[] = [];
	let starts: number[] | undefined;
	for (const finding of findings) {
		const fix = heldBackFix(finding, level);
		if (!fix) continue;
		starts ??= lineStarts(text);
		const dropsPin = removesPin(text, starts, toOffsetEdits(text, fix.edits, starts));
		out.push({ code: finding.code, title: fix.title, line: finding.range.start.line, pass: 0, level: levelOf(fix), dropsPin, finding });
	}
	return out;
}

function describe(c: Candidate, pass: number): AppliedFix {
	return { code: c.finding.code, title: c.fix.title, line: c.finding.range.start.line, pass };
}

// Lifecycle findings' shared plumbing: the assessed FROM lines of a file and candidates -> fixes.
import type { Fix, FixLevel } from '../finding';
import { imageRefAt, type FromImage } from '../image/fromImage';
import { formatReference } from '../image/reference';
import { retagEdits } from '../image/retag';
import type { AnalysisOptions } from '../options';
import type { Stage } from '../parse';
import type { RuleContext } from '../rules/rule';
import { assessImage, type Assessment, type Candidate } from './assess';
import { candidatesOf, judgeMove, lineTarget, type Target } from './target';

export interface AssessedStage {
	stage: Stage;
	from: Extract<FromImage, { kind: 'image' }>;
	assessment: Assessment;
}

// Per analysis (the options object): the same reference on many FROM lines is assessed once.
const cache = new WeakMap<AnalysisOptions, Map<string, Assessment | null>>();

/** Every FROM that resolves to an official image with data; unresolved ones are skipped, never guessed. */
export function* assessedStages(ctx: RuleContext): Iterable<AssessedStage> {
	for (const stage of ctx.stages) {
		const from = imageRefAt(ctx, stage);
		if (from.kind !== 'image') continue;
		let byText = cache.get(ctx.options);
		if (!byText) cache.set(ctx.options, byText = new Map());
		let assessment = byText.get(from.text);
		if (assessment === undefined) {
			assessment = assessImage(from, ctx.options) ?? null;
			byText.set(from.text, assessment);
		}
		if (assessment) yield { stage, from, assessment };
	}
}

/** `python:3.12.14-slim`, keeping the registry as written. */
export function referenceWith(a: Assessment, tag: string): string {
	return formatReference({ ...a.ref, tag, digest: undefined });
}

export function candidateTitle(a: Assessment, c: Candidate): string {
	const ref = referenceWith(a, c.tag);
	const move = c.distribution ? `${c.distribution.name} ${c.distribution.from.cycle} → ${c.distribution.to.cycle}${c.distribution.to.codename ? ` (${c.distribution.to.codename})` : ''}` : '';
	switch (c.kind) {
		case 'patch': return `Bump to ${ref} (latest ${c.line.cycle} patch)`;
		case 'lts': return `Bump to ${ref} (newest LTS line, ${c.line.cycle})${move ? `, moving ${move}` : ''}`;
		case 'line': return `Bump to ${ref} (newest supported line, ${c.line.cycle})${move ? `, moving ${move}` : ''}`;
		case 'distribution': return `Move ${move}: ${ref}`;
	}
}

const targets = new WeakMap<Assessment, Target | null>();

/** The FROM's one coherent target (see target.ts), computed once per assessment. */
export function targetOf(a: Assessment, options: AnalysisOptions): Target | undefined {
	let t = targets.get(a);
	if (t === undefined) targets.set(a, t = lineTarget(a, options) ?? null);
	return t ?? undefined;
}

/**
 * Fixes for a lifecycle finding: the FROM's target first (every finding on the line proposes the
 * same tag), then the rule's own smaller steps, deduplicated. Each says which findings it settles
 * and carries its review level; only a 'patch' move may be preferred (applied unattended), so a
 * lone line or distribution move is explicitly not preferred. A digest pin is kept when the
 * registry told us the new digest; otherwise the move drops the pin and needs review ('major').
 */
export function candidateFixes(ctx: RuleContext, entry: AssessedStage, candidates: (Candidate | undefined)[]): Fix[] {
	const a = entry.assessment;
	const fixes: Fix[] = [];
	const seen = new Set<string>();
	const target = targetOf(a, ctx.options);
	for (const candidate of [target?.candidate, ...candidates]) {
		if (!candidate || seen.has(candidate.tag)) continue;
		seen.add(candidate.tag);
		const digest = entry.from.digest && !ctx.options.offline ? ctx.options.registryFacts?.digest(a.repository, candidate.tag) : undefined;
		const edits = retagEdits(ctx, entry.stage, { tag: candidate.tag, ...(digest ? { digest } : {}) });
		if (!edits) continue;
		const judged = candidate === target?.candidate ? target : judgeMove(a, candidate, ctx.options);
		const dropsPin = !!entry.from.digest && !digest;
		const level: FixLevel = dropsPin ? 'major' : judged.level;
		const title = candidateTitle(a, candidate) + sizeNote(ctx, entry, candidate.tag)
			+ (entry.from.digest ? (digest ? ', pinned to its digest' : ', dropping the digest pin (re-pin it after review)') : '')
			+ settlesNote(judged);
		const preferred = level === 'patch' && !fixes.some(f => f.isPreferred);
		fixes.push({ title, edits, isPreferred: preferred, level });
	}
	return fixes;
}

/** ` — settles PL101, PL107` (and what stays, when something does). */
function settlesNote(t: Target): string {
	const settles = t.settles.length ? ` — settles ${t.settles.join(', ')}` : '';
	const remains = t.remains.length ? `${settles ? ';' : ' —'} still ${t.remains.join(', ')}` : '';
	return settles + remains;
}

/**
 * Every tag a fix may move `a` to, for lookups made ahead of analysis (their digests and sizes).
 * Mirrors the candidates the lifecycle rules pass to `candidateFixes`.
 */
export function candidateTags(a: Assessment): string[] {
	return candidatesOf(a).map(c => c.tag);
}

/** The reference whose size is the FROM's own: the pinned digest when there is one, else the tag. */
export function sizeReference(from: Pick<AssessedStage['from'], 'tag' | 'digest'>): string {
	return from.digest ?? from.tag ?? 'latest';
}

/** ` (6.3 MB → 10.5 MB compressed)` when the registry told both sizes; nothing otherwise. */
function sizeNote(ctx: RuleContext, entry: AssessedStage, tag: string): string {
	const size = ctx.options.offline ? undefined : ctx.options.registryFacts?.compressedSize;
	if (!size) return '';
	const before = size(entry.assessment.repository, sizeReference(entry.from));
	const after = size(entry.assessment.repository, tag);
	return before === undefined || after === undefined ? '' : ` (${formatBytes(before)} → ${formatBytes(after)} compressed)`;
}

/** Decimal units, as registries and `docker images` show them. */
export function formatBytes(bytes: number): string {
	if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
	if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
	if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)} kB`;
	return `${bytes} B`;
}

/** ` (resolved from ARG defaults: node:18.19.0-alpine)` when the FROM line is not literal. */
export function resolvedNote(entry: AssessedStage): string {
	const written = entry.stage.from.getImage() ?? '';
	return written.includes('$') ? ` (\`${written}\` resolves to \`${entry.from.text}\`)` : '';
}

/** Supported-until text for a candidate's line. */
export function supportedUntil(line: Candidate['line']): string {
	return typeof line.eol === 'string' ? `supported until ${line.eol}` : 'no end of life announced';
}

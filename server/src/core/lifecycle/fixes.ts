// Lifecycle findings' shared plumbing: the assessed FROM lines of a file and candidates -> fixes.
import type { Fix } from '../finding';
import { imageRefAt, type FromImage } from '../image/fromImage';
import { formatReference } from '../image/reference';
import { retagEdit } from '../image/retag';
import type { AnalysisOptions } from '../options';
import type { Stage } from '../parse';
import type { RuleContext } from '../rules/rule';
import { assessImage, type Assessment, type Candidate } from './assess';

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

/**
 * Fixes for candidates in the given order (best first), deduplicated. Only a patch bump is marked
 * preferred: fix-all may apply it unattended, while a new release line or distribution needs a test.
 */
export function candidateFixes(ctx: RuleContext, entry: AssessedStage, candidates: (Candidate | undefined)[]): Fix[] {
	const fixes: Fix[] = [];
	const seen = new Set<string>();
	for (const candidate of candidates) {
		if (!candidate || seen.has(candidate.tag)) continue;
		seen.add(candidate.tag);
		// A digest-pinned FROM stays pinned when the registry told us the new tag's digest.
		const digest = entry.from.digest && !ctx.options.offline ? ctx.options.registryFacts?.digest(entry.assessment.repository, candidate.tag) : undefined;
		const edit = retagEdit(ctx, entry.stage, { tag: candidate.tag, ...(digest ? { digest } : {}) });
		if (!edit) continue;
		const title = candidateTitle(entry.assessment, candidate) + sizeNote(ctx, entry, candidate.tag)
			+ (entry.from.digest ? (digest ? ', pinned to its digest' : ' (drops the digest of the old tag)') : '');
		fixes.push({ title, edits: [edit], ...(fixes.length === 0 && candidate.kind === 'patch' ? { isPreferred: true } : {}) });
	}
	return fixes;
}

/**
 * Every tag a fix may move `a` to, for lookups made ahead of analysis (their digests and sizes).
 * Mirrors the candidates the lifecycle rules pass to `candidateFixes`.
 */
export function candidateTags(a: Assessment): string[] {
	const all = [a.latestPatch, a.newestLts, a.newestLine, a.distro?.move, a.distro?.moveWithNewerLine];
	return [...new Set(all.flatMap(c => c ? [c.tag] : []))];
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

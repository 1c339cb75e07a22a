// The words of a startup code lens, from whatever figures exist. Pure, so it is unit-tested. Measured
// figures are stated plainly; an estimate says so; no figure at all means no number (never a guess).

export interface MeasuredFigure {
	medianMs: number;
	measuredAt: Date;
}

export interface BumpFigure {
	candidate: string;
	medianDiffMs: number;
	ci95: [number, number];
	measuredAt: Date;
}

export interface LensFigures {
	image: string;
	concurrency: number;
	measured?: MeasuredFigure;
	/** The model's estimate of the median, when nothing was measured. */
	estimateMs?: number;
	/** A measured comparison of this image (baseline) with a bump candidate. */
	bump?: BumpFigure;
	/** A bump the server proposes that has no measurement yet. */
	proposedBump?: string;
	/** The estimate for the proposed bump (bumpEstimator.ts), when a look-up was allowed. */
	bumpEstimate?: BumpEstimateState;
}

export type BumpEstimateState =
	| { kind: 'pending' }
	| { kind: 'estimate'; line: string; details: string[] }
	| { kind: 'unavailable'; reason: string };

export interface LensText {
	title: string;
	tooltip: string;
}

export function lensText(f: LensFigures, now: Date): LensText {
	const parts: string[] = [];
	const tips: string[] = [];
	if (f.measured) {
		// The age goes with the figure it dates; a measured bump dates the whole line (it is newer or equal).
		parts.push(`p50 ${ms(f.measured.medianMs)} @${f.concurrency}${f.bump ? '' : `, measured ${ago(f.measured.measuredAt, now)}`}`);
		tips.push(`Median startup of ${f.image} with ${f.concurrency} containers started at once, measured ${ago(f.measured.measuredAt, now)}.`);
	} else if (f.estimateMs !== undefined) {
		parts.push(`\u2248 p50 ${ms(f.estimateMs)} @${f.concurrency} (estimated)`);
		tips.push(`Not measured yet: the model estimates the median startup of ${f.image} at ${f.concurrency} containers at once. Click to measure.`);
	}
	if (f.bump) {
		const halfWidth = (f.bump.ci95[1] - f.bump.ci95[0]) / 2;
		parts.push(`bump to ${shortTag(f.bump.candidate, f.image)}: ${signedMs(f.bump.medianDiffMs)} \u00b1${ms(halfWidth)}, measured ${ago(f.bump.measuredAt, now)}`);
		tips.push(`Bumping to ${f.bump.candidate} changes the median startup by ${signedMs(f.bump.medianDiffMs)} (95% interval ${signedMs(f.bump.ci95[0])} to ${signedMs(f.bump.ci95[1])}).`);
	} else if (f.proposedBump && (f.bumpEstimate?.kind === 'estimate' || f.bumpEstimate?.kind === 'unavailable')) {
		const est = f.bumpEstimate;
		parts.push(`bump to ${shortTag(f.proposedBump, f.image)}: ${est.kind === 'estimate' ? est.line : 'estimate unavailable'}`);
		tips.push(...(est.kind === 'estimate' ? est.details : [`No estimate for ${f.proposedBump}: ${est.reason}`]));
		tips.push(`Click to measure ${f.image} against the proposed bump ${f.proposedBump}.`);
	} else if (f.proposedBump) {
		tips.push(`Click to measure ${f.image} against the proposed bump ${f.proposedBump}.`);
		if (!parts.length) return { title: `$(pulse) Measure startup vs ${shortTag(f.proposedBump, f.image)}`, tooltip: tips.join('\n') };
		parts.push(`bump to ${shortTag(f.proposedBump, f.image)}: not measured yet`);
	}
	if (!parts.length) return { title: '$(pulse) Measure startup', tooltip: `Benchmark the container startup of ${f.image} (${f.concurrency} at once).` };
	return { title: parts.join(' \u00b7 '), tooltip: tips.join('\n') };
}

/**
 * What a bump quick fix's title adds when the bump was measured: ` · startup −38 ms ±9 ms @16, measured
 * 2 h ago`. Only a measured comparison of exactly this baseline and candidate counts; nothing otherwise.
 */
export function fixTitleNote(bump: BumpFigure, concurrency: number, now: Date): string {
	const halfWidth = (bump.ci95[1] - bump.ci95[0]) / 2;
	return ` \u00b7 startup ${signedMs(bump.medianDiffMs)} \u00b1${ms(halfWidth)} @${concurrency}, measured ${ago(bump.measuredAt, now)}`;
}

export function ms(value: number): string {
	return `${Math.round(Math.abs(value))} ms`;
}

export function signedMs(value: number): string {
	const rounded = Math.round(value);
	return `${rounded < 0 ? '\u2212' : rounded > 0 ? '+' : '\u00b1'}${Math.abs(rounded)} ms`;
}

/** `3.12.11-slim` when only the tag differs from `current`, else the whole reference. */
export function shortTag(candidate: string, current: string): string {
	const repo = (ref: string) => ref.replace(/@.*$/, '').replace(/:[^/:]*$/, '');
	const tag = /:([^/:@]+)(?:@.*)?$/.exec(candidate)?.[1];
	return tag && repo(candidate) === repo(current) ? tag : candidate;
}

export function ago(then: Date, now: Date): string {
	const s = Math.max(0, Math.round((now.getTime() - then.getTime()) / 1000));
	if (s < 60) return 'just now';
	const m = Math.round(s / 60);
	if (m < 60) return `${m} min ago`;
	const h = Math.round(m / 60);
	if (h < 48) return `${h} h ago`;
	return `${Math.round(h / 24)} days ago`;
}

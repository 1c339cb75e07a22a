// Fitting the startup model to this engine's own measurements. Ridge least squares pulls each parameter
// toward its documented default, so a figure the observations cannot separate (download vs unpack when every
// layer compresses alike) stays near the default instead of swinging. The stated interval comes from how far
// the fitted model misses the observations it was fitted on, widened when there are few of them.
import { ridgeFit } from '../estimate';
import { percentile } from '../stats';
import { DEFAULT_STARTUP_MODEL, predictStart, type PullParams, type StartParams, type StartupModel } from './model';

/** One cold pull of an image on this engine: what was missing and how long it took. */
export interface PullObservation {
	ms: number;
	layers: number;
	compressedBytes: number;
	unpackedBytes: number;
	files: number;
}

/** The median warm ready time of N containers started at once. */
export interface StartObservation {
	concurrency: number;
	layers: number;
	medianMs: number;
}

export interface CalibrationInput {
	engineId: string;
	pulls: readonly PullObservation[];
	starts: readonly StartObservation[];
	layerObservations?: number;
	base?: StartupModel;
}

const MB = 1e6;

/** θ = [perPull, perLayer, ms per compressed MB, ms per unpacked MB, ms per 1000 files]. */
function pullRow(p: PullObservation): number[] {
	return [1, p.layers, p.compressedBytes / MB, p.unpackedBytes / MB, p.files / 1000];
}

function pullTheta(p: PullParams): number[] {
	return [p.perPullMs, p.perLayerMs, MB / p.downloadBytesPerMs, MB / p.unpackBytesPerMs, 1000 * p.perFileMs];
}

function fromTheta(t: number[], base: PullParams): PullParams {
	const rate = (msPerMb: number, fallback: number) => (msPerMb > 1e-6 ? MB / msPerMb : fallback);
	return {
		perPullMs: t[0], perLayerMs: t[1],
		downloadBytesPerMs: rate(t[2], base.downloadBytesPerMs), unpackBytesPerMs: rate(t[3], base.unpackBytesPerMs),
		perFileMs: t[4] / 1000,
	};
}

/** A default pull of the mid-sized image the prior weighs like (5 layers, 50 MB, 200 MB, 10k files): ~4.6 s. */
const PRIOR_PULL_MS = 4600;

/**
 * Weighted by 1/ms: a loaded machine slows every phase of a pull alike, so misses are proportional to the pull
 * time. Unweighted, the 10 s pulls set the fixed cost and a 0.5 s pull inherits one it never had.
 */
/**
 * Ridge least squares with every parameter ≥ 0 (a cost is never negative). `ridgeFit` clamps a negative
 * coefficient to 0 but keeps the others from the unconstrained solve, which then make up for the negative one;
 * here a clamped term is fixed at 0 and the rest re-fitted without it, until none is clamped.
 */
export function nonNegativeRidgeFit(rows: readonly number[][], y: readonly number[], prior: readonly number[], lambda: readonly number[]): number[] {
	let active = prior.map((_, i) => i);
	for (;;) {
		const pick = <T>(xs: readonly T[]) => active.map(i => xs[i]);
		const fit = ridgeFit(rows.map(pick), [...y], pick(prior), pick(lambda));
		const out = prior.map(() => 0);
		active.forEach((i, k) => { out[i] = fit[k]; });
		// One at a time: fixing a term at 0 can lift another that was clamped only to make up for it.
		const clamped = fit.findIndex(v => v <= 0);
		if (clamped < 0 || active.length === 1) return out;
		active = active.filter((_, k) => k !== clamped);
	}
}

export function fitPull(pulls: readonly PullObservation[], base: PullParams): PullParams {
	if (!pulls.length) return base;
	// The prior weighs like one observation of a mid-sized image per term, in the same relative units.
	const lambda = [1, 25, 2500, 40_000, 100].map(l => l / PRIOR_PULL_MS ** 2);
	const rows = pulls.map(p => pullRow(p).map(x => x / p.ms));
	return fromTheta(nonNegativeRidgeFit(rows, pulls.map(() => 1), pullTheta(base), lambda), base);
}

export function fitStart(starts: readonly StartObservation[], base: StartParams): StartParams {
	if (!starts.length) return base;
	const [startMs, perConcurrentMs] = ridgeFit(starts.map(s => [1, (s.concurrency - 1) / 2]),
		starts.map(s => s.medianMs - base.perLayerStartMs * s.layers), [base.startMs, base.perConcurrentMs], [0.05, 0.05]);
	return { ...base, startMs, perConcurrentMs };
}

/** Relative half-width covering ~80 % of the fit's own misses, inflated for few observations (at most ±100 %); the default below 3. */
export function spreadOf(relativeMisses: readonly number[], fallback: number): number {
	if (relativeMisses.length < 3) return fallback;
	const q = percentile(relativeMisses.map(Math.abs), 80);
	return Math.min(1, Math.max(0.08, q * (1 + 1 / Math.sqrt(relativeMisses.length))));
}

export function calibrateStartup(input: CalibrationInput): StartupModel {
	const base = input.base ?? DEFAULT_STARTUP_MODEL;
	if (!input.pulls.length && !input.starts.length) return base;
	const pull = fitPull(input.pulls, base.pull);
	const start = fitStart(input.starts, base.start);
	const t = pullTheta(pull);
	const pullMisses = input.pulls.map(p => (pullRow(p).reduce((s, x, i) => s + x * t[i], 0) - p.ms) / p.ms);
	const startMisses = input.starts.map(s => (predictStart(start, s.layers, s.concurrency) - s.medianMs) / s.medianMs);
	return {
		pull, start,
		spread: { pull: spreadOf(pullMisses, base.spread.pull), start: spreadOf(startMisses, base.spread.start), ratio: base.spread.ratio },
		calibration: {
			source: 'this-engine', engineId: input.engineId,
			pullObservations: input.pulls.length, startObservations: input.starts.length, layerObservations: input.layerObservations ?? 0,
		},
	};
}

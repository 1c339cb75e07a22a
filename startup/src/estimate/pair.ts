// The estimate for one proposed bump: CURRENT → CANDIDATE at N containers on one engine as it is now.
// `coldStartMs` is what `patchlens bench --image CANDIDATE --mode cold --concurrency N` measures (median time
// until a container is ready, pulling what the engine lacks); `warmDeltaMs` is CANDIDATE minus CURRENT, warm.
import { missingLayers, predictPullOf, predictStart, type Calibration, type LayerFacts, type PullBreakdown, type StartupModel } from './model';
import { sizeLayers, type LayerRatio, type MeasuredLayer } from './ratios';
import { predictWarmDelta, warmSubject, type WarmModel, type WarmPrediction } from './warm';

export interface PairInput {
	image: string;
	candidate: string;
	current: readonly LayerFacts[];
	candidateLayers: readonly LayerFacts[];
	/** Digests and diff ids the engine holds (image inspect RootFS.Layers of every image on it). */
	present: ReadonlySet<string>;
	concurrency: number;
	/** What a warm start of each runs (config Entrypoint + Cmd), when known: it picks the images' kin (warm.ts). */
	currentCommand?: readonly string[];
	candidateCommand?: readonly string[];
}

export interface PairEstimate {
	image: string;
	candidate: string;
	concurrency: number;
	coldStartMs: number;
	coldStartInterval: [number, number];
	warmDeltaMs: number;
	/** What the warm delta rests on (warm.ts): comparisons of both images' kins or commands, or their layer counts only. */
	warm: Omit<WarmPrediction, 'deltaMs'>;
	/** The first start after the bump minus a warm start of CURRENT: the pull plus the warm difference. */
	firstStartDeltaMs: number;
	newLayers: number;
	newBytes: number;
	source: 'estimated';
	calibration: Calibration;
	breakdown: PullBreakdown & { startMs: number };
}

export interface EstimateContext {
	model: StartupModel;
	ratios: Readonly<Record<string, LayerRatio>>;
	recorded?: ReadonlyMap<string, MeasuredLayer>;
	warm?: WarmModel;
}

export function estimatePair(input: PairInput, ctx: EstimateContext): PairEstimate {
	const n = Math.max(1, input.concurrency);
	const missing = sizeLayers(missingLayers(input.candidateLayers, input.present), ctx.ratios, ctx.recorded);
	const pull = predictPullOf(ctx.model.pull, missing);
	const startMs = predictStart(ctx.model.start, input.candidateLayers.length, n);
	const { deltaMs: warmDeltaMs, ...warm } = predictWarmDelta(ctx.warm ?? { levels: [], defaultPerLayerMs: ctx.model.start.perLayerStartMs },
		warmSubject(input.image, input.currentCommand, input.current.length), warmSubject(input.candidate, input.candidateCommand, input.candidateLayers.length), n);
	return {
		image: input.image, candidate: input.candidate, concurrency: n,
		coldStartMs: pull.totalMs + startMs,
		coldStartInterval: interval(ctx.model, pull, startMs),
		warmDeltaMs, warm, firstStartDeltaMs: pull.totalMs + warmDeltaMs, newLayers: pull.layers, newBytes: pull.compressedBytes,
		source: 'estimated', calibration: ctx.model.calibration,
		breakdown: { ...pull, startMs },
	};
}

/** Pull and start uncertainties add; sizes guessed from ratios widen the part of the pull they drive. */
export function interval(model: StartupModel, pull: PullBreakdown, startMs: number): [number, number] {
	const guessedShare = pull.layers ? pull.estimatedLayers / pull.layers : 0;
	const sizeDriven = pull.unpackMs + pull.filesMs;
	const pullHalf = pull.totalMs * model.spread.pull + sizeDriven * guessedShare * model.spread.ratio;
	const startHalf = startMs * model.spread.start;
	const point = pull.totalMs + startMs;
	return [Math.max(0, point - pullHalf - startHalf), point + pullHalf + startHalf];
}

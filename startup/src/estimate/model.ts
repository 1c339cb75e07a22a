// The physics of a cold start, as a small additive model (issue 14). A container of an image the engine
// lacks becomes ready after
//   pull   = perPull + Σ missing layers ( perLayer + compressed / download bandwidth
//                                         + unpacked / unpack throughput + files · perFile )
//   start  = start + perConcurrent · (N - 1) / 2 + perLayerStart · layers
// N containers of a new image on one engine pull it once and then contend on start, so the median
// container of N is ready after pull + start(N). Download, decompression and file creation are separate
// terms: a layer of many small files (python's stdlib) costs more than its compressed size suggests.
// Pure: no I/O; the inputs say what the engine holds and what each layer is (estimated or exact).

export interface LayerFacts {
	/** Compressed digest (registry). */
	digest: string;
	/** Uncompressed digest (image config rootfs.diff_ids; the engine's RootFS.Layers). */
	diffId?: string;
	mediaType: string;
	compressedBytes: number;
	/** Exact when this engine pulled the layer and recorded it; otherwise estimated by ratios.ts. */
	unpackedBytes?: number;
	files?: number;
}

export interface PullParams {
	perPullMs: number;
	perLayerMs: number;
	downloadBytesPerMs: number;
	unpackBytesPerMs: number;
	perFileMs: number;
}

export interface StartParams {
	startMs: number;
	/** What each further container started at once adds to the median container. */
	perConcurrentMs: number;
	perLayerStartMs: number;
}

export interface Calibration {
	source: 'defaults' | 'this-engine';
	/** Engine id the figures were fitted on (never another engine's). */
	engineId?: string;
	pullObservations: number;
	startObservations: number;
	/** Layers whose unpacked size / file count taught the ratios. */
	layerObservations: number;
}

export interface StartupModel {
	pull: PullParams;
	start: StartParams;
	/** Relative half-widths of the stated intervals (0.5: ±50 %). */
	spread: { pull: number; start: number; ratio: number };
	calibration: Calibration;
}

/**
 * Defaults before any measured run: the model fitted on every realistic Debian pair (docs/estimate.md) measured on
 * a quiet 2-CPU machine with a local registry (4 December 2026: 108 cold pulls, warm medians 102–131 ms at N = 1
 * and 227–291 ms at N = 4), rounded. Wide intervals: another machine's disk and CPU, or load, can differ by a
 * factor of two (the same pulls took twice as long with a load average of 6–10).
 */
export const DEFAULT_STARTUP_MODEL: StartupModel = {
	pull: { perPullMs: 150, perLayerMs: 20, downloadBytesPerMs: 175_000, unpackBytesPerMs: 120_000, perFileMs: 0.075 },
	start: { startMs: 120, perConcurrentMs: 95, perLayerStartMs: 1 },
	spread: { pull: 0.5, start: 0.5, ratio: 0.3 },
	calibration: { source: 'defaults', pullObservations: 0, startObservations: 0, layerObservations: 0 },
};

/** A layer with its unpacked size and file count filled in; `exact` says whether they were measured. */
export interface SizedLayer extends LayerFacts {
	unpackedBytes: number;
	files: number;
	exact: boolean;
}

export interface PullBreakdown {
	layers: number;
	compressedBytes: number;
	unpackedBytes: number;
	files: number;
	fixedMs: number;
	layerMs: number;
	downloadMs: number;
	unpackMs: number;
	filesMs: number;
	totalMs: number;
	/** Layers whose size or file count is estimated rather than measured. */
	estimatedLayers: number;
}

export function isPresent(layer: LayerFacts, present: ReadonlySet<string>): boolean {
	return present.has(layer.digest) || (layer.diffId !== undefined && present.has(layer.diffId));
}

/** The layers of `layers` the engine lacks, each once. */
export function missingLayers<T extends LayerFacts>(layers: readonly T[], present: ReadonlySet<string>): T[] {
	const seen = new Set<string>();
	return layers.filter(l => !isPresent(l, present) && !seen.has(l.digest) && seen.add(l.digest));
}

export function predictPullOf(params: PullParams, missing: readonly SizedLayer[]): PullBreakdown {
	const sum = (f: (l: SizedLayer) => number) => missing.reduce((s, l) => s + f(l), 0);
	const compressedBytes = sum(l => l.compressedBytes), unpackedBytes = sum(l => l.unpackedBytes), files = sum(l => l.files);
	const fixedMs = missing.length ? params.perPullMs : 0;
	const layerMs = missing.length * params.perLayerMs;
	const downloadMs = compressedBytes / params.downloadBytesPerMs;
	const unpackMs = unpackedBytes / params.unpackBytesPerMs;
	const filesMs = files * params.perFileMs;
	return {
		layers: missing.length, compressedBytes, unpackedBytes, files, fixedMs, layerMs, downloadMs, unpackMs, filesMs,
		totalMs: fixedMs + layerMs + downloadMs + unpackMs + filesMs, estimatedLayers: missing.filter(l => !l.exact).length,
	};
}

export function predictStart(params: StartParams, layerCount: number, concurrency: number): number {
	return params.startMs + params.perConcurrentMs * (Math.max(1, concurrency) - 1) / 2 + params.perLayerStartMs * layerCount;
}

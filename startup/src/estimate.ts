// Startup-delta estimates without a run. A small cost model:
//   pull(image | present layers) = perPull + Σ over missing layers (perLayer + compressedBytes / bandwidth)
//   warm ready(N)                = warmStart + warmPerConcurrent · (N - 1) / 2 + perLayerStart · layers
// Layer count costs more than bytes on a local registry (50 tiny layers pull slower than 50 MB in one),
// and warm starts barely depend on image size but queue behind each other in the engine.
// Parameters are fitted from stored runs on the same engine; defaults come from measurements on a
// 2-CPU machine before any run.
import type { BenchmarkReport } from './result';
import { median } from './stats';

export interface LayerRef {
	digest: string;
	/** Compressed size in bytes (registry manifest). */
	size: number;
}

export interface CostModel {
	perPullMs: number;
	perLayerMs: number;
	/** Pull throughput, bytes per millisecond. */
	bytesPerMs: number;
	warmStartMs: number;
	/** How much each extra container started at once adds to the median container. */
	warmPerConcurrentMs: number;
	perLayerStartMs: number;
	source: 'default' | 'measured';
	/** Observations the pull and warm parts were fitted from. */
	fittedFrom: { pulls: number; warmLevels: number };
}

export const DEFAULT_MODEL: CostModel = {
	perPullMs: 150, perLayerMs: 95, bytesPerMs: 60_000,
	warmStartMs: 280, warmPerConcurrentMs: 340, perLayerStartMs: 1,
	source: 'default', fittedFrom: { pulls: 0, warmLevels: 0 },
};

export interface PullPrediction { ms: number; bytes: number; layers: number }

export function predictPull(model: CostModel, layers: readonly LayerRef[], present: ReadonlySet<string> = new Set()): PullPrediction {
	const missing = uniqueLayers(layers).filter(l => !present.has(l.digest));
	const bytes = missing.reduce((sum, l) => sum + l.size, 0);
	if (!missing.length) return { ms: 0, bytes: 0, layers: 0 };
	return { ms: model.perPullMs + missing.length * model.perLayerMs + bytes / model.bytesPerMs, bytes, layers: missing.length };
}

export function predictWarmReady(model: CostModel, layerCount: number, concurrency: number): number {
	return model.warmStartMs + model.warmPerConcurrentMs * (concurrency - 1) / 2 + model.perLayerStartMs * layerCount;
}

export interface BumpEstimate {
	concurrency: number;
	sharedLayers: number;
	sharedBytes: number;
	warm: { baselineMs: number; candidateMs: number; deltaMs: number };
	/** Both images pulled onto an engine that has `present` (but neither image). */
	cold: { baselineMs: number; candidateMs: number; deltaMs: number };
	/** The first start after the bump: the candidate pulled where the baseline is present. */
	firstStartAfterBump: PullPrediction & { totalMs: number };
	model: CostModel;
	explanation: string[];
}

function uniqueLayers(layers: readonly LayerRef[]): LayerRef[] {
	const seen = new Set<string>();
	return layers.filter(l => !seen.has(l.digest) && seen.add(l.digest));
}

export function estimateBump(model: CostModel, baseline: readonly LayerRef[], candidate: readonly LayerRef[], options: { concurrency?: number; present?: ReadonlySet<string> } = {}): BumpEstimate {
	const n = options.concurrency ?? 1;
	const present = options.present ?? new Set<string>();
	const baseDigests = new Set(baseline.map(l => l.digest));
	const shared = uniqueLayers(candidate).filter(l => baseDigests.has(l.digest));
	const warmBase = predictWarmReady(model, baseline.length, n);
	const warmCand = predictWarmReady(model, candidate.length, n);
	const coldBase = predictPull(model, baseline, present).ms + warmBase;
	const coldCand = predictPull(model, candidate, present).ms + warmCand;
	const bump = predictPull(model, candidate, new Set([...present, ...baseDigests]));
	const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
	return {
		concurrency: n,
		sharedLayers: shared.length,
		sharedBytes: shared.reduce((s, l) => s + l.size, 0),
		warm: { baselineMs: warmBase, candidateMs: warmCand, deltaMs: warmCand - warmBase },
		cold: { baselineMs: coldBase, candidateMs: coldCand, deltaMs: coldCand - coldBase },
		firstStartAfterBump: { ...bump, totalMs: bump.ms + warmCand },
		model,
		explanation: [
			`${shared.length} of ${candidate.length} layers (${mb(shared.reduce((s, l) => s + l.size, 0))}) are shared with the current image`,
			`after the bump, ${bump.layers} layer(s) / ${mb(bump.bytes)} must be pulled: ≈${Math.round(bump.layers * model.perLayerMs)} ms for layers + ≈${Math.round(bump.bytes / model.bytesPerMs)} ms for bytes`,
			`warm starts differ by ≈${Math.round(warmCand - warmBase)} ms (image size barely matters once pulled)`,
			model.source === 'default' ? 'model: defaults (no measured runs on this engine yet)' : `model: fitted from ${model.fittedFrom.pulls} measured pulls and ${model.fittedFrom.warmLevels} warm levels`,
		],
	};
}

export interface PullObservation { ms: number; bytes: number; layers: number }
export interface WarmObservation { concurrency: number; layers: number; medianMs: number }

/**
 * Ridge least squares for y = X·θ, pulled toward the prior θ0 with weight lambda per parameter, so
 * parameters the data cannot identify (one image only) stay near their defaults. Negative results clamp.
 */
export function ridgeFit(rows: number[][], y: number[], prior: number[], lambda: number[]): number[] {
	return ridgeSolve(rows, y, prior, lambda).map(v => Math.max(0, v));
}

/** The same fit without the clamp, for parameters that may be negative (one image starting faster than another). */
export function ridgeSolve(rows: readonly number[][], y: readonly number[], prior: readonly number[], lambda: readonly number[]): number[] {
	const k = prior.length;
	const a = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? lambda[i] : 0)));
	const b = prior.map((p, i) => lambda[i] * p);
	rows.forEach((x, r) => {
		for (let i = 0; i < k; i++) {
			b[i] += x[i] * y[r];
			for (let j = 0; j < k; j++) a[i][j] += x[i] * x[j];
		}
	});
	return solve(a, b);
}

function solve(a: number[][], b: number[]): number[] {
	const n = b.length;
	const m = a.map((row, i) => [...row, b[i]]);
	for (let c = 0; c < n; c++) {
		let pivot = c;
		for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
		[m[c], m[pivot]] = [m[pivot], m[c]];
		for (let r = 0; r < n; r++) {
			if (r === c || m[c][c] === 0) continue;
			const f = m[r][c] / m[c][c];
			for (let j = c; j <= n; j++) m[r][j] -= f * m[c][j];
		}
	}
	return m.map((row, i) => (row[i] === 0 ? 0 : row[n] / row[i]));
}

/** Fits the model to observations; parameters without data keep the base model's values. */
export function fitModel(pulls: readonly PullObservation[], warm: readonly WarmObservation[], base: CostModel = DEFAULT_MODEL): CostModel {
	const model: CostModel = { ...base, fittedFrom: { pulls: pulls.length, warmLevels: warm.length } };
	if (pulls.length) {
		// One row per distinct pull (same layers and bytes) at its median time, weighted by how often it was
		// seen: a single disturbed round cannot drag the fit (a busy machine once made bandwidth look ~0).
		const groups = new Map<string, PullObservation[]>();
		for (const p of pulls) groups.set(`${p.layers}:${p.bytes}`, [...(groups.get(`${p.layers}:${p.bytes}`) ?? []), p]);
		const rows = [...groups.values()].map(g => ({ w: Math.sqrt(g.length), layers: g[0].layers, mb: g[0].bytes / 1e6, ms: median(g.map(p => p.ms)) }));
		// θ = [perPull ms, perLayer ms, ms per MB]; the prior weighs like half an observation of 5 layers / 5 MB.
		const [perPull, perLayer, msPerMb] = ridgeFit(rows.map(r => [r.w, r.w * r.layers, r.w * r.mb]), rows.map(r => r.w * r.ms),
			[base.perPullMs, base.perLayerMs, 1e6 / base.bytesPerMs], [0.5, 0.5 * 5 * 5, 0.5 * 5 * 5]);
		Object.assign(model, { perPullMs: perPull, perLayerMs: perLayer, bytesPerMs: msPerMb > 0 ? 1e6 / msPerMb : base.bytesPerMs });
	}
	if (warm.length) {
		const [start, perConcurrent] = ridgeFit(warm.map(w => [1, (w.concurrency - 1) / 2]), warm.map(w => w.medianMs - base.perLayerStartMs * w.layers),
			[base.warmStartMs, base.warmPerConcurrentMs], [0.05, 0.05]);
		Object.assign(model, { warmStartMs: start, warmPerConcurrentMs: perConcurrent });
	}
	model.source = pulls.length || warm.length ? 'measured' : base.source;
	return model;
}

/** Observations from stored reports (optionally one engine only, e.g. the one the estimate is for). */
export function observationsFrom(reports: readonly BenchmarkReport[], engineId?: string): { pulls: PullObservation[]; warm: WarmObservation[] } {
	const pulls: PullObservation[] = [];
	const warm: WarmObservation[] = [];
	for (const report of reports) {
		if (engineId && report.engine.id !== engineId) continue;
		// Warm numbers depend on what the container does: only plain "run to exit" runs calibrate starts.
		const plainStarts = report.settings.ready === 'exit' && !report.settings.cmd;
		for (const r of report.results) {
			const layers = report.images.find(i => i.image === r.image)?.layers ?? 0;
			if (r.mode === 'cold' && r.pullBytes) {
				const rounds = [...new Set(r.containers.map(c => c.round))];
				rounds.forEach((round, i) => {
					const ms = r.containers.find(c => c.round === round)?.phases.pull;
					if (ms !== undefined) pulls.push({ ms, bytes: r.pullBytes![i] ?? 0, layers: r.pullLayers?.[i] ?? layers });
				});
			}
			if (r.mode === 'warm' && plainStarts && r.samples.length) warm.push({ concurrency: r.concurrency, layers, medianMs: r.stats.median });
		}
	}
	return { pulls, warm };
}

/** The model calibrated from a results store's reports (defaults when there is nothing to learn from). */
export function calibrate(reports: readonly BenchmarkReport[], engineId?: string): CostModel {
	const { pulls, warm } = observationsFrom(reports, engineId);
	return fitModel(pulls, warm);
}

// Leave-one-out judgement of the startup estimate on measured realistic pairs (bench/estimate.ts measures).
// For each pair: calibrate on the OTHER pairs' pulls, warm starts and layer ratios, predict this pair's cold
// start at each N, compare with the measurement; check the interval and the warm-delta sign.
import { calibrateStartup, type PullObservation, type StartObservation } from '../startup/src/estimate/calibrate';
import { DEFAULT_STARTUP_MODEL, type LayerFacts, type StartupModel } from '../startup/src/estimate/model';
import { estimatePair } from '../startup/src/estimate/pair';
import { clearSign, smallestPValue } from '../startup/src/estimate/roundTest';
import { learnRatios, type LayerRatio, type MeasuredLayer } from '../startup/src/estimate/ratios';
import { fitWarm, warmSubject, type WarmComparison, type WarmModel } from '../startup/src/estimate/warm';
import { median } from '../startup/src/stats';

export interface RealLayer { digest: string; mediaType: string; size: number; diffId: string; unpackedBytes: number; files: number }
export interface RealImage { name: string; registryRef: string; digest: string; cmd?: string[]; unpackedBytes: number; files: number; layers: RealLayer[] }
export interface Realistic { recipe: string; images: RealImage[]; pairs: { name: string; current: string; candidate: string }[] }

export interface LevelMeasurement {
	concurrency: number;
	coldMedianMs: number;
	pulls: { ms: number; bytes: number; layers: number }[];
	warm: { image: string; medianMs: number }[];
	warmDelta: { medianDiffMs: number; ci95: [number, number] };
	/** Per image, the median of each measured round (runs saved before this field existed lack it). */
	warmRounds?: { image: string; roundMedians: number[] }[];
}
export interface PairMeasurement { name: string; engineId: string; levels: LevelMeasurement[] }

export interface Row {
	pair: string; concurrency: number; measuredMs: number; predictedMs: number; interval: [number, number];
	error: number; inside: boolean; defaultError: number;
	warm: { measuredMs: number; ci95: [number, number]; predictedMs: number; basis: 'kin' | 'command' | 'layers'; signChecked: boolean; signRight: boolean };
}

function imagesOf(real: Realistic, name: string) {
	const pair = real.pairs.find(p => p.name === name)!;
	const find = (ref: string) => real.images.find(i => i.registryRef === ref)!;
	return { current: find(pair.current), candidate: find(pair.candidate) };
}

/** The candidate's layers the engine lacks when it holds the current image only. */
function missing(current: RealImage, candidate: RealImage): RealLayer[] {
	const held = new Set(current.layers.map(l => l.diffId));
	const seen = new Set<string>();
	return candidate.layers.filter(l => !held.has(l.diffId) && !seen.has(l.diffId) && seen.add(l.diffId));
}

const subjectOf = (image: RealImage) => warmSubject(image.registryRef, image.cmd, image.layers.length);

/** CURRENT and CANDIDATE measured warm in one run: the difference of their medians at each level. */
function warmComparisons(level: LevelMeasurement, current: RealImage, candidate: RealImage): WarmComparison[] {
	const at = (image: RealImage) => level.warm.find(w => w.image === image.registryRef)?.medianMs;
	const a = at(current), b = at(candidate);
	return a === undefined || b === undefined ? [] : [{ concurrency: level.concurrency, base: subjectOf(current), other: subjectOf(candidate), diffMs: b - a }];
}

interface Observed { pulls: PullObservation[]; starts: StartObservation[]; layers: MeasuredLayer[]; warm: WarmComparison[] }

/** What the other pairs' runs teach; `unseen` is an image whose own warm runs must not be used (the one predicted). */
function observations(real: Realistic, others: readonly PairMeasurement[], unseen?: string): Observed {
	const pulls: PullObservation[] = [], starts: StartObservation[] = [], layers: MeasuredLayer[] = [], warm: WarmComparison[] = [];
	for (const o of others) {
		const { current, candidate } = imagesOf(real, o.name);
		const gone = missing(current, candidate);
		const sum = (f: (l: RealLayer) => number) => gone.reduce((s, l) => s + f(l), 0);
		layers.push(...gone.map(l => ({ digest: l.digest, mediaType: l.mediaType, compressedBytes: l.size, unpackedBytes: l.unpackedBytes, files: l.files })));
		for (const level of o.levels) {
			for (const p of level.pulls) pulls.push({ ms: p.ms, layers: gone.length, compressedBytes: sum(l => l.size), unpackedBytes: sum(l => l.unpackedBytes), files: sum(l => l.files) });
			for (const w of level.warm) {
				const image = w.image === current.registryRef ? current : candidate;
				starts.push({ concurrency: level.concurrency, layers: image.layers.length, medianMs: w.medianMs });
			}
			if (unseen !== current.registryRef && unseen !== candidate.registryRef) warm.push(...warmComparisons(level, current, candidate));
		}
	}
	return { pulls, starts, layers, warm };
}

/** What the registry tells before a pull: no unpacked size, no file count. */
const manifestFacts = (image: RealImage): LayerFacts[] => image.layers.map(l => ({ digest: l.digest, diffId: l.diffId, mediaType: l.mediaType, compressedBytes: l.size }));

function predict(real: Realistic, name: string, n: number, model: StartupModel, ratios: Record<string, LayerRatio>, warm?: WarmModel) {
	const { current, candidate } = imagesOf(real, name);
	return estimatePair({ image: current.registryRef, candidate: candidate.registryRef, current: manifestFacts(current), candidateLayers: manifestFacts(candidate),
		present: new Set(current.layers.map(l => l.diffId)), concurrency: n, currentCommand: current.cmd, candidateCommand: candidate.cmd }, { model, ratios, warm });
}

/**
 * The sign of a clear warm difference (candidate − current), 0 when not clear. Rounds are the independent unit
 * (roundTest.ts). Older raw files hold only the pooled container bootstrap CI: it is used only when the number of
 * rounds would let a round-level test reach 5 % at all (never at 3 rounds a side).
 */
export function clearWarmSign(level: LevelMeasurement, current: string, candidate: string): -1 | 0 | 1 {
	const rounds = (image: string) => level.warmRounds?.find(w => w.image === image)?.roundMedians;
	const a = rounds(current), b = rounds(candidate);
	if (a && b) return clearSign(a, b);
	const runs = level.pulls.length;
	if (smallestPValue(runs, runs) > 0.05) return 0;
	const [lo, hi] = level.warmDelta.ci95;
	return lo > 0 ? 1 : hi < 0 ? -1 : 0;
}

export function judgePair(real: Realistic, m: PairMeasurement, all: readonly PairMeasurement[]): Row[] {
	const others = all.filter(o => o.name !== m.name);
	const obs = observations(real, others, imagesOf(real, m.name).candidate.registryRef);
	const warm = fitWarm(obs.warm);
	const own = new Set(imagesOf(real, m.name).candidate.layers.map(l => l.digest));
	const ratios = learnRatios(obs.layers.filter(l => !own.has(l.digest)));
	const model = calibrateStartup({ engineId: m.engineId, pulls: obs.pulls, starts: obs.starts, layerObservations: obs.layers.length });
	return m.levels.map(level => {
		const est = predict(real, m.name, level.concurrency, model, ratios, warm);
		const byDefault = predict(real, m.name, level.concurrency, DEFAULT_STARTUP_MODEL, learnRatios([]));
		const { medianDiffMs, ci95 } = level.warmDelta;
		const { current, candidate } = imagesOf(real, m.name);
		const clear = clearWarmSign(level, current.registryRef, candidate.registryRef);
		const signChecked = clear !== 0;
		return {
			pair: m.name, concurrency: level.concurrency, measuredMs: level.coldMedianMs, predictedMs: est.coldStartMs, interval: est.coldStartInterval,
			error: (est.coldStartMs - level.coldMedianMs) / level.coldMedianMs,
			inside: est.coldStartInterval[0] <= level.coldMedianMs && level.coldMedianMs <= est.coldStartInterval[1],
			defaultError: (byDefault.coldStartMs - level.coldMedianMs) / level.coldMedianMs,
			warm: { measuredMs: medianDiffMs, ci95, predictedMs: est.warmDeltaMs, basis: est.warm.basis, signChecked, signRight: Math.sign(est.warmDeltaMs) === clear },
		};
	});
}

const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(0)} %`;
const abs = (x: number) => `${(x * 100).toFixed(0)} %`;
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function summarise(rows: Row[]) {
	const abs = rows.map(r => Math.abs(r.error));
	const signChecked = rows.filter(r => r.warm.signChecked);
	return {
		pairs: new Set(rows.map(r => r.pair)).size, estimates: rows.length,
		medianAbsError: median(abs), worstAbsError: Math.max(...abs),
		coverage: rows.filter(r => r.inside).length / rows.length,
		defaultMedianAbsError: median(rows.map(r => Math.abs(r.defaultError))),
		warmSign: { checked: signChecked.length, right: signChecked.filter(r => r.warm.signRight).length },
		warmMedianAbsErrorMs: median(rows.map(r => Math.abs(r.warm.predictedMs - r.warm.measuredMs))),
	};
}

export function judge(real: Realistic, measured: readonly PairMeasurement[]): { rows: Row[]; summary: ReturnType<typeof summarise>; lines: string[] } {
	const rows = measured.flatMap(m => judgePair(real, m, measured));
	const s = summarise(rows);
	const lines = ['Cold start of CANDIDATE with CURRENT on the engine, leave-one-out (model fitted on the other pairs):',
		'  pair                N   measured  predicted  interval           error   [defaults]  warm delta measured (95% CI) / predicted'];
	for (const r of rows) {
		lines.push(`  ${r.pair.padEnd(18)} ${String(r.concurrency).padStart(2)}  ${sec(r.measuredMs).padStart(8)}  ${sec(r.predictedMs).padStart(9)}  ${`${sec(r.interval[0])}-${sec(r.interval[1])}`.padEnd(17)}${r.inside ? ' ' : '!'} ${pct(r.error).padStart(6)}   [${pct(r.defaultError).padStart(6)}]   ${r.warm.measuredMs.toFixed(0)} ms (${r.warm.ci95.map(x => x.toFixed(0)).join('..')}) / ${r.warm.predictedMs.toFixed(0)} ms (${r.warm.basis})${r.warm.signChecked ? (r.warm.signRight ? ' sign ok' : ' SIGN WRONG') : ''}`);
	}
	const all = observations(real, measured);
	const m = calibrateStartup({ engineId: measured[0]?.engineId ?? '', pulls: all.pulls, starts: all.starts }).pull;
	lines.push('', `model fitted on all pairs: ${m.perPullMs.toFixed(0)} ms per pull + ${m.perLayerMs.toFixed(0)} ms per layer, download ${(m.downloadBytesPerMs / 1000).toFixed(0)} MB/s, unpack ${(m.unpackBytesPerMs / 1000).toFixed(0)} MB/s, ${(m.perFileMs * 1000).toFixed(0)} µs per file (${all.pulls.length} pulls, ${all.starts.length} warm levels)`);
	const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
	lines.push('',
		`median absolute error ${abs(s.medianAbsError)} (target <= 15 %: ${verdict(s.medianAbsError <= 0.15)}); worst ${abs(s.worstAbsError)} (target <= 35 %: ${verdict(s.worstAbsError <= 0.35)}); defaults alone: median ${abs(s.defaultMedianAbsError)}`,
		`measured inside the stated interval: ${(s.coverage * 100).toFixed(0)} % of ${s.estimates} (target >= 80 %: ${verdict(s.coverage >= 0.8)})`,
		`warm-delta sign right where the measured difference is clear (permutation test on round medians, 5 %): ${s.warmSign.right} of ${s.warmSign.checked}; median warm-delta miss ${s.warmMedianAbsErrorMs.toFixed(0)} ms`);
	return { rows, summary: s, lines };
}

// Observations for calibration from a results store's reports: this engine's runs only (an estimate for one
// engine never rests on another's disk and CPU). Cold results hold each round's pull time, bytes and layers;
// their unpacked size and file count come from the recorded layers when the run stored them, else ratios.
import type { BenchmarkReport } from '../result';
import type { PullObservation, StartObservation } from './calibrate';
import { DEFAULT_RATIOS, type LayerRatio, type MeasuredLayer } from './ratios';
import { warmSubject, type WarmComparison } from './warm';

export interface Observations {
	pulls: PullObservation[];
	starts: StartObservation[];
	/** What the pulled layers of each image unpacked to, when a cold run recorded it exactly (teaches the ratios). */
	layers: MeasuredLayer[];
	/** Every other image against the run's first, warm, at each level: the warm model's evidence (warm.ts). */
	warm: WarmComparison[];
}

/** One entry per cold result that recorded exact figures: the layers it pulled, taken together (one per image). */
function recordedLayers(report: BenchmarkReport): MeasuredLayer[] {
	return report.results.flatMap(r => {
		const i = r.pullUnpackedBytes?.findIndex((u, k) => u > 0 && (r.pullBytes?.[k] ?? 0) > 0) ?? -1;
		if (r.mode !== 'cold' || i < 0) return [];
		return [{ digest: r.digest, mediaType: '', compressedBytes: r.pullBytes![i], unpackedBytes: r.pullUnpackedBytes![i], files: r.pullFiles?.[i] ?? 0 }];
	});
}

function coldPulls(report: BenchmarkReport, ratio: LayerRatio): PullObservation[] {
	const out: PullObservation[] = [];
	for (const r of report.results) {
		if (r.mode !== 'cold' || !r.pullBytes) continue;
		const rounds = [...new Set(r.containers.map(c => c.round))];
		rounds.forEach((round, i) => {
			const ms = r.containers.find(c => c.round === round)?.phases.pull;
			const compressedBytes = r.pullBytes?.[i] ?? 0;
			if (ms === undefined || !compressedBytes) return;
			const unpackedBytes = r.pullUnpackedBytes?.[i] ?? compressedBytes * ratio.unpackedPerCompressed;
			const files = r.pullFiles?.[i] ?? Math.round(unpackedBytes / ratio.bytesPerFile);
			out.push({ ms, layers: r.pullLayers?.[i] ?? 1, compressedBytes, unpackedBytes, files });
		});
	}
	return out;
}

function warmStarts(report: BenchmarkReport): StartObservation[] {
	if (!plainWarm(report)) return [];
	return report.results.filter(r => r.mode === 'warm' && r.samples.length && !r.strategy).map(r => ({
		concurrency: r.concurrency, layers: report.images.find(i => i.image === r.image)?.layers ?? 0, medianMs: r.stats.median,
	}));
}

/** Only plain "run to exit" runs without a command override: otherwise the warm numbers measure that command. */
const plainWarm = (report: BenchmarkReport) => report.settings.ready === 'exit' && !report.settings.cmd;

function warmComparisons(report: BenchmarkReport): WarmComparison[] {
	if (!plainWarm(report) || report.images.length < 2) return [];
	const subject = (i: BenchmarkReport['images'][number]) => warmSubject(i.image, i.command, i.layers);
	const [base, ...others] = report.images;
	const medianOf = (image: string, n: number) => report.results.find(r => r.mode === 'warm' && !r.strategy && r.image === image && r.concurrency === n && r.samples.length)?.stats.median;
	return report.settings.concurrency.flatMap(n => {
		const a = medianOf(base.image, n);
		return a === undefined ? [] : others.flatMap(o => {
			const b = medianOf(o.image, n);
			return b === undefined ? [] : [{ concurrency: n, base: subject(base), other: subject(o), diffMs: b - a }];
		});
	});
}

export function observationsFor(reports: readonly BenchmarkReport[], engineId: string, ratio: LayerRatio = DEFAULT_RATIOS.gzip): Observations {
	const mine = reports.filter(r => r.engine.id === engineId && r.status === 'complete');
	const seen = new Set<string>();
	const layers = mine.flatMap(recordedLayers).filter(l => !seen.has(l.digest) && seen.add(l.digest));
	return { pulls: mine.flatMap(r => coldPulls(r, ratio)), starts: mine.flatMap(warmStarts), layers, warm: mine.flatMap(warmComparisons) };
}

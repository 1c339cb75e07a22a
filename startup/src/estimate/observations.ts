// Observations for calibration from a results store's reports: this engine's runs only (an estimate for one
// engine never rests on another's disk and CPU). Cold results hold each round's pull time, bytes and layers;
// their unpacked size and file count come from the recorded layers when the run stored them, else ratios.
import type { BenchmarkReport } from '../result';
import type { PullObservation, StartObservation } from './calibrate';
import { DEFAULT_RATIOS, type LayerRatio } from './ratios';

export interface Observations {
	pulls: PullObservation[];
	starts: StartObservation[];
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
	// Warm numbers depend on what the container does: only plain "run to exit" runs calibrate starts.
	if (report.settings.ready !== 'exit' || report.settings.cmd) return [];
	return report.results.filter(r => r.mode === 'warm' && r.samples.length && !r.strategy).map(r => ({
		concurrency: r.concurrency, layers: report.images.find(i => i.image === r.image)?.layers ?? 0, medianMs: r.stats.median,
	}));
}

export function observationsFor(reports: readonly BenchmarkReport[], engineId: string, ratio: LayerRatio = DEFAULT_RATIOS.gzip): Observations {
	const mine = reports.filter(r => r.engine.id === engineId && r.status === 'complete');
	return { pulls: mine.flatMap(r => coldPulls(r, ratio)), starts: mine.flatMap(warmStarts) };
}

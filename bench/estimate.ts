// How good is the startup-delta estimate? Measures cold pulls (and warm starts) of the fixture images on a
// private dockerd (so evicting images never disturbs the shared engine), then predicts each image's pull
// with the model fitted on the OTHER images only (leave-one-out) and prints the error.
// Also prints the measured fixture deltas: python 3.12.1 -> 3.12.11 (warm, cold) and many-layers vs big-layer (cold).
//   npm run bench:estimate [-- --runs N] [--save RESULTS_DIR | --from RESULTS_DIR]
import { DockerExecutor } from '../startup/src/dockerExecutor';
import { DEFAULT_MODEL, estimateBump, fitModel, observationsFrom, predictPull, type LayerRef } from '../startup/src/estimate';
import { describeComparison } from '../startup/src/export/markdown';
import type { BenchmarkReport } from '../startup/src/result';
import { runBenchmark } from '../startup/src/runner';
import { ResultsStore } from '../startup/src/store';
import { median } from '../startup/src/stats';
import { startPrivateEngine } from '../scripts/env/privateEngine';
import { fixture } from '../scripts/env/fixtures';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const option = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const saveDir = option('--save');
/** Analyse stored reports of an earlier `--save` run instead of measuring again. */
const fromDir = option('--from');
const IMAGES = ['python:3.12.1-slim', 'python:3.12.11-slim', 'node:20.11.0-alpine3.19', 'node:20.18.1-alpine3.20', 'debian:bookworm-slim', 'patchlens/many-layers:50', 'patchlens/big-layer:1'];
const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(0)} %`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function measure(): Promise<BenchmarkReport[]> {
	const engine = await startPrivateEngine();
	try {
		const executor = new DockerExecutor(engine.host);
		for (const ref of ['patchlens/fast:1', ...IMAGES]) {
			const f = fixture(ref);
			engine.docker(['pull', '-q', f.registryRef]);
			engine.docker(['tag', f.registryRef, f.ref]);
		}
		const reports: BenchmarkReport[] = [];
		const bench = async (images: string[], modes: ('warm' | 'cold')[], concurrency: number[], n: number) => {
			const { report, error } = await runBenchmark({ executor, images, modes, concurrency, runs: n, warmup: 1 });
			if (error) throw error;
			reports.push(report);
			if (saveDir) await new ResultsStore(saveDir).save(report);
		};
		process.stderr.write(`measuring on a private engine (${runs} runs)…\n`);
		await bench(['python:3.12.1-slim', 'python:3.12.11-slim'], ['warm', 'cold'], [1, 4], runs);
		await bench(['patchlens/many-layers:50', 'patchlens/big-layer:1'], ['cold'], [1], runs);
		await bench(['node:20.11.0-alpine3.19', 'node:20.18.1-alpine3.20', 'debian:bookworm-slim'], ['cold'], [1], Math.max(2, Math.ceil(runs / 2)));
		return reports;
	} finally {
		await engine.dispose();
	}
}

async function main() {
	const reports = fromDir ? await new ResultsStore(fromDir).list() : await measure();
	const python = reports.find(r => r.results.some(x => x.image === 'python:3.12.1-slim'))!;
	const layersVsBytes = reports.find(r => r.results.some(x => x.image === 'patchlens/many-layers:50'))!;
	console.log('Measured fixture deltas (median ready time, N = containers at once):');
	for (const c of [...python.comparisons, ...layersVsBytes.comparisons]) console.log(`  ${c.candidate} vs ${c.baseline} (${c.mode}, N=${c.concurrency}): ${describeComparison(c)}`);
	for (const r of [...python.results, ...layersVsBytes.results].filter(r => r.mode === 'cold' && r.concurrency === 1)) {
		console.log(`  ${r.image} cold: pull ${s(r.phases.pull!.median)} (${(r.pullBytes![0] / 1e6).toFixed(1)} MB, ${r.pullLayers![0]} layers), ready ${s(r.stats.median)}`);
	}

	// Leave-one-out: predict each image's pull from a model fitted on the others' pulls.
	const layersOf = (ref: string): LayerRef[] => fixture(ref).layers;
	const all = ['patchlens/fast:1', ...IMAGES];
	console.log('\nPull-time estimate vs measurement (model fitted on the other images; defaults in brackets):');
	console.log('  image                         layers  MB     measured  estimated  error   [default  error]');
	const errors: number[] = [];
	const defaultErrors: number[] = [];
	for (const ref of IMAGES) {
		const others = reports.map(r => ({ ...r, results: r.results.filter(x => x.image !== ref) }));
		const obs = observationsFrom(others);
		const model = fitModel(obs.pulls, obs.warm);
		const present = new Set(all.filter(x => x !== ref).flatMap(x => layersOf(x).map(l => l.digest)));
		const measured = reports.flatMap(r => r.results).filter(r => r.image === ref && r.mode === 'cold' && r.concurrency === 1).map(r => r.phases.pull!.median);
		if (!measured.length) continue;
		const actual = median(measured);
		const predicted = predictPull(model, layersOf(ref), present);
		const byDefault = predictPull(DEFAULT_MODEL, layersOf(ref), present);
		errors.push(Math.abs(predicted.ms - actual) / actual);
		defaultErrors.push(Math.abs(byDefault.ms - actual) / actual);
		console.log(`  ${ref.padEnd(28)}  ${String(predicted.layers).padStart(6)}  ${(predicted.bytes / 1e6).toFixed(1).padStart(5)}  ${s(actual).padStart(8)}  ${s(predicted.ms).padStart(9)}  ${pct((predicted.ms - actual) / actual).padStart(6)}   [${s(byDefault.ms).padStart(7)}  ${pct((byDefault.ms - actual) / actual).padStart(6)}]`);
	}
	const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
	console.log(`  absolute error: fitted ${(median(errors) * 100).toFixed(0)} % median, ${(mean(errors) * 100).toFixed(0)} % mean; defaults ${(median(defaultErrors) * 100).toFixed(0)} % median, ${(mean(defaultErrors) * 100).toFixed(0)} % mean`);

	const full = observationsFrom(reports);
	const model = fitModel(full.pulls, full.warm);
	console.log(`\nFitted model: ${model.perPullMs.toFixed(0)} ms per pull + ${model.perLayerMs.toFixed(0)} ms per layer + ${(model.bytesPerMs / 1000).toFixed(0)} MB/s; warm start ${model.warmStartMs.toFixed(0)} ms + ${model.warmPerConcurrentMs.toFixed(0)} ms per extra container`);
	const bump = estimateBump(model, layersOf('python:3.12.1-slim'), layersOf('python:3.12.11-slim'), { present: new Set(layersOf('patchlens/fast:1').map(l => l.digest)) });
	const measuredCold = python.comparisons.find(c => c.mode === 'cold' && c.concurrency === 1)!;
	const measuredWarm = python.comparisons.find(c => c.mode === 'warm' && c.concurrency === 1)!;
	console.log(`python 3.12.1 -> 3.12.11: estimated cold delta ${bump.cold.deltaMs.toFixed(0)} ms (measured ${measuredCold.medianDiffMs.toFixed(0)} ms), warm delta ${bump.warm.deltaMs.toFixed(0)} ms (measured ${measuredWarm.medianDiffMs.toFixed(0)} ms, ${measuredWarm.verdict})`);
	for (const line of bump.explanation) console.log(`  ${line}`);
}

main().catch(error => {
	console.error(`bench:estimate failed: ${(error as Error).message}`);
	process.exitCode = 1;
});

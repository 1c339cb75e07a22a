// How good is the startup estimate (issue 14)? On the realistic Debian image pairs (scripts/env/realistic-images.sh),
// on a PRIVATE dockerd (evicting images never disturbs the shared engine): for each pair CURRENT -> CANDIDATE,
// the engine holds CURRENT only, and CANDIDATE is measured cold at N = 1 and 4 (what `patchlens estimate` predicts),
// then both warm at N = 1 and 4 (the warm delta). Each pair is then predicted by the model fitted on the OTHER pairs
// (leave-one-out: their pulls, starts and layer ratios), and the errors are printed.
//   npm run bench:estimate [-- --runs N] [--warm-runs N] [--json FILE] [--save-raw FILE | --from FILE] [--only NAME,NAME]
import { readFileSync, writeFileSync } from 'node:fs';
import { DockerExecutor } from '../startup/src/dockerExecutor';
import type { Comparison, ImageResult } from '../startup/src/result';
import { runBenchmark } from '../startup/src/runner';
import { median } from '../startup/src/stats';
import { roundMedians } from '../startup/src/estimate/roundTest';
import { startPrivateEngine } from '../scripts/env/privateEngine';
import { judge, type RealImage, type PairMeasurement, type Realistic } from './estimateJudge';
import { cachedEstimateLatency } from './estimateLatency';

const option = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const runs = Number(option('--runs')) || 3;
// Warm rounds are cheap (no pull) and the warm differences small (a python start is ~20 ms on a 2-core machine,
// about the spread of one round's median): more of them are needed before a difference is clear at 5 %.
const warmRuns = Number(option('--warm-runs')) || Math.max(runs, 12);
const LEVELS = [1, 4];

function loadRealistic(): Realistic {
	const file = `${process.env.PATCHLENS_ENV_DIR ?? '/tmp/patchlens-env'}/realistic.json`;
	try {
		return JSON.parse(readFileSync(file, 'utf8'));
	} catch {
		throw new Error(`no ${file}: run scripts/env/up.sh (realistic images are on unless PATCHLENS_REAL_IMAGES=0)`);
	}
}

function pullRounds(r: ImageResult): { ms: number; bytes: number; layers: number }[] {
	const rounds = [...new Set(r.containers.map(c => c.round))];
	return rounds.flatMap((round, i) => {
		const ms = r.containers.find(c => c.round === round)?.phases.pull;
		return ms === undefined ? [] : [{ ms, bytes: r.pullBytes?.[i] ?? 0, layers: r.pullLayers?.[i] ?? 0 }];
	});
}

async function measurePair(engine: Awaited<ReturnType<typeof startPrivateEngine>>, current: RealImage, candidate: RealImage): Promise<Omit<PairMeasurement, 'name'>> {
	const executor = new DockerExecutor(engine.host);
	const bench = async (images: string[], mode: 'cold' | 'warm') => {
		const { report, error } = await runBenchmark({ executor, images, modes: [mode], concurrency: LEVELS, runs: mode === 'warm' ? warmRuns : runs, warmup: 1 });
		if (error) throw error;
		return report;
	};
	// The engine as a user's would be before the bump: CURRENT pulled, nothing else.
	engine.docker(['image', 'prune', '-af']);
	engine.docker(['pull', '-q', current.registryRef]);
	const cold = await bench([candidate.registryRef], 'cold');
	const warm = await bench([current.registryRef, candidate.registryRef], 'warm');
	const coldAt = (n: number) => cold.results.find(r => r.concurrency === n)!;
	const warmCmp = (n: number): Comparison => warm.comparisons.find(c => c.concurrency === n && c.mode === 'warm')!;
	return {
		engineId: cold.engine.id,
		levels: LEVELS.map(n => ({
			concurrency: n, coldMedianMs: coldAt(n).stats.median, pulls: pullRounds(coldAt(n)),
			warm: warm.results.filter(r => r.concurrency === n).map(r => ({ image: r.image, medianMs: r.stats.median })),
			warmDelta: { medianDiffMs: warmCmp(n).medianDiffMs, ci95: warmCmp(n).ci95 },
			warmRounds: warm.results.filter(r => r.concurrency === n).map(r => ({ image: r.image, roundMedians: roundMedians(r.containers) })),
		})),
	};
}

async function measure(real: Realistic, only: string[] | undefined): Promise<PairMeasurement[]> {
	const engine = await startPrivateEngine();
	const byRef = new Map(real.images.map(i => [i.registryRef, i]));
	const out: PairMeasurement[] = [];
	try {
		for (const pair of real.pairs.filter(p => !only || only.includes(p.name))) {
			process.stderr.write(`measuring ${pair.name}: ${pair.current} -> ${pair.candidate} (${runs} cold and ${warmRuns} warm runs, N = ${LEVELS.join(', ')})…\n`);
			out.push({ name: pair.name, ...await measurePair(engine, byRef.get(pair.current)!, byRef.get(pair.candidate)!) });
		}
	} finally {
		await engine.dispose();
	}
	return out;
}

/** Rounds measured per level (what the data holds, also when re-analysed with --from). */
function roundsOf(measured: readonly PairMeasurement[]): { cold: number; warm: number } {
	return {
		cold: median(measured.flatMap(m => m.levels.map(l => l.pulls.length))),
		warm: median(measured.flatMap(m => m.levels.flatMap(l => (l.warmRounds ?? []).map(w => w.roundMedians.length)))),
	};
}

async function main() {
	const real = loadRealistic();
	const from = option('--from');
	const measured = from ? JSON.parse(readFileSync(from, 'utf8')) as PairMeasurement[] : await measure(real, option('--only')?.split(','));
	const raw = option('--save-raw');
	if (raw) writeFileSync(raw, JSON.stringify(measured, null, 2) + '\n');
	const result = judge(real, measured);
	for (const line of result.lines) console.log(line);
	const latency = await cachedEstimateLatency(real);
	console.log(`estimate from cached registry answers: median ${latency.medianMs.toFixed(1)} ms, worst ${latency.maxMs.toFixed(1)} ms over ${latency.n} pairs (target < 50 ms)`);
	const json = option('--json');
	const counted = roundsOf(measured);
	if (json) writeFileSync(json, JSON.stringify({ runs: counted.cold, warmRuns: counted.warm, levels: LEVELS, recipe: real.recipe, ...result.summary, cachedEstimateLatency: latency, rows: result.rows }, null, 2) + '\n');
	process.stderr.write(`(medians of ${counted.cold} cold and ${counted.warm || '?'} warm runs per level${from ? `, re-analysed from ${from}` : ''}; median pull ${median(measured.flatMap(m => m.levels.flatMap(l => l.pulls.map(p => p.ms)))).toFixed(0)} ms)\n`);
}

main().catch(error => {
	console.error(`bench:estimate failed: ${(error as Error).message}`);
	process.exitCode = 1;
});

// Overhead of the benchmark harness: the same image, in the same run, measured by runBenchmark and by
// plain HTTP requests on the engine's unix socket (create/start/wait/delete, nothing else). Rounds
// alternate so both see the same machine state. Target: harness median within 5 % of raw.
//   npm run bench:harness [-- --runs N --image REF]
import * as http from 'node:http';
import { DockerExecutor } from '../startup/src/dockerExecutor';
import { newRunId, runBenchmark } from '../startup/src/runner';
import { bootstrapMedianDifference, median } from '../startup/src/stats';

const arg = (name: string, fallback: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const SOCKET = (process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock').replace(/^unix:\/\//, '');
const IMAGE = arg('--image', 'patchlens/fast:1');
const RUNS = Number(arg('--runs', '8'));
const LEVELS = [1, 16];

function request(method: string, path: string, body?: object): Promise<{ status: number; text: string }> {
	return new Promise((resolve, reject) => {
		const data = body ? JSON.stringify(body) : undefined;
		const req = http.request({ socketPath: SOCKET, method, path, headers: data ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) } : {} }, res => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', c => { text += c; });
			res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
		});
		req.on('error', reject);
		req.end(data);
	});
}

async function rawRound(n: number, runId: string): Promise<number[]> {
	const t0 = performance.now();
	return Promise.all(Array.from({ length: n }, async () => {
		const created = await request('POST', '/containers/create', { Image: IMAGE, Labels: { patchlens: runId }, NetworkDisabled: true, HostConfig: { NetworkMode: 'none' } });
		if (created.status !== 201) throw new Error(`create: ${created.status} ${created.text}`);
		const id = JSON.parse(created.text).Id as string;
		const started = await request('POST', `/containers/${id}/start`);
		if (started.status !== 204) throw new Error(`start: ${started.status} ${started.text}`);
		const waited = await request('POST', `/containers/${id}/wait?condition=not-running`);
		const ready = performance.now() - t0;
		if (JSON.parse(waited.text).StatusCode !== 0) throw new Error(`exit: ${waited.text}`);
		await request('DELETE', `/containers/${id}?force=true&v=true`);
		return ready;
	}));
}

async function main() {
	const executor = new DockerExecutor(`unix://${SOCKET}`);
	const rawRunId = newRunId();
	console.log(`harness vs raw Engine API, ${IMAGE}, ${RUNS} rounds per level (alternating), 1 warm-up each`);
	try {
		for (const n of LEVELS) {
			const harness: number[] = [];
			const raw: number[] = [];
			// N=1 rounds are cheap and noisy: take three times as many.
			const rounds = n === 1 ? RUNS * 3 : RUNS;
			for (let r = 0; r <= rounds; r++) {
				const { report, error } = await runBenchmark({ executor, images: [IMAGE], concurrency: [n], runs: 1, warmup: 0 });
				if (error) throw error;
				const rawSamples = await rawRound(n, rawRunId);
				if (r === 0) continue; // warm-up
				harness.push(...report.results[0].samples);
				raw.push(...rawSamples);
			}
			const h = median(harness);
			const w = median(raw);
			const ratio = h / w;
			const d = bootstrapMedianDifference(raw, harness);
			console.log(`  N=${String(n).padStart(2)}: harness median ${h.toFixed(1)} ms, raw median ${w.toFixed(1)} ms (${harness.length} containers each), ratio ${ratio.toFixed(3)} (${ratio <= 1.05 ? 'within' : 'OVER'} the 5 % target); difference ${d.diff.toFixed(1)} ms, 95 % CI ${d.ci95[0].toFixed(1)} … ${d.ci95[1].toFixed(1)} ms (${d.verdict === 'within-noise' ? 'within noise' : d.verdict === 'slower' ? 'harness measurably slower' : 'harness measurably faster'})`);
		}
	} finally {
		const left = await executor.listContainers(`patchlens=${rawRunId}`);
		for (const c of left) await executor.removeContainer(c.id);
	}
}

main().catch(error => {
	console.error(`bench:harness failed: ${(error as Error).message}`);
	process.exitCode = 1;
});

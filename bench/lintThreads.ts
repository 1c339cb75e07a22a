// Slices or a worker thread? Both analyse the same text; what matters is how long the main thread
// (where the language server answers requests) is blocked at a stretch, and the total time.
// Slices: analysisSteps() on the main thread, each step timed. Worker: the analysis in a
// worker_thread; the main thread only sends the text and receives the findings (structured clone),
// timed with the event loop's longest delay (perf_hooks) while it waits.
//   node --import tsx bench/lintThreads.ts [lines]      (prints one JSON object)
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { analysisSteps, analyze } from '../server/src/core/analyze';
import { EDITOR_BUDGET, withinBudget } from '../server/src/core/budget';
import { generateDockerfile } from './generateDockerfile';

const OPTIONS = { offline: true, now: new Date('2026-11-27T00:00:00Z') };

export interface ThreadsResult {
	/** Longest step, total, on the main thread. */
	slices: { longestStepMs: number; totalMs: number; findings: number };
	/** Longest event-loop delay on the main thread while the worker ran, total (worker start included). */
	worker: { longestBlockMs: number; totalMs: number; findings: number };
}

function sliced(text: string): ThreadsResult['slices'] {
	const t0 = performance.now();
	let longest = 0;
	const steps = analysisSteps(text, OPTIONS);
	for (;;) {
		const s0 = performance.now();
		const step = steps.next();
		longest = Math.max(longest, performance.now() - s0);
		if (step.done) return { longestStepMs: longest, totalMs: performance.now() - t0, findings: step.value.findings.length };
	}
}

async function threaded(text: string): Promise<ThreadsResult['worker']> {
	const delay = monitorEventLoopDelay({ resolution: 5 });
	delay.enable();
	const t0 = performance.now();
	// tsx registers in the worker before this file loads there (execArgv loaders do not reach workers).
	const worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(__filename)});`, { eval: true, workerData: text });
	const findings = await new Promise<number>((resolve, reject) => {
		worker.once('message', (message: { findings: unknown[] }) => resolve(message.findings.length));
		worker.once('error', reject);
	});
	const totalMs = performance.now() - t0;
	delay.disable();
	await worker.terminate();
	return { longestBlockMs: delay.max / 1e6, totalMs, findings };
}

async function main(): Promise<void> {
	const lines = Number(process.argv[2] ?? 192_000);
	const whole = generateDockerfile(lines, 9);
	analyze(generateDockerfile(2000), OPTIONS); // warm the main thread's JIT as a running server's is
	const result = { lines, whole: { slices: sliced(whole), worker: await threaded(whole) } satisfies ThreadsResult, budgeted: { slices: sliced(withinBudget(whole, EDITOR_BUDGET).text) } };
	process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (!isMainThread) {
	const { findings } = analyze(workerData as string, OPTIONS);
	parentPort!.postMessage({ findings });
} else if (require.main === module) {
	void main();
}

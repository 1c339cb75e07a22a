// One tool on one generated size, in a process of its own (bench/lint.ts starts these, alternating
// the tools): a heap shared with the other tool would make each pay for collecting the other's
// garbage, and the validate() side must run on dockerfile-ast exactly as shipped.
//   node --import tsx bench/lintWorker.ts <ours|validate> <lines> <reps>
// Prints one JSON object: { tool, lines, findings?, timings: [{ wall, cpu, mainCpu? }] }.
//   node --import tsx bench/lintWorker.ts bomb 0 <reps>
// analyses issue 20's ARG bomb; prints { first, median, peakRssMb, baselineRssMb, findings }.
import { readFileSync } from 'node:fs';
import { generateDockerfile } from './generateDockerfile';

export interface Timing {
	wall: number;
	/** All threads of the process: the JavaScript thread plus V8's parallel and concurrent GC helpers. */
	cpu: number;
	/** The JavaScript thread alone: what the caller waits for, minus time spent waiting for a core. */
	mainCpu?: number;
}

export interface WorkerResult {
	tool: 'ours' | 'validate';
	lines: number;
	findings?: number;
	timings: Timing[];
}

/** Milliseconds the main thread of process `pid` has run on a CPU (Linux schedstat); undefined elsewhere. */
export function mainThreadCpuMs(pid: number | undefined = process.pid): number | undefined {
	try {
		return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
	} catch {
		return undefined;
	}
}

function time(fn: () => unknown): Timing {
	const main0 = mainThreadCpuMs();
	const cpu0 = process.cpuUsage();
	const t0 = performance.now();
	fn();
	const wall = performance.now() - t0;
	const cpu = process.cpuUsage(cpu0);
	const main1 = mainThreadCpuMs();
	return { wall, cpu: (cpu.user + cpu.system) / 1000, ...(main0 !== undefined && main1 !== undefined ? { mainCpu: main1 - main0 } : {}) };
}

interface Tool {
	/** Untimed: puts the tool back in its first-run state. */
	reset(): void;
	run(text: string): unknown;
	findings?(text: string): number;
}

/* eslint-disable @typescript-eslint/no-require-imports -- each worker loads only its own tool */
function load(tool: string): Tool {
	if (tool === 'ours') {
		const { analyze, clearAnalysisCaches } = require('../server/src/core/analyze') as typeof import('../server/src/core/analyze');
		const options = { offline: true, now: new Date('2026-11-27T00:00:00Z') };
		// Cold analyses: what one analysis keeps for the next (the server's edits) is dropped.
		return { reset: clearAnalysisCaches, run: text => analyze(text, options), findings: text => analyze(text, options).findings.length };
	}
	if (tool === 'validate') {
		const { validate } = require('dockerfile-utils') as typeof import('dockerfile-utils');
		const { Instruction } = require('dockerfile-ast') as typeof import('dockerfile-ast');
		if ((Instruction.prototype as unknown as Record<symbol, unknown>)[Symbol.for('patchlens.astCache')]) {
			throw new Error('lintWorker: validate() would run on a patched dockerfile-ast');
		}
		return { reset: () => undefined, run: text => validate(text) };
	}
	throw new Error(`lintWorker: unknown tool ${tool}`);
}
/* eslint-enable @typescript-eslint/no-require-imports */

export interface BombResult {
	/** First analysis, ms (cold: what a user opening the file waits for). */
	first: number;
	/** Median of the following analyses, ms. */
	median: number;
	/** Peak resident memory of the process, and before the first analysis. */
	peakRssMb: number;
	baselineRssMb: number;
	findings: string[];
}

/** `ARG A0=x`, 39 × `ARG Ai=${Ai-1}${Ai-1}`, `FROM ubuntu:${A39}`: 2^39 characters if expanded. */
export function argBomb(): string {
	const args = Array.from({ length: 39 }, (_, i) => `ARG A${i + 1}=\${A${i}}\${A${i}}`);
	return ['ARG A0=x', ...args, 'FROM ubuntu:${A39}', 'RUN echo hi', ''].join('\n');
}

function bomb(reps: number): BombResult {
	const baselineRssMb = process.memoryUsage().rss / 1e6;
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the baseline is read
	const { analyze } = require('../server/src/core/analyze') as typeof import('../server/src/core/analyze');
	const text = argBomb();
	const options = { offline: true, now: new Date('2026-11-27T00:00:00Z') };
	const t0 = performance.now();
	const result = analyze(text, options);
	const first = performance.now() - t0;
	const rest = Array.from({ length: reps }, () => {
		const t = performance.now();
		analyze(text, options);
		return performance.now() - t;
	}).sort((a, b) => a - b);
	const peakRssMb = process.resourceUsage().maxRSS / 1024;
	return { first, median: rest[rest.length >> 1] ?? first, peakRssMb, baselineRssMb, findings: result.findings.map(f => `${f.code}:${f.range.start.line + 1}`) };
}

function main(): void {
	const [toolName, linesArg, repsArg] = process.argv.slice(2);
	if (toolName === 'bomb') {
		process.stdout.write(`${JSON.stringify(bomb(Number(repsArg)))}\n`);
		return;
	}
	const lines = Number(linesArg);
	const reps = Number(repsArg);
	const tool = load(toolName);
	const text = generateDockerfile(lines);
	// Warm-up until steady state (JIT, lazily loaded state), as in a long-running editor: at least
	// three runs and 1.5 s, at most 60 runs. Both tools get the same policy.
	const warmStart = performance.now();
	for (let i = 0; i < 60 && (i < 3 || performance.now() - warmStart < 1500); i++) {
		tool.reset();
		tool.run(text);
	}
	const timings: Timing[] = [];
	for (let i = 0; i < reps; i++) {
		tool.reset();
		timings.push(time(() => tool.run(text)));
	}
	const result: WorkerResult = { tool: toolName as WorkerResult['tool'], lines, timings, ...(tool.findings ? { findings: tool.findings(text) } : {}) };
	process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (require.main === module) main();

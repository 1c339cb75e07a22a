// Lint speed: our analyze() against dockerfile-utils' validate() on the same generated Dockerfiles
// (20 / 200 / 2,000 / 20,000 lines), each tool in processes of its own (bench/lintWorker.ts),
// alternating, median of the repetitions; then the language server's didChange ->
// publishDiagnostics round trip at 2,000 lines.
// Targets: ratio <= 1.0 at 2,000 lines, <= 0.5 at 20,000; linear growth; round trip < 50 ms p95
// (net of the server's debounce, which is reported separately). See docs/performance.md.
//   npm run bench:lint [-- --reps N --edits N --sizes 20,200 --no-server]
// Prints a table, then one JSON object on the last line.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { DEBOUNCE_MS } from '../server/src/lsp/diagnostics';
import { openDocument, startServer } from '../scripts/lspClient';
import { generateDockerfile, prng } from './generateDockerfile';
import { mainThreadCpuMs, type Timing, type WorkerResult } from './lintWorker';

const arg = (name: string, fallback: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const SIZES = arg('--sizes', '20,200,2000,20000').split(',').map(Number);
const REPS_OVERRIDE = process.argv.includes('--reps') ? Number(arg('--reps', '5')) : undefined;
const EDITS = Number(arg('--edits', '50'));

function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function quantile(xs: number[], q: number): number {
	const s = [...xs].sort((a, b) => a - b);
	const pos = (s.length - 1) * q;
	const lo = Math.floor(pos);
	return s[lo] + (s[Math.ceil(pos)] - s[lo]) * (pos - lo);
}

/** Medians of one measure for both tools, and ours / theirs. */
interface Comparison {
	oursMs: number;
	theirsMs: number;
	ratio: number;
}

interface SizeResult {
	lines: number; reps: number;
	/** Elapsed time: what a caller waits for. The targets are judged on it. */
	wall: Comparison;
	/** CPU time of the JavaScript thread: the same work, unaffected by waiting for a core on a busy machine. */
	mainCpu?: Comparison;
	/** CPU time of all threads, including V8's parallel and concurrent garbage collection helpers. */
	processCpu: Comparison;
	/** Our wall time per line (linear growth keeps it flat). */
	usPerLine: number;
	findings: number;
}

function compare(ours: number[], theirs: number[]): Comparison {
	const oursMs = median(ours);
	const theirsMs = median(theirs);
	return { oursMs, theirsMs, ratio: oursMs / theirsMs };
}

/** Runs one tool on one size in a fresh process; its timings. */
function runWorker(tool: WorkerResult['tool'], lines: number, reps: number): WorkerResult {
	const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'lintWorker.ts'), tool, String(lines), String(reps)], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
	if (child.status !== 0) throw new Error(`bench: ${tool} worker failed (${child.status}): ${child.stderr}`);
	return JSON.parse(child.stdout) as WorkerResult;
}

/** Blocks of repetitions per tool, alternating which tool goes first, so both see the same machine. */
const BLOCKS = 3;

function measureSize(lines: number): SizeResult {
	const reps = REPS_OVERRIDE ?? (lines <= 200 ? 60 : lines <= 2000 ? 24 : 15);
	const perBlock = Math.ceil(reps / BLOCKS);
	const ours: Timing[] = [];
	const theirs: Timing[] = [];
	let findings = 0;
	for (let block = 0; block < BLOCKS; block++) {
		const order: WorkerResult['tool'][] = block % 2 ? ['validate', 'ours'] : ['ours', 'validate'];
		for (const tool of order) {
			const result = runWorker(tool, lines, perBlock);
			(tool === 'ours' ? ours : theirs).push(...result.timings);
			if (result.findings !== undefined) findings = result.findings;
		}
	}
	const wall = compare(ours.map(t => t.wall), theirs.map(t => t.wall));
	const hasMain = ours.every(t => t.mainCpu !== undefined) && theirs.every(t => t.mainCpu !== undefined);
	return {
		lines: generateDockerfile(lines).split('\n').length - 1, reps: ours.length, wall,
		...(hasMain ? { mainCpu: compare(ours.map(t => t.mainCpu!), theirs.map(t => t.mainCpu!)) } : {}),
		processCpu: compare(ours.map(t => t.cpu), theirs.map(t => t.cpu)),
		usPerLine: (wall.oursMs * 1000) / lines, findings,
	};
}

interface RoundTrip {
	edits: number; lines: number; debounceMs: number;
	rawP50: number; rawP95: number; netP50: number; netP95: number; openP50: number; openP95: number;
	/** CPU time the server's main thread spent per edit (Linux /proc schedstat), unaffected by machine load. */
	serverCpuP50?: number; serverCpuP95?: number;
}

/**
 * Edits a 2,000-line document one character at a time, waiting for the publish of each version.
 * raw = didChange sent -> publishDiagnostics for that version received (includes the debounce);
 * net = raw - DEBOUNCE_MS. open = didOpen -> publish, which the server schedules without debounce.
 */
async function measureRoundTrip(): Promise<RoundTrip> {
	const session = await startServer({ online: false });
	try {
		const text = generateDockerfile(2000, 7);
		const lineCount = text.split('\n').length;
		const opens: number[] = [];
		for (let i = 0; i < Math.min(EDITS, 30); i++) {
			const uri = `file:///bench/open${i}/Dockerfile`;
			const t0 = performance.now();
			const published = session.nextDiagnostics(uri);
			await openDocument(session, uri, text);
			await published;
			opens.push(performance.now() - t0);
			await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
		}
		const uri = 'file:///bench/edit/Dockerfile';
		const first = session.nextDiagnostics(uri);
		await openDocument(session, uri, text);
		await first;
		const raw: number[] = [];
		const cpu: number[] = [];
		const rnd = prng(3);
		for (let version = 2; version < EDITS + 2; version++) {
			const line = rnd(lineCount - 1);
			const published = session.nextDiagnostics(uri, p => p.version === version, 30_000);
			const cpu0 = mainThreadCpuMs(session.process.pid);
			const t0 = performance.now();
			await session.connection.sendNotification('textDocument/didChange', {
				textDocument: { uri, version },
				contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: version % 2 ? ' ' : '#' }],
			});
			await published;
			raw.push(performance.now() - t0);
			const cpu1 = mainThreadCpuMs(session.process.pid);
			if (cpu0 !== undefined && cpu1 !== undefined) cpu.push(cpu1 - cpu0);
		}
		const net = raw.map(r => r - DEBOUNCE_MS);
		return {
			edits: raw.length, lines: lineCount, debounceMs: DEBOUNCE_MS,
			rawP50: quantile(raw, 0.5), rawP95: quantile(raw, 0.95),
			netP50: quantile(net, 0.5), netP95: quantile(net, 0.95),
			openP50: quantile(opens, 0.5), openP95: quantile(opens, 0.95),
			...(cpu.length ? { serverCpuP50: quantile(cpu, 0.5), serverCpuP95: quantile(cpu, 0.95) } : {}),
		};
	} finally {
		await session.close();
	}
}

const fmt = (n: number, digits = 2) => n.toFixed(digits);

async function main(): Promise<void> {
	console.log(`lint benchmark: analyze() vs dockerfile-utils validate(), each in processes of its own, alternating (node ${process.version})`);
	console.log('Medians, in ms. wall: elapsed (the targets); main CPU: the JavaScript thread\'s CPU time (robust on a busy');
	console.log('machine); process CPU: all threads, including V8\'s parallel garbage-collection helpers.');
	console.log('');
	const cell = (c: Comparison | undefined) => (c ? `${fmt(c.oursMs, 1)} / ${fmt(c.theirsMs, 1)} = ${fmt(c.ratio)}` : 'n/a');
	console.log('| lines  | reps | wall: ours / validate = ratio | main CPU: ours / validate = ratio | process CPU: ours / validate = ratio | µs/line | findings |');
	console.log('|-------:|-----:|------------------------------:|----------------------------------:|-------------------------------------:|--------:|---------:|');
	const sizes: SizeResult[] = [];
	for (const lines of SIZES) {
		const r = measureSize(lines);
		sizes.push(r);
		console.log(`| ${String(r.lines).padStart(6)} | ${String(r.reps).padStart(4)} | ${cell(r.wall).padStart(29)} | ${cell(r.mainCpu).padStart(33)} | ${cell(r.processCpu).padStart(36)} | ${fmt(r.usPerLine, 1).padStart(7)} | ${String(r.findings).padStart(8)} |`);
	}
	// Linear growth: time per line should stay flat; report the largest/smallest of the big sizes.
	const big = sizes.filter(s => s.lines >= 200);
	const growth = big.length >= 2 ? big[big.length - 1].usPerLine / big[0].usPerLine : NaN;
	console.log('');
	console.log(`growth: µs/line at ${big.at(-1)?.lines ?? '-'} lines / at ${big[0]?.lines ?? '-'} lines = ${fmt(growth)} (1.0 = linear)`);
	const roundTrip = process.argv.includes('--no-server') ? undefined : await measureRoundTrip();
	if (roundTrip) {
		console.log('');
		console.log(`language server, ${roundTrip.lines}-line document, ${roundTrip.edits} one-character edits (server debounce ${roundTrip.debounceMs} ms):`);
		console.log(`  didChange -> publish, raw (includes debounce): p50 ${fmt(roundTrip.rawP50, 1)} ms, p95 ${fmt(roundTrip.rawP95, 1)} ms`);
		console.log(`  net of debounce:                               p50 ${fmt(roundTrip.netP50, 1)} ms, p95 ${fmt(roundTrip.netP95, 1)} ms`);
		console.log(`  didOpen -> publish (no debounce):              p50 ${fmt(roundTrip.openP50, 1)} ms, p95 ${fmt(roundTrip.openP95, 1)} ms`);
		if (roundTrip.serverCpuP50 !== undefined) {
			console.log(`  server main-thread CPU per edit:               p50 ${fmt(roundTrip.serverCpuP50, 1)} ms, p95 ${fmt(roundTrip.serverCpuP95!, 1)} ms (the round trip on an idle machine, minus transport)`);
		}
	}
	const at = (lines: number) => sizes.find(s => s.lines >= lines * 0.95 && s.lines <= lines * 1.05);
	const targets = {
		ratioAt2000: at(2000) ? at(2000)!.wall.ratio <= 1.0 : undefined,
		ratioAt20000: at(20000) ? at(20000)!.wall.ratio <= 0.5 : undefined,
		roundTripP95: roundTrip ? roundTrip.netP95 < 50 : undefined,
	};
	console.log('');
	console.log(`targets: ratio<=1.0@2000 ${targets.ratioAt2000}, ratio<=0.5@20000 ${targets.ratioAt20000}, net round trip p95<50ms ${targets.roundTripP95}`);
	console.log(JSON.stringify({ bench: 'lint', script: path.relative(process.cwd(), __filename), sizes, growth, roundTrip, targets }));
}

if (require.main === module) void main().catch(error => {
	console.error(error);
	process.exitCode = 1;
});

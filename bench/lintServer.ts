// The language server under heavy and hostile documents (issue 20), measured from a real JSON-RPC
// client: a heavy real-world-shaped 2,000-line file (open -> publish, didChange -> publish felt and
// net), a 5 MB file (other documents' hovers during its analysis, RSS 10 s after closing it) and
// the ARG bomb (time and peak memory in a process of its own). Used by bench/lint.ts.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../server/src/core/analyze';
import { openDocument, startServer, type LspSession } from '../scripts/lspClient';
import { generateDockerfile, prng } from './generateDockerfile';
import { generateHeavyDockerfile } from './heavyDockerfile';
import type { ThreadsResult } from './lintThreads';
import { mainThreadCpuMs, type BombResult } from './lintWorker';

export function quantile(xs: number[], q: number): number {
	const s = [...xs].sort((a, b) => a - b);
	const pos = (s.length - 1) * q;
	const lo = Math.floor(pos);
	return s[lo] + (s[Math.ceil(pos)] - s[lo]) * (pos - lo);
}

export interface Spread { p50: number; p95: number; max: number }

const spread = (xs: number[]): Spread => ({ p50: quantile(xs, 0.5), p95: quantile(xs, 0.95), max: Math.max(...xs) });

export interface HeavyResult {
	lines: number; findings: number; edits: number;
	/** didOpen -> publishDiagnostics (no debounce on open). */
	open: Spread;
	/** didChange -> publish of that version: what the user waits for, the server's debounce included. */
	felt: Spread;
	/** One analysis of the edited text as the server runs it (warm, reuse on), in this process. */
	net: Spread;
	/** The same analyses' CPU time (all threads of this process): robust on a busy machine. */
	netCpu: Spread;
	/** CPU time of the server's main thread per edit (Linux schedstat): robust on a busy machine. */
	serverCpu?: Spread;
}

const OPTIONS = { offline: true, now: new Date('2026-11-27T00:00:00Z') };

async function published(session: LspSession, uri: string, open: () => Promise<void>): Promise<number> {
	const t0 = performance.now();
	const done = session.nextDiagnostics(uri, undefined, 120_000);
	await open();
	await done;
	return performance.now() - t0;
}

/** One-character edits at seeded lines; each waits for the publish of its version. */
async function editRoundTrips(session: LspSession, uri: string, text: string, edits: number): Promise<{ felt: number[]; cpu: number[]; texts: string[] }> {
	const lines = text.split('\n');
	const rnd = prng(3);
	const felt: number[] = [];
	const cpu: number[] = [];
	const texts: string[] = [];
	for (let version = 2; version < edits + 2; version++) {
		const line = rnd(lines.length - 1);
		const insert = version % 2 ? ' ' : '#';
		lines[line] = insert + lines[line];
		texts.push(lines.join('\n'));
		const done = session.nextDiagnostics(uri, p => p.version === version, 60_000);
		const cpu0 = mainThreadCpuMs(session.process.pid);
		const t0 = performance.now();
		await session.connection.sendNotification('textDocument/didChange', {
			textDocument: { uri, version },
			contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: insert }],
		});
		await done;
		felt.push(performance.now() - t0);
		const cpu1 = mainThreadCpuMs(session.process.pid);
		if (cpu0 !== undefined && cpu1 !== undefined) cpu.push(cpu1 - cpu0);
	}
	return { felt, cpu, texts };
}

/** The same analyses in this process, as the server runs them: warm, reusing work across edits. */
function netAnalyses(texts: string[]): { wall: number[]; cpu: number[] } {
	for (const text of texts.slice(0, 5)) analyze(text, { ...OPTIONS, reuse: true });
	const wall: number[] = [];
	const cpu: number[] = [];
	for (const text of texts) {
		const cpu0 = process.cpuUsage();
		const t0 = performance.now();
		analyze(text, { ...OPTIONS, reuse: true });
		wall.push(performance.now() - t0);
		const used = process.cpuUsage(cpu0);
		cpu.push((used.user + used.system) / 1000);
	}
	return { wall, cpu };
}

/** The heavy real-world-shaped 2,000-line file. */
export function measureHeavy(edits: number): Promise<HeavyResult> {
	return measureEditing(generateHeavyDockerfile(2000), edits);
}

/** Opens (each a document of its own) and one-character edits of `text` in a fresh server. */
export async function measureEditing(text: string, edits: number): Promise<HeavyResult> {
	const session = await startServer({ online: false });
	try {
		const opens: number[] = [];
		for (let i = 0; i < Math.min(edits, 20); i++) {
			const uri = `file:///bench/heavy-open${i}/Dockerfile`;
			opens.push(await published(session, uri, () => openDocument(session, uri, text)));
			await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
		}
		const uri = 'file:///bench/heavy-edit/Dockerfile';
		await published(session, uri, () => openDocument(session, uri, text));
		const { felt, cpu, texts } = await editRoundTrips(session, uri, text, edits);
		const net = netAnalyses(texts);
		return {
			lines: text.split('\n').length - 1, findings: analyze(text, OPTIONS).findings.length, edits: felt.length,
			open: spread(opens), felt: spread(felt), net: spread(net.wall), netCpu: spread(net.cpu),
			...(cpu.length ? { serverCpu: spread(cpu) } : {}),
		};
	} finally {
		await session.close();
	}
}

export interface HugeResult {
	bytes: number; lines: number;
	/** didOpen -> publish of the 5 MB document (analysed within the editor's budget). */
	openMs: number;
	/**
	 * didOpen sent -> the answer to a hover sent right behind it: the 5 MB message travels first
	 * (one stream, in order), so this is mostly transport, whatever the server does.
	 */
	transportMs: number;
	/** Hovers on a small document sent every 10 ms after that, until the 5 MB document was published. */
	otherRequests: Spread & { count: number };
	rssMb: { baseline: number; afterOpen: number; tenSecondsAfterClose: number };
}

function rssMb(pid: number | undefined): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
}

export async function measureHuge(): Promise<HugeResult> {
	const text = generateDockerfile(192_000, 9);
	const session = await startServer({ online: false });
	try {
		const small = 'file:///bench/small/Dockerfile';
		await published(session, small, () => openDocument(session, small, 'FROM ubuntu:latest\nRUN apt-get install curl\n'));
		const baseline = rssMb(session.process.pid);
		const uri = 'file:///bench/huge/Dockerfile';
		const hover = () => session.connection.sendRequest('textDocument/hover', { textDocument: { uri: small }, position: { line: 0, character: 7 } });
		const t0 = performance.now();
		const publishedHuge = session.nextDiagnostics(uri, undefined, 120_000).then(() => performance.now() - t0);
		await openDocument(session, uri, text);
		await hover();
		const transportMs = performance.now() - t0;
		const latencies: number[] = [];
		let done = false;
		void publishedHuge.then(() => { done = true; });
		while (!done) {
			const sent = performance.now();
			await hover();
			latencies.push(performance.now() - sent);
			await new Promise(resolve => setTimeout(resolve, 10));
		}
		const openMs = await publishedHuge;
		const afterOpen = rssMb(session.process.pid);
		await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
		await new Promise(resolve => setTimeout(resolve, 10_000));
		return {
			bytes: text.length, lines: text.split('\n').length - 1, openMs, transportMs,
			otherRequests: { ...(latencies.length ? spread(latencies) : { p50: NaN, p95: NaN, max: NaN }), count: latencies.length },
			rssMb: { baseline, afterOpen, tenSecondsAfterClose: rssMb(session.process.pid) },
		};
	} finally {
		await session.close();
	}
}

/** The 40-line ARG bomb of issue 20, analysed in a fresh process (peak RSS is per process). */
export function measureBomb(): BombResult {
	const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'lintWorker.ts'), 'bomb', '0', '5'], { encoding: 'utf8' });
	if (child.status !== 0) throw new Error(`bench: bomb worker failed (${child.status}): ${child.stderr}`);
	return JSON.parse(child.stdout) as BombResult;
}

/** Slices against a worker thread on the 5 MB file, in a process of its own (bench/lintThreads.ts). */
export function measureThreads(): { lines: number; whole: ThreadsResult; budgeted: { slices: ThreadsResult['slices'] } } {
	const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'lintThreads.ts')], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
	if (child.status !== 0) throw new Error(`bench: threads comparison failed (${child.status}): ${child.stderr}`);
	return JSON.parse(child.stdout);
}

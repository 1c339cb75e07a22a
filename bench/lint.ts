// Lint speed: our analyze() against dockerfile-utils' validate() on the same generated Dockerfiles
// (20 / 200 / 2,000 / 20,000 lines), measured alternately in one run, median of several repetitions;
// then the language server's didChange -> publishDiagnostics round trip at 2,000 lines.
// Targets: ratio <= 1.0 at 2,000 lines, <= 0.5 at 20,000; linear growth; round trip < 50 ms p95
// (net of the server's debounce, which is reported separately).
//   npm run bench:lint [-- --reps N --edits N --sizes 20,200]
// Prints a table, then one JSON object on the last line.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze, clearAnalysisCaches } from '../server/src/core/analyze';
import { PATCHED } from '../server/src/core/astCache';
import type { AnalysisOptions } from '../server/src/core/options';
import { DEBOUNCE_MS } from '../server/src/lsp/diagnostics';
import { openDocument, startServer } from '../test/helpers/lspClient';

/**
 * dockerfile-utils as its users run it: on a dockerfile-ast module of its own. Our parse installs
 * caches on dockerfile-ast's classes (server/src/core/astCache.ts); sharing the
 * module would hand validate() that speed-up too, and the ratio would not compare with the
 * library as shipped. So the cached dockerfile-ast modules are dropped before loading it.
 */
function loadPristineValidate(): typeof import('dockerfile-utils').validate {
	const saved = new Map<string, NodeJS.Module>();
	for (const id of Object.keys(require.cache)) {
		if (/[\\/]node_modules[\\/]dockerfile-(ast|utils)[\\/]/.test(id)) {
			saved.set(id, require.cache[id]!);
			delete require.cache[id];
		}
	}
	try {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const utils = require('dockerfile-utils') as typeof import('dockerfile-utils');
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const ast = require('dockerfile-ast') as typeof import('dockerfile-ast');
		if ((ast.Instruction.prototype as unknown as Record<symbol, unknown>)[PATCHED]) {
			throw new Error('bench: dockerfile-utils would run on the patched dockerfile-ast');
		}
		return utils.validate;
	} finally {
		// Everything loaded later (and the analysis) keeps using the shared, patched module.
		for (const id of Object.keys(require.cache)) {
			if (/[\\/]node_modules[\\/]dockerfile-(ast|utils)[\\/]/.test(id)) delete require.cache[id];
		}
		for (const [id, module] of saved) require.cache[id] = module;
	}
}
let validate: typeof import('dockerfile-utils').validate;

const arg = (name: string, fallback: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const SIZES = arg('--sizes', '20,200,2000,20000').split(',').map(Number);
const REPS_OVERRIDE = process.argv.includes('--reps') ? Number(arg('--reps', '5')) : undefined;
const EDITS = Number(arg('--edits', '50'));
const OPTIONS: Partial<AnalysisOptions> = { offline: true, now: new Date('2026-11-27T00:00:00Z') };

/** Deterministic PRNG (mulberry32) so every run lints the same files. */
function prng(seed: number): (n: number) => number {
	let a = seed >>> 0;
	return n => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
	};
}

const BASES = ['python:3.12.1-slim-bookworm', 'node:20.11.0-alpine3.19', 'debian:bookworm-slim', 'golang:1.22.5-bookworm', 'ubuntu:22.04', 'alpine:3.20', 'node:latest', 'nginx:1.27.3-alpine', 'ruby:3.3'];
const APT = ['curl', 'ca-certificates', 'git', 'build-essential', 'libpq-dev', 'jq', 'unzip', 'gnupg', 'openssh-client', 'tzdata', 'locales', 'make'];
const PIP = ['flask==3.0.3', 'gunicorn', 'requests==2.32.3', 'psycopg[binary]', 'uvicorn==0.30.1', 'pydantic'];
const NPM = ['typescript@5.4.5', 'esbuild', 'pm2', 'yarn', 'pnpm@9'];

/** A realistic multi-stage Dockerfile of about `lines` lines: installs, RUN chains, COPY/ENV/ARG. */
export function generateDockerfile(lines: number, seed = 1): string {
	const rnd = prng(seed);
	const pick = <T>(items: readonly T[]) => items[rnd(items.length)];
	const some = <T>(items: readonly T[], n: number) => Array.from({ length: n }, () => pick(items));
	const out: string[] = ['# syntax=docker/dockerfile:1', 'ARG APP_VERSION=1.0.0', 'ARG BASE_TAG=3.12.1-slim'];
	let stage = 0;
	while (out.length < lines - 4) {
		out.push('', `FROM ${pick(BASES)} AS stage${stage}`);
		out.push(`ARG APP_VERSION`, `ENV APP_HOME=/srv/app${stage} PATH=/srv/app${stage}/bin:$PATH LANG=C.UTF-8`, `WORKDIR /srv/app${stage}`);
		const steps = 3 + rnd(6);
		for (let s = 0; s < steps && out.length < lines - 4; s++) {
			switch (rnd(7)) {
				case 0: {
					const pkgs = some(APT, 2 + rnd(6));
					out.push('RUN apt-get update \\', `    && apt-get install -y ${rnd(2) ? '--no-install-recommends ' : ''}\\`, ...pkgs.map(p => `       ${p} \\`), '    && rm -rf /var/lib/apt/lists/*');
					break;
				}
				case 1: out.push(`RUN pip install ${rnd(2) ? '--no-cache-dir ' : ''}${some(PIP, 1 + rnd(3)).join(' ')}`); break;
				case 2: out.push('COPY package.json package-lock.json ./', `RUN npm ${rnd(2) ? 'ci' : 'install'} && npm install -g ${pick(NPM)} \\`, '    && npm run build \\', '    && npm cache clean --force'); break;
				case 3: out.push(`COPY ${rnd(2) ? '--chown=app:app ' : ''}src/ ./src/`, `ENV FEATURE_${stage}_${s}=on`); break;
				case 4: out.push(stage > 0 ? `COPY --from=stage${rnd(stage)} /srv/app${rnd(stage)}/dist ./vendor/` : 'ADD https://example.invalid/tool.tar.gz /tmp/'); break;
				case 5: out.push('RUN set -eux; \\', '    mkdir -p /var/cache/app; \\', `    echo "${stage}" > /etc/app-stage; \\`, '    chmod 0644 /etc/app-stage'); break;
				default: out.push(`LABEL org.opencontainers.image.version="$APP_VERSION" stage="${stage}"`, `EXPOSE ${8000 + rnd(100)}`);
			}
		}
		stage++;
	}
	out.push('USER 1000', 'HEALTHCHECK CMD curl -fsS http://localhost:8000/health || exit 1', 'CMD ["python", "-m", "app"]');
	return out.join('\n') + '\n';
}

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

/** Milliseconds this process's main thread has run on a CPU (Linux); undefined elsewhere. */
function mainThreadCpuMs(): number | undefined {
	try {
		return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
	} catch {
		return undefined;
	}
}

interface Timing {
	wall: number;
	/** All threads of the process: the JavaScript thread plus V8's parallel and concurrent GC helpers. */
	cpu: number;
	/** The JavaScript thread alone: what the caller waits for, minus time spent waiting for a core. */
	mainCpu?: number;
}

/** Wall-clock and CPU time of one synchronous call, in ms. */
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

function measureSize(lines: number): SizeResult {
	const text = generateDockerfile(lines);
	const reps = REPS_OVERRIDE ?? (lines <= 200 ? 50 : lines <= 2000 ? 21 : 9);
	// Warm both up (JIT, lazy module state), then alternate so both see the same machine state.
	analyze(text, OPTIONS);
	validate(text);
	const ours: Timing[] = [];
	const theirs: Timing[] = [];
	for (let i = 0; i < reps; i++) {
		// Cold: what analyses keep for the next one (what makes the server's re-analysis cheap) is dropped.
		clearAnalysisCaches();
		ours.push(time(() => analyze(text, OPTIONS)));
		theirs.push(time(() => validate(text)));
	}
	const wall = compare(ours.map(t => t.wall), theirs.map(t => t.wall));
	const hasMain = ours.every(t => t.mainCpu !== undefined) && theirs.every(t => t.mainCpu !== undefined);
	return {
		lines: text.split('\n').length - 1, reps, wall,
		...(hasMain ? { mainCpu: compare(ours.map(t => t.mainCpu!), theirs.map(t => t.mainCpu!)) } : {}),
		processCpu: compare(ours.map(t => t.cpu), theirs.map(t => t.cpu)),
		usPerLine: (wall.oursMs * 1000) / lines, findings: analyze(text, OPTIONS).findings.length,
	};
}

interface RoundTrip {
	edits: number; lines: number; debounceMs: number;
	rawP50: number; rawP95: number; netP50: number; netP95: number; openP50: number; openP95: number;
	/** CPU time the server's main thread spent per edit (Linux /proc schedstat), unaffected by machine load. */
	serverCpuP50?: number; serverCpuP95?: number;
}

/** Nanoseconds the process's main thread has run on a CPU; undefined off Linux. */
function threadCpuMs(pid: number | undefined): number | undefined {
	try {
		return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
	} catch {
		return undefined;
	}
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
			const cpu0 = threadCpuMs(session.process.pid);
			const t0 = performance.now();
			await session.connection.sendNotification('textDocument/didChange', {
				textDocument: { uri, version },
				contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: version % 2 ? ' ' : '#' }],
			});
			await published;
			raw.push(performance.now() - t0);
			const cpu1 = threadCpuMs(session.process.pid);
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
	validate = loadPristineValidate();
	console.log(`lint benchmark: analyze() vs dockerfile-utils validate(), median of alternating runs (node ${process.version})`);
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

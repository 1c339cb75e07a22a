// What a hostile registry costs a `patchlens check` run: peak RSS and wall time of the built CLI
// (cli/out/patchlens.js, run `npm run build` first) against a fixture registry on 127.0.0.1 that
//   flood    answers every request with an endless chunked body (no Content-Length),
//   pages    serves endless `Link: next` tag-list pages of 1,000 new tags each,
//   429      answers 429 `Retry-After: 10` to everything (--registry-timeout 500, 4 FROMs),
//   silent   accepts connections and never answers (default --registry-timeout, 12 FROMs).
// Targets (issue 19): peak RSS under 100 MB; a rate-limiting or silent registry costs about one
// time limit per run. `node --import tsx bench/hostileRegistry.ts` — one run per scenario.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FixtureRegistry, json } from '../scripts/env/fixtureRegistry';

/** PATCHLENS_BENCH_CLI=/path/to/patchlens.js measures another build (e.g. main's, for a before/after). */
const CLI = process.env.PATCHLENS_BENCH_CLI ?? path.join(__dirname, '../cli/out/patchlens.js');
const IMAGES = ['python:3.12.1-slim', 'node:20.11.0-alpine3.19', 'debian:bookworm-slim', 'alpine:3.20'];

interface Scenario {
	name: string;
	froms: number;
	args: string[];
	arm: (registry: FixtureRegistry) => void;
}

const forever = <T>(answer: T): T[] => Array.from({ length: 10_000 }, () => answer);

const SCENARIOS: Scenario[] = [
	{ name: 'flood (chunked, no Content-Length), 4 FROMs', froms: 4, args: [], arm: r => r.script(/^\/v2\//, ...forever({ status: 200, headers: { 'content-type': 'application/json' }, floodChunkBytes: 256 * 1024 })) },
	{ name: 'endless Link pages, 4 FROMs', froms: 4, args: [], arm: endlessPages },
	{ name: '429 Retry-After 10, --registry-timeout 500, 4 FROMs', froms: 4, args: ['--registry-timeout', '500'], arm: r => r.script(/^\/v2\//, ...forever({ status: 429, headers: { 'retry-after': '10' } })) },
	{ name: 'silent (never answers), default timeout, 12 FROMs', froms: 12, args: [], arm: r => r.script(/^\/v2\//, ...forever({ status: 200, hang: true })) },
];

function endlessPages(registry: FixtureRegistry): void {
	registry.route(/\/tags\/list$/, (_req, url, res) => {
		const page = Number(url.searchParams.get('page') ?? 0);
		const tags = Array.from({ length: 1000 }, (_, i) => `${page}.${i}`);
		json(res, 200, { name: 'x', tags }, { link: `<${url.pathname}?page=${page + 1}>; rel="next"` });
		return true;
	});
}

/** Writes the process's peak RSS (KB) to a file when it exits: loaded into the CLI with --require. */
const PRELOAD = `process.on('exit', () => require('fs').writeFileSync(process.env.PATCHLENS_BENCH_RSS, String(process.resourceUsage().maxRSS)));`;

async function runScenario(scenario: Scenario, work: string): Promise<{ rssMb: number; wallMs: number; stderr: string }> {
	const registry = await new FixtureRegistry().start();
	scenario.arm(registry);
	const dockerfile = path.join(work, 'Dockerfile');
	writeFileSync(dockerfile, Array.from({ length: scenario.froms }, (_, i) => `FROM ${IMAGES[i % IMAGES.length].replace(':', `${i}:`)}`).join('\n') + '\n');
	const rssFile = path.join(work, 'rss');
	const started = process.hrtime.bigint();
	const child = spawn(process.execPath, ['--require', path.join(work, 'preload.cjs'), CLI, 'check', '--format', 'json', '--cache-dir', path.join(work, `cache-${Date.now()}`), ...scenario.args, dockerfile], {
		env: { ...process.env, NO_COLOR: '1', PATCHLENS_REGISTRY_MIRROR: `docker.io=${registry.url}`, DOCKER_CONFIG: path.join(work, 'docker'), PATCHLENS_BENCH_RSS: rssFile },
	});
	let stderr = '';
	child.stderr.on('data', d => (stderr += d));
	child.stdout.resume();
	await new Promise(resolve => child.on('close', resolve));
	const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
	await registry.stop();
	return { rssMb: Number(readFileSync(rssFile, 'utf8')) / 1024, wallMs, stderr: stderr.trim() };
}

async function main(): Promise<void> {
	const work = mkdtempSync(path.join(tmpdir(), 'patchlens-bench-hostile-'));
	writeFileSync(path.join(work, 'preload.cjs'), PRELOAD);
	try {
		console.log('scenario                                             peak RSS    wall');
		for (const scenario of SCENARIOS) {
			const { rssMb, wallMs, stderr } = await runScenario(scenario, work);
			console.log(`${scenario.name.padEnd(52)} ${rssMb.toFixed(1).padStart(6)} MB ${(wallMs / 1000).toFixed(2).padStart(6)} s   ${rssMb < 100 ? 'ok' : 'OVER 100 MB'}`);
			for (const line of stderr.split('\n').filter(Boolean)) console.log(`    ${line.slice(0, 160)}`);
		}
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
}

void main();

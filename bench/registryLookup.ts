// Registry lookup latency against the local registry (scripts/env/up.sh): the facts a Dockerfile's
// FROM lines need (tags + digest per image), cold (network), from the on-disk cache (a new
// process), and from the session store (what the language server does per keystroke).
// `node --import tsx bench/registryLookup.ts [rounds]` — prints medians and ratios of one run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DiskCache } from '../server/src/registry/cache';
import { RegistryClient } from '../server/src/registry/client';
import { registryEndpoint } from '../server/src/registry/endpoints';
import { imageReferencesIn, RegistryFactsStore } from '../server/src/registry/facts';

const DOCKERFILE = [
	'FROM python:3.12.1-slim AS build',
	'FROM node:20.11.0-alpine3.19 AS web',
	'FROM debian:bookworm-slim AS tools',
	'FROM alpine:3.20',
].join('\n') + '\n';

const rounds = Number(process.argv[2] ?? 20);
const endpoint = registryEndpoint(new Map([['docker.io', 'http://127.0.0.1:5000']]));
const refs = imageReferencesIn(DOCKERFILE);

function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
	const t = process.hrtime.bigint();
	await fn();
	return Number(process.hrtime.bigint() - t) / 1e6;
}

async function main(): Promise<void> {
	const cold: number[] = [];
	const disk: number[] = [];
	const memory: number[] = [];
	for (let i = 0; i < rounds; i++) {
		const dir = mkdtempSync(path.join(tmpdir(), 'patchlens-bench-'));
		const client = () => new RegistryClient({ endpoint, cache: new DiskCache({ dir, ttlMs: 3_600_000 }) });
		const first = new RegistryFactsStore(client());
		cold.push(await timed(async () => {
			const { failures } = await first.prefetch(refs);
			if (failures.length) throw new Error(failures.map(f => f.error.message).join('; '));
		}));
		const second = new RegistryFactsStore(client());
		disk.push(await timed(() => second.prefetch(refs)));
		memory.push(await timed(() => second.prefetch(refs)));
		rmSync(dir, { recursive: true, force: true });
	}
	const [c, d, m] = [median(cold), median(disk), median(memory)];
	console.log(`${refs.length} images (tags + digest each), ${rounds} rounds, medians:`);
	console.log(`  cold (registry 127.0.0.1:5000): ${c.toFixed(2)} ms`);
	console.log(`  disk cache (new session):       ${d.toFixed(2)} ms   cold/disk = ${(c / d).toFixed(1)}x`);
	console.log(`  session store (fresh facts):    ${m.toFixed(3)} ms   cold/store = ${(c / m).toFixed(0)}x`);
}

void main();

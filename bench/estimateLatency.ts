// How long an estimate takes from cached registry answers (target < 50 ms): each realistic pair is estimated once
// to fill a fresh disk cache, then again with a NEW client (disk cache only, nothing in memory) and timed.
// Engine facts are given (an empty engine): this measures the registry side and the model, not the Engine API.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DiskCache } from '../server/src/registry/cache';
import { RegistryClient } from '../server/src/registry/client';
import { LINUX_AMD64 } from '../server/src/registry/manifest';
import { estimateBumpStartup, type EngineFacts } from '../startup/src/estimate/service';
import type { EngineInfo } from '../startup/src/result';
import { median } from '../startup/src/stats';
import type { Realistic } from './estimateJudge';

export async function cachedEstimateLatency(real: Realistic): Promise<{ medianMs: number; maxMs: number; n: number }> {
	const dir = mkdtempSync(path.join(tmpdir(), 'patchlens-estimate-cache-'));
	const client = () => new RegistryClient({ cache: new DiskCache({ dir, ttlMs: 3_600_000 }) });
	const engine: EngineFacts = { info: { id: 'bench' } as EngineInfo, platform: LINUX_AMD64, present: new Set() };
	const times: number[] = [];
	for (const pair of real.pairs) {
		const request = { image: pair.current, candidate: pair.candidate, concurrency: 4 };
		await estimateBumpStartup(request, { client: client(), engine, reports: [] });
		const t0 = performance.now();
		const outcome = await estimateBumpStartup(request, { client: client(), engine, reports: [] });
		times.push(performance.now() - t0);
		if (!outcome.ok) throw new Error(`${pair.name}: ${outcome.reason}`);
	}
	return { medianMs: median(times), maxMs: Math.max(...times), n: times.length };
}

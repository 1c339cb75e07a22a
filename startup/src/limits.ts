// Per-container resource limits, written like `docker run` (--cpus 0.5, --memory 256m, --cpu-shares 512)
// and sent as HostConfig NanoCpus / Memory / CpuShares, so a benchmark shows how quotas change startup
// under contention. Pure parsing and formatting; the executor applies them to every container it creates.
import type { ContainerLimits } from './executor';

export interface LimitFlags {
	cpus?: string;
	memory?: string;
	cpuShares?: string;
}

export type LimitsParse = { ok: true; limits: ContainerLimits | undefined } | { ok: false; error: string };

/** The engine refuses less than 6 MiB (`Minimum memory limit allowed is 6MB`); say so before it does. */
export const MIN_MEMORY_BYTES = 6 * 1024 * 1024;

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** `256m`, `1g`, `512MiB`, `1048576` -> bytes, with docker's binary units (go-units RAMInBytes). */
export function parseMemory(text: string): number | undefined {
	const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*$/i.exec(text);
	if (!m) return undefined;
	const bytes = Math.round(Number(m[1]) * UNITS[m[2].toLowerCase()]);
	return Number.isSafeInteger(bytes) ? bytes : undefined;
}

export function parseLimits(flags: LimitFlags): LimitsParse {
	const limits: ContainerLimits = {};
	if (flags.cpus !== undefined) {
		const cpus = Number(flags.cpus);
		if (!Number.isFinite(cpus) || cpus <= 0) return { ok: false, error: `--cpus: expected a positive number of CPUs, e.g. 0.5 (got ${flags.cpus})` };
		// docker run --cpus: NanoCpus = cpus x 1e9 (CFS quota over a 100 ms period).
		limits.NanoCpus = Math.round(cpus * 1e9);
	}
	if (flags.memory !== undefined) {
		const bytes = parseMemory(flags.memory);
		if (bytes === undefined) return { ok: false, error: `--memory: expected a size like 256m or 1g (got ${flags.memory})` };
		if (bytes < MIN_MEMORY_BYTES) return { ok: false, error: `--memory: the engine needs at least 6m (got ${flags.memory})` };
		limits.Memory = bytes;
	}
	if (flags.cpuShares !== undefined) {
		const shares = Number(flags.cpuShares);
		if (!Number.isInteger(shares) || shares < 2 || shares > 262144) return { ok: false, error: `--cpu-shares: expected an integer 2-262144 (default weight 1024; got ${flags.cpuShares})` };
		limits.CpuShares = shares;
	}
	return { ok: true, limits: Object.keys(limits).length ? limits : undefined };
}

function size(bytes: number): string {
	for (const [unit, factor] of [['g', 1024 ** 3], ['m', 1024 ** 2], ['k', 1024]] as const) {
		if (bytes >= factor && bytes % factor === 0) return `${bytes / factor}${unit}`;
	}
	return bytes >= 1024 ** 2 ? `${(bytes / 1024 ** 2).toFixed(1)}m` : `${bytes}b`;
}

/** `cpus=0.5 memory=256m cpu-shares=512` (the flags' own spelling), or '' without limits. */
export function describeLimits(limits: Record<string, unknown> | undefined): string {
	if (!limits) return '';
	const parts: string[] = [];
	if (typeof limits.NanoCpus === 'number' && limits.NanoCpus > 0) parts.push(`cpus=${Number((limits.NanoCpus / 1e9).toFixed(3))}`);
	if (typeof limits.Memory === 'number' && limits.Memory > 0) parts.push(`memory=${size(limits.Memory)}`);
	if (typeof limits.CpuShares === 'number' && limits.CpuShares > 0) parts.push(`cpu-shares=${limits.CpuShares}`);
	return parts.join(' ');
}

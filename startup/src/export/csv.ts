// CSV export: one row per image, mode and concurrency level (RFC 4180 quoting), like hyperfine's --export-csv.
import type { BenchmarkReport, Phase } from '../result';
import { describeLimits } from '../limits';

const PHASE_COLUMNS: Phase[] = ['pull', 'create', 'start', 'ready', 'remove'];

export const CSV_HEADER = ['image', 'digest', 'mode', 'concurrency', 'n', 'min_ms', 'median_ms', 'mean_ms', 'p95_ms', 'p99_ms', 'max_ms', 'mad_ms',
	...PHASE_COLUMNS.map(p => `${p}_median_ms`), 'diff_vs_baseline_ms', 'ci95_lo_ms', 'ci95_hi_ms', 'verdict',
	// Rollouts and limits (issue 8): empty for plain runs.
	'strategy', 'all_ready_median_ms', 'replica_median_ms', 'peak_starting', 'limits'];

function cell(value: string | number | undefined): string {
	if (value === undefined || (typeof value === 'number' && !Number.isFinite(value))) return '';
	const text = typeof value === 'number' ? String(Number(value.toFixed(3))) : value;
	return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(report: BenchmarkReport): string {
	const rows = [CSV_HEADER.join(',')];
	for (const r of report.results) {
		const c = report.comparisons.find(x => x.candidate === r.image && x.mode === r.mode && x.concurrency === r.concurrency && x.strategy === r.strategy);
		rows.push([
			r.image, r.digest, r.mode, r.concurrency, r.stats.n, r.stats.min, r.stats.median, r.stats.mean, r.stats.p95, r.stats.p99, r.stats.max, r.stats.mad,
			...PHASE_COLUMNS.map(p => r.phases[p]?.median), c?.medianDiffMs, c?.ci95[0], c?.ci95[1], c?.verdict,
			r.strategy, r.rollout?.timeToAllReadyStats.median, r.rollout?.replicaLatency.median, r.rollout && Math.max(...r.rollout.peakStarting), describeLimits(report.settings.limits) || undefined,
		].map(cell).join(','));
	}
	return rows.join('\n') + '\n';
}

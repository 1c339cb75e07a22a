// The rollout comparison as a table (text and Markdown): per image and strategy, time to all ready,
// each replica's own startup latency and the peak number starting at once.
import { ms } from '../format';
import { describeLimits } from '../limits';
import type { BenchmarkReport, ImageResult } from '../result';

function rolloutRows(report: BenchmarkReport): ImageResult[] {
	return report.results.filter(r => r.strategy && r.rollout);
}

function cells(r: ImageResult): string[] {
	const x = r.rollout!;
	return [r.image, r.strategy!, r.mode, String(x.replicas), ms(x.timeToAllReadyStats.median), ms(x.timeToAllReadyStats.max),
		ms(x.replicaLatency.median), ms(x.replicaLatency.p95), String(Math.max(...x.peakStarting))];
}

const HEADER = ['image', 'strategy', 'mode', 'replicas', 'all ready (median)', 'all ready (max)', 'replica (median)', 'replica (p95)', 'peak starting'];

function pad(rows: string[][]): string[] {
	const widths = rows[0].map((_, c) => Math.max(...rows.map(r => r[c].length)));
	return rows.map(r => r.map((cell, c) => (c <= 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd());
}

export function rolloutText(report: BenchmarkReport): string {
	const rows = rolloutRows(report);
	if (!rows.length) return '';
	const limits = describeLimits(report.settings.limits);
	const out = ['', `Rollouts${limits ? ` (limits: ${limits})` : ''}: time from the first create to the last replica ready; replica = its own create -> ready:`];
	out.push(...pad([HEADER, ...rows.map(cells)]).map(l => `  ${l}`));
	return out.join('\n') + '\n';
}

export function rolloutMarkdown(report: BenchmarkReport): string {
	const rows = rolloutRows(report);
	if (!rows.length) return '';
	const limits = describeLimits(report.settings.limits);
	const out = ['## Rollout strategies', '', `Time to all ready: from the first create to the last replica ready. Replica: each replica's own create → ready. Peak starting: most replicas created but not yet ready at once.${limits ? ` Limits per container: ${limits}.` : ''}`, ''];
	out.push(`| ${HEADER.map(h => h[0].toUpperCase() + h.slice(1)).join(' | ')} |`, '|---|---|---|--:|--:|--:|--:|--:|--:|');
	for (const r of rows) out.push(`| ${cells(r).map(c => c.replace(/\|/g, '\\|')).join(' | ')} |`);
	return out.join('\n') + '\n';
}

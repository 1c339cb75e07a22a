// Plain-text table for terminals: one row per image and level, then the verdicts.
import type { BenchmarkReport } from '../result';
import { ms } from '../format';
import { describeComparison, resultLabel } from './markdown';
import { describeLimits } from '../limits';

function table(rows: string[][]): string[] {
	const widths = rows[0].map((_, c) => Math.max(...rows.map(r => r[c].length)));
	return rows.map(r => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd());
}

export function toText(report: BenchmarkReport): string {
	const out: string[] = [];
	const e = report.engine;
	if (e.version) out.push(`Docker ${e.version} (${e.storageDriver}, ${e.cpus} CPUs) at ${e.host} — run ${report.runId}`);
	const limits = describeLimits(report.settings.limits);
	if (limits) out.push(`Limits per container: ${limits}`);
	for (const mode of report.settings.modes) {
		const rows = report.results.filter(r => r.mode === mode);
		if (!rows.length) continue;
		out.push('', mode === 'cold' ? 'Cold start (pull, then start), time to ready:' : 'Warm start, time to ready:');
		out.push(...table([
			['image', 'N', 'median', 'mean', 'p95', 'min', 'max', 'MAD', ...(mode === 'cold' ? ['pull'] : []), 'start'],
			...rows.map(r => [resultLabel(r), String(r.concurrency), ms(r.stats.median), ms(r.stats.mean), ms(r.stats.p95), ms(r.stats.min), ms(r.stats.max), ms(r.stats.mad),
				...(mode === 'cold' ? [ms(r.phases.pull?.median ?? NaN)] : []), ms(r.phases.start?.median ?? NaN)]),
		]).map(l => `  ${l}`));
	}
	if (report.comparisons.length) {
		out.push('', 'Compared with the baseline:');
		for (const c of report.comparisons) out.push(`  ${c.candidate} vs ${c.baseline} (${c.mode}, N=${c.concurrency}${c.strategy ? `, ${c.strategy}` : ''}): ${describeComparison(c)}`);
	}
	const warnings = [...report.warnings, ...report.results.flatMap(r => r.warnings.map(w => `${resultLabel(r)} (${r.mode}, N=${r.concurrency}): ${w}`))];
	for (const w of warnings) out.push(`warning: ${w}`);
	return out.join('\n').replace(/^\n/, '') + '\n';
}

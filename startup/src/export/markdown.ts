// Markdown export: a results table per mode plus the comparisons, for PR comments and CI summaries.
import type { BenchmarkReport, Comparison, ImageResult } from '../result';
import { describeLimits } from '../limits';
import { ms, pct, signed } from '../format';

function escape(text: string): string {
	return text.replace(/\|/g, '\\|');
}

/** The image, plus its rollout strategy when strategies were compared (issue 8). */
export function resultLabel(r: Pick<ImageResult, 'image' | 'strategy'>): string {
	return r.strategy ? `${r.image} [${r.strategy}]` : r.image;
}

export function describeComparison(c: Comparison): string {
	const rel = Number.isFinite(c.relative) ? ` (${pct(c.relative)})` : '';
	const ci = `95 % CI ${signed(c.ci95[0])} … ${signed(c.ci95[1])}`;
	if (c.verdict === 'within-noise') return `within noise: ${signed(c.medianDiffMs)}${rel}, ${ci}`;
	return `${c.verdict}: ${signed(c.medianDiffMs)}${rel}, ${ci}`;
}

export function toMarkdown(report: BenchmarkReport): string {
	const out: string[] = ['# Container start benchmark', ''];
	const e = report.engine;
	out.push(`Run \`${report.runId}\` on Docker ${e.version} (${e.storageDriver}, ${e.cpus} CPUs) at ${e.host}, ${report.startedAt}.`);
	const s = report.settings;
	out.push(`Ready when: ${s.ready}; ${s.runs} runs after ${s.warmup} warm-up round(s); start schedule ${s.schedule}.${describeLimits(s.limits) ? ` Limits per container: ${describeLimits(s.limits)}.` : ''} Times from the round's start to ready.`, '');
	if (report.status !== 'complete') out.push(`**Run ${report.status}:** ${report.error ?? ''}`, '');
	for (const mode of s.modes) {
		const rows = report.results.filter(r => r.mode === mode);
		if (!rows.length) continue;
		out.push(`## ${mode === 'cold' ? 'Cold (pull, then start)' : 'Warm (image present)'}`, '');
		out.push('| Image | Containers | Median | Mean | p95 | p99 | Min | Max | MAD | Start (median) |', '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
		for (const r of rows) {
			out.push(`| ${escape(resultLabel(r))} | ${r.concurrency} | ${ms(r.stats.median)} | ${ms(r.stats.mean)} | ${ms(r.stats.p95)} | ${ms(r.stats.p99)} | ${ms(r.stats.min)} | ${ms(r.stats.max)} | ${ms(r.stats.mad)} | ${ms(r.phases.start?.median ?? NaN)} |`);
		}
		out.push('');
	}
	if (report.comparisons.length) {
		out.push('## Compared with the baseline', '', '| Candidate | Baseline | Mode | Containers | Difference |', '|---|---|---|--:|---|');
		for (const c of report.comparisons) out.push(`| ${escape(resultLabel({ image: c.candidate, strategy: c.strategy }))} | ${escape(c.baseline)} | ${c.mode} | ${c.concurrency} | ${describeComparison(c)} |`);
		out.push('');
	}
	const warnings = [...report.warnings, ...report.results.flatMap(r => r.warnings.map(w => `${resultLabel(r)} (${r.mode}, ${r.concurrency}): ${w}`))];
	if (warnings.length) out.push('## Warnings', '', ...warnings.map(w => `- ${w}`), '');
	return out.join('\n');
}

// OpenMetrics / Prometheus text export (`--format openmetrics`): startup latencies as summaries with
// labels image, digest, concurrency, strategy, mode and phase, for a Pushgateway or any scraper.
// Seconds as the base unit (OpenMetrics convention), one family per metric, `# EOF` at the end.
// Spec: https://prometheus.io/docs/specs/om/open_metrics_spec/ ; validated with `promtool check metrics`.
import { toStats } from '../analysis';
import { PHASES, type BenchmarkReport, type ImageResult, type Stats } from '../result';

const PREFIX = 'patchlens';

type Labels = Record<string, string | number>;

/** Label values: backslash, double quote and line feed escaped (the only escapes OpenMetrics has). */
export function escapeLabelValue(value: string): string {
	return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function labelText(labels: Labels): string {
	const parts = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabelValue(String(v))}"`);
	return parts.length ? `{${parts.join(',')}}` : '';
}

function num(value: number): string {
	if (Number.isNaN(value)) return 'NaN';
	if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
	return String(Number(value.toPrecision(12)));
}

const seconds = (ms: number) => ms / 1000;

class Family {
	readonly lines: string[] = [];
	constructor(readonly name: string, type: 'summary' | 'gauge', help: string, unit?: string) {
		this.lines.push(`# TYPE ${name} ${type}`);
		if (unit) this.lines.push(`# UNIT ${name} ${unit}`);
		this.lines.push(`# HELP ${name} ${help}`);
	}

	get empty(): boolean {
		return !this.lines.some(l => !l.startsWith('#'));
	}

	sample(suffix: string, labels: Labels, value: number): void {
		this.lines.push(`${this.name}${suffix}${labelText(labels)} ${num(value)}`);
	}

	/** A summary from our statistics: median, p95 and p99 as quantiles, plus _sum and _count. */
	summary(labels: Labels, stats: Stats, scale: (v: number) => number): void {
		for (const [q, v] of [['0.5', stats.median], ['0.95', stats.p95], ['0.99', stats.p99]] as const) this.sample('', { ...labels, quantile: q }, scale(v));
		this.sample('_sum', labels, scale(stats.mean * stats.n));
		this.sample('_count', labels, stats.n);
	}
}

function strategyOf(report: BenchmarkReport, r: { strategy?: string }): string {
	if (r.strategy) return r.strategy;
	const s = report.settings.schedule;
	return s === 'all-at-once' ? 'all' : s;
}

function baseLabels(report: BenchmarkReport, r: ImageResult): Labels {
	return { image: r.image, digest: r.digest, concurrency: r.concurrency, strategy: strategyOf(report, r), mode: r.mode };
}

export function toOpenMetrics(report: BenchmarkReport): string {
	const latency = new Family(`${PREFIX}_startup_latency_seconds`, 'summary',
		'Container startup latency per phase; phase total is from the round start to ready (cold rounds: including the pull).', 'seconds');
	const allReady = new Family(`${PREFIX}_rollout_all_ready_seconds`, 'summary', 'Per round: time from the round start until the last container was ready.', 'seconds');
	const peak = new Family(`${PREFIX}_rollout_peak_starting`, 'gauge', 'Most containers created but not yet ready at the same moment (maximum over rounds).');
	const diff = new Family(`${PREFIX}_startup_regression_seconds`, 'gauge',
		'Candidate median minus baseline median (bound median) and its bootstrap 95% interval (bounds ci95_lower, ci95_upper).', 'seconds');
	const gate = new Family(`${PREFIX}_startup_budget_pass`, 'gauge', '1 when the startup budget passed, 0 when it failed (only when a budget was checked).');

	for (const r of report.results) {
		const labels = baseLabels(report, r);
		if (r.stats.n) latency.summary({ ...labels, phase: 'total' }, r.stats, seconds);
		for (const phase of PHASES) {
			const stats = r.phases[phase];
			if (stats?.n) latency.summary({ ...labels, phase }, stats, seconds);
		}
		if (r.rounds.length) allReady.summary(labels, r.rollout?.timeToAllReadyStats ?? toStats(r.rounds), seconds);
		if (r.rollout) peak.sample('', labels, Math.max(...r.rollout.peakStarting));
	}
	for (const c of report.comparisons) {
		const labels: Labels = { baseline: c.baseline, candidate: c.candidate, concurrency: c.concurrency, strategy: strategyOf(report, c), mode: c.mode };
		diff.sample('', { ...labels, bound: 'median' }, seconds(c.medianDiffMs));
		diff.sample('', { ...labels, bound: 'ci95_lower' }, seconds(c.ci95[0]));
		diff.sample('', { ...labels, bound: 'ci95_upper' }, seconds(c.ci95[1]));
	}
	if (report.gate) gate.sample('', { run_id: report.runId }, report.gate.pass ? 1 : 0);
	const families = [latency, allReady, peak, diff, gate].filter(f => !f.empty);
	return [...families.flatMap(f => f.lines), '# EOF'].join('\n') + '\n';
}

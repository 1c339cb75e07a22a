// `patchlens rollout --format text|json|md|csv|openmetrics`: one or more rollout reports rendered.
// The JSON contract (schema version in ROLLOUT_SCHEMA_VERSION) is documented in docs/benchmark-format.md.
import { ms } from '../format';
import { escapeLabelValue } from '../export/openmetrics';
import type { PhaseResult, RolloutReport } from './rollout';
import { phasesOf, summariseRuns, type MedianCi, type PhaseSummary } from './summary';
import { PHASES } from './timeline';

export type RolloutFormat = 'text' | 'json' | 'md' | 'csv' | 'openmetrics';
export const ROLLOUT_FORMATS: readonly RolloutFormat[] = ['text', 'json', 'md', 'csv', 'openmetrics'];

/** The first run in the issue's shape, every run's phases, and the per-phase summary over runs. */
export function rolloutJson(runs: readonly RolloutReport[]): string {
	const [first] = runs;
	const doc = {
		...first, summary: summariseRuns(runs),
		runs: runs.map(r => ({ runId: r.runId, startedAt: r.startedAt, deploy: r.deploy, ...(r.canary ? { canary: r.canary } : {}), update: r.update, ...(r.rollback ? { rollback: r.rollback } : {}) })),
	};
	return JSON.stringify(doc, null, 2) + '\n';
}

function ci(m: MedianCi | undefined, unit: (n: number) => string = ms): string {
	if (!m) return '–';
	return m.n > 1 ? `${unit(m.median)} [${unit(m.ci95[0])}, ${unit(m.ci95[1])}]` : unit(m.median);
}

const count = (n: number) => String(Math.round(n * 10) / 10);

function summaryCells(s: PhaseSummary, replicas: number): string[] {
	const outcomes = Object.entries(s.outcomes).map(([o, n]) => (Object.keys(s.outcomes).length > 1 || n > 1 ? `${o} ×${n}` : o)).join(', ');
	return [s.kind, outcomes, ci(s.convergedMs), ci(s.slowestBatchMs), `${ci(s.minReady, count)}/${replicas}`, ci(s.minReadyForMs), ci(s.stopMs), `${s.graceHits}/${s.stops}`];
}

const HEADER = ['phase', 'outcome', 'converged', 'slowest batch', 'min ready', 'min ready for', 'old task stop (max)', 'grace hit'];

function headline(r: RolloutReport, n: number): string {
	const p = r.settings.policy;
	return `Rollout on swarm (engine ${r.identity.engineVersion}, ${r.identity.nodes} node${r.identity.nodes === 1 ? '' : 's'}), ${r.replicas} replicas ${r.settings.image} → ${r.settings.candidate}; `
		+ `parallelism ${p.parallelism}, delay ${ms(p.delayMs)}, ${p.order}, failure action ${p.failureAction}, monitor ${ms(p.monitorMs)}`
		+ `${r.settings.canary ? `, canary ${r.settings.canary}` : ''}; ${n} run${n === 1 ? '' : 's'}${n > 1 ? ' (median [95 % interval])' : ''}`;
}

function pad(rows: string[][]): string[] {
	const widths = rows[0].map((_, c) => Math.max(...rows.map(r => r[c].length)));
	return rows.map(r => r.map((cell, c) => (c <= 1 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd());
}

function phaseCell(v: number | undefined): string {
	return v === undefined ? '·' : ms(v);
}

function taskRows(p: PhaseResult): string[][] {
	return p.tasks.map(t => [String(t.slot), t.node, t.image, t.state, ...PHASES.map(ph => phaseCell(t.phases[ph]))]);
}

export function rolloutText(runs: readonly RolloutReport[]): string {
	const first = runs[0];
	const out = [headline(first, runs.length), ...pad([HEADER, ...summaryCells0(runs)]).map(l => `  ${l}`)];
	const update = first.update;
	if (update.tasks.length) {
		out.push('', `Tasks of the ${update.kind} (run 1), ms from its start:`);
		out.push(...pad([['slot', 'node', 'image', 'state', ...PHASES], ...taskRows(update)]).map(l => `  ${l}`));
	}
	if (update.nodes.length > 1) {
		out.push('', `Per node (${update.kind}, run 1): tasks, median pull (preparing), median ready:`);
		for (const n of update.nodes) out.push(`  ${n.node}: ${n.tasks} task${n.tasks === 1 ? '' : 's'}, pull ${n.preparingMs === undefined ? '·' : ms(n.preparingMs)}, ready ${n.readyMs === undefined ? '·' : ms(n.readyMs)}`);
	}
	for (const p of phasesOf(first)) if (p.message && p.outcome !== 'completed') out.push(`${p.kind}: ${p.message}`);
	return out.join('\n') + '\n';
}

function summaryCells0(runs: readonly RolloutReport[]): string[][] {
	return summariseRuns(runs).map(s => summaryCells(s, runs[0].replicas));
}

export function rolloutMarkdown(runs: readonly RolloutReport[]): string {
	const esc = (c: string) => c.replace(/\|/g, '\\|');
	const out = ['## Rollout', '', headline(runs[0], runs.length), ''];
	out.push(`| ${HEADER.map(h => h[0].toUpperCase() + h.slice(1)).join(' | ')} |`, '|---|---|--:|--:|--:|--:|--:|--:|');
	for (const row of summaryCells0(runs)) out.push(`| ${row.map(esc).join(' | ')} |`);
	const update = runs[0].update;
	if (update.tasks.length) {
		out.push('', `### Tasks of the ${update.kind} (run 1, ms from its start)`, '', `| Slot | Node | Image | State | ${PHASES.join(' | ')} |`, `|--:|---|---|---|${PHASES.map(() => '--:').join('|')}|`);
		for (const row of taskRows(update)) out.push(`| ${row.map(esc).join(' | ')} |`);
	}
	return out.join('\n') + '\n';
}

const CSV_HEADER = ['run', 'phase', 'outcome', 'image', 'converged_ms', 'slowest_batch_ms', 'min_ready', 'min_ready_for_ms', 'stop_ms', 'grace_hits', 'stops'];

function csvCell(v: string | number | undefined): string {
	if (v === undefined) return '';
	const s = String(v);
	return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One row per run and phase: what a spreadsheet needs to plot runs against each other. */
export function rolloutCsv(runs: readonly RolloutReport[]): string {
	const rows = runs.flatMap((r, i) => phasesOf(r).map(p => [i + 1, p.kind, p.outcome, p.image, p.convergedMs, p.slowestBatchMs, p.minReady, p.minReadyForMs, p.stopMs,
		p.stops.filter(s => s.graceHit).length, p.stops.length]));
	return [CSV_HEADER, ...rows].map(r => r.map(csvCell).join(',')).join('\n') + '\n';
}

/** Gauges per phase (medians over runs), seconds as the base unit, for a Pushgateway. */
export function rolloutOpenMetrics(runs: readonly RolloutReport[]): string {
	const first = runs[0];
	const base = { image: first.settings.image, candidate: first.settings.candidate, replicas: first.replicas, order: first.settings.policy.order, parallelism: first.settings.policy.parallelism };
	const labels = (phase: string) => Object.entries({ ...base, phase }).map(([k, v]) => `${k}="${escapeLabelValue(String(v))}"`).join(',');
	const summaries = summariseRuns(runs);
	const family = (name: string, help: string, unit: string | undefined, pick: (s: PhaseSummary) => number | undefined): string[] => {
		const lines = [`# TYPE ${name} gauge`, ...(unit ? [`# UNIT ${name} ${unit}`] : []), `# HELP ${name} ${help}`];
		for (const s of summaries) {
			const v = pick(s);
			if (v !== undefined) lines.push(`${name}{${labels(s.kind)}} ${Number(v.toPrecision(12))}`);
		}
		return lines;
	};
	return [
		...family('patchlens_rollout_converged_seconds', 'Median time from the request until every replica ran the target image.', 'seconds', s => s.convergedMs && s.convergedMs.median / 1000),
		...family('patchlens_rollout_slowest_batch_seconds', 'Median duration of the slowest update batch.', 'seconds', s => s.slowestBatchMs && s.slowestBatchMs.median / 1000),
		...family('patchlens_rollout_min_ready', 'Median of the lowest number of ready replicas during the phase.', undefined, s => s.minReady?.median),
		...family('patchlens_rollout_old_task_stop_seconds', 'Median of the longest time an old task took to stop.', 'seconds', s => s.stopMs && s.stopMs.median / 1000),
		...family('patchlens_rollout_grace_hits', 'Old tasks that were killed after the stop grace period, over all runs.', undefined, s => s.graceHits),
		'# EOF',
	].join('\n') + '\n';
}

export const rolloutFormatters: Record<RolloutFormat, (runs: readonly RolloutReport[]) => string> = {
	text: rolloutText, json: rolloutJson, md: rolloutMarkdown, csv: rolloutCsv, openmetrics: rolloutOpenMetrics,
};

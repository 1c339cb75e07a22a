// Repeated rollouts (`--runs N`) summarised per phase: medians with the same seeded bootstrap
// intervals as `bench`, so two rollout reports compare the way two benchmark reports do.
import { bootstrapPercentileCi, median } from '../stats';
import type { PhaseKind, PhaseResult, RolloutReport } from './rollout';

export interface MedianCi {
	median: number;
	/** 95 % bootstrap interval of the median (equal ends for one run). */
	ci95: [number, number];
	n: number;
}

export interface PhaseSummary {
	kind: PhaseKind;
	/** Runs whose phase ended in each outcome. */
	outcomes: Record<string, number>;
	convergedMs?: MedianCi;
	slowestBatchMs?: MedianCi;
	minReady?: MedianCi;
	minReadyForMs?: MedianCi;
	stopMs?: MedianCi;
	/** Old tasks that outlived the stop grace period, over all runs. */
	graceHits: number;
	stops: number;
}

function medianCi(values: (number | undefined)[]): MedianCi | undefined {
	const xs = values.filter((v): v is number => v !== undefined && Number.isFinite(v));
	if (!xs.length) return undefined;
	return { median: median(xs), ci95: bootstrapPercentileCi(xs, 50), n: xs.length };
}

export function phasesOf(report: RolloutReport): PhaseResult[] {
	const all = [report.deploy, report.canary, report.update, report.rollback].filter((p): p is PhaseResult => !!p);
	return all.filter((p, i) => all.indexOf(p) === i);
}

export function summarisePhase(kind: PhaseKind, results: readonly PhaseResult[]): PhaseSummary {
	const outcomes: Record<string, number> = {};
	for (const r of results) outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
	const summary: PhaseSummary = { kind, outcomes, graceHits: 0, stops: 0 };
	const fields = ['convergedMs', 'slowestBatchMs', 'minReady', 'minReadyForMs', 'stopMs'] as const;
	for (const f of fields) {
		const m = medianCi(results.map(r => r[f]));
		if (m) summary[f] = m;
	}
	for (const r of results) {
		summary.stops += r.stops.length;
		summary.graceHits += r.stops.filter(s => s.graceHit).length;
	}
	return summary;
}

/** One summary per phase kind that any run reached, in rollout order. */
export function summariseRuns(runs: readonly RolloutReport[]): PhaseSummary[] {
	const kinds: PhaseKind[] = ['deploy', 'canary', 'update', 'rollback'];
	return kinds.map(kind => summarisePhase(kind, runs.flatMap(r => phasesOf(r).filter(p => p.kind === kind))))
		.filter(s => Object.keys(s.outcomes).length > 0);
}

// JSON export: the report as documented in docs/benchmark-format.md (stable, versioned by schemaVersion).
import type { BenchmarkReport } from '../result';

/** Non-finite numbers (NaN relative change against a 0 ms baseline) become null, as JSON requires. */
export function toJson(report: BenchmarkReport): string {
	return JSON.stringify(report, (_key, value) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2) + '\n';
}

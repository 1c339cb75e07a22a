// One exporter per format (hyperfine's layout); the CLI and the extension pick by name.
import type { BenchmarkReport } from '../result';
import { toCsv } from './csv';
import { toJson } from './json';
import { toMarkdown } from './markdown';

export type Exporter = (report: BenchmarkReport) => string;

export const exporters: Record<'json' | 'csv' | 'md', Exporter> = { json: toJson, csv: toCsv, md: toMarkdown };

// The one registry of report output formats: `patchlens bench --format`, the extension's Export command
// and the report's export buttons all pick from it, so a format added here appears everywhere and a
// rollout comparison carries its own section in every format that has sections.
import type { BenchmarkReport } from '../result';
import { rolloutMarkdown, rolloutText } from '../rollout/format';
import { toCsv } from './csv';
import { toJson } from './json';
import { toMarkdown } from './markdown';
import { toOpenMetrics } from './openmetrics';
import { toText } from './text';

export type FormatName = 'text' | 'json' | 'csv' | 'md' | 'openmetrics';

export interface OutputFormat {
	name: FormatName;
	/** Other names accepted for it (the extension's commands have said `markdown` since 0.1). */
	aliases: readonly string[];
	label: string;
	/** File extension for exports, without the dot. */
	extension: string;
	render(report: BenchmarkReport): string;
}

export const OUTPUT_FORMATS: readonly OutputFormat[] = [
	{ name: 'text', aliases: [], label: 'Text', extension: 'txt', render: report => toText(report) + rolloutText(report) },
	{ name: 'json', aliases: [], label: 'JSON', extension: 'json', render: toJson },
	{ name: 'csv', aliases: [], label: 'CSV', extension: 'csv', render: toCsv },
	{ name: 'md', aliases: ['markdown'], label: 'Markdown', extension: 'md', render: report => toMarkdown(report) + rolloutMarkdown(report) },
	{ name: 'openmetrics', aliases: [], label: 'OpenMetrics', extension: 'prom', render: toOpenMetrics },
];

export const FORMAT_NAMES: readonly FormatName[] = OUTPUT_FORMATS.map(f => f.name);

/** The format a name or alias means, or undefined. */
export function outputFormat(name: string): OutputFormat | undefined {
	return OUTPUT_FORMATS.find(f => f.name === name || f.aliases.includes(name));
}

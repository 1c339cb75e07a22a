// `patchlens check`: discover -> read -> analyze -> format -> exit code.
import { promises as fs } from 'node:fs';
import { analyze } from '../../server/src/core/analyze';
import { reaches, type Severity } from '../../server/src/core/finding';
import type { AnalysisOptions } from '../../server/src/core/options';
import { rules } from '../../server/src/core/rules/index';
import { describeFsError, discoverDockerfiles } from './discover';
import { EXIT_FINDINGS, EXIT_OK, UsageError } from './exitCode';
import { formatters } from './format/index';
import type { FileReport } from './format/types';
import { VERSION } from './version';

export interface CheckOptions {
	paths: string[];
	format: string;
	failureThreshold: Severity | 'none';
	analysis: Partial<AnalysisOptions>;
	color: boolean;
}

export interface CheckOutcome {
	output: string;
	exitCode: number;
}

export async function runCheck(options: CheckOptions): Promise<CheckOutcome> {
	const formatter = formatters[options.format];
	if (!formatter) throw new UsageError(`unknown format "${options.format}" (expected ${Object.keys(formatters).join(', ')})`);
	const { files, errors } = await discoverDockerfiles(options.paths);
	if (errors.length) throw new UsageError(errors.join('\n'));
	if (!files.length) throw new UsageError(`no Dockerfiles found in ${options.paths.join(', ')}`);
	const reports: FileReport[] = [];
	for (const file of files) {
		let text: string;
		try {
			text = await fs.readFile(file, 'utf8');
		} catch (error) {
			throw new UsageError(`cannot read ${file}: ${describeFsError(error)}`);
		}
		reports.push({ file, text, findings: analyze(text, options.analysis).findings });
	}
	const threshold = options.failureThreshold;
	const failed = threshold !== 'none' && reports.some(r => r.findings.some(f => reaches(f.severity, threshold)));
	return {
		output: formatter(reports, { rules, color: options.color, toolVersion: VERSION }),
		exitCode: failed ? EXIT_FINDINGS : EXIT_OK,
	};
}

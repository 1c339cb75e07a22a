// `patchlens check`: discover -> read -> analyze -> (fix) -> format -> exit code. One file's
// trouble (unreadable, not UTF-8, not writable) is one message; the other files go on.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { analyze, type AnalysisResult } from '../../server/src/core/analyze';
import { toAnalysisConfig, type FailureThreshold } from '../../server/src/core/config';
import { reaches, type FixLevel } from '../../server/src/core/finding';
import type { AnalysisOptions } from '../../server/src/core/options';
import { rules } from '../../server/src/core/rules/index';
import { applyLifecycleOverlay, lifecycleOverlayPath } from '../../server/src/registry/lifecycleUpdate';
import { DEFAULT_RUN_DEADLINE_MS, RegistrySession } from '../../server/src/registry/session';
import { decodeDockerfile } from './decode';
import { describeFsError, discoverDockerfiles } from './discover';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError } from './exitCode';
import { CheckEstimator, type CheckEstimateOptions } from './checkEstimate';
import { fixFile, WriteRefused, type AtomicWriteHooks } from './fix';
import { fixMessages } from './fixReport';
import { formatters } from './format/index';
import type { FileReport } from './format/types';
import { ProjectConfigs } from './projectConfig';
import { ProjectSettingsFiles } from './projectSettings';
import { VERSION } from './version';

export interface CheckOptions {
	paths: string[];
	format: string;
	/** From `--failure-threshold`; unset: the config file's, then `info`. */
	failureThreshold?: FailureThreshold;
	/** From flags: wins over the config file. */
	analysis: Partial<AnalysisOptions>;
	color: boolean;
	/** `--config FILE`; unset: the nearest `.hadolint.yaml` for each Dockerfile. */
	configFile?: string;
	/** `--fix`: apply the fixes safe unattended in place before reporting what remains. */
	fix?: boolean;
	/** `--fix-level`: the most review a fix may need to be applied (default 'patch'). */
	fixLevel?: FixLevel;
	/** `--force`: --fix rewrites read-only files too. */
	force?: boolean;
	/** Test seam for write failures. */
	writeHooks?: AtomicWriteHooks;
	/** `--cache-dir` (registry answers, update-data's lifecycle file), `--registry-timeout` and `--registry-deadline`. */
	registry?: { cacheDir?: string; timeoutMs?: number; deadlineMs?: number };
	/** `--estimate` (online only): the startup estimate of each proposed bump on the findings it fixes (JSON). */
	estimate?: CheckEstimateOptions;
}

export interface CheckOutcome {
	output: string;
	exitCode: number;
	/** Lines for stderr: config problems, what --fix changed. */
	messages: string[];
}

interface FileResult {
	report?: FileReport;
	/** The file could not be read or written as asked: exit 2 once all files are done. */
	failed: boolean;
}

export async function runCheck(options: CheckOptions): Promise<CheckOutcome> {
	const formatter = formatters[options.format];
	if (!formatter) throw new UsageError(`unknown format "${options.format}" (expected ${Object.keys(formatters).join(', ')})`);
	const { files, errors, warnings } = await discoverDockerfiles(options.paths);
	if (errors.length) throw new UsageError(errors.join('\n'));
	if (!files.length) throw new UsageError([`no Dockerfiles found in ${options.paths.join(', ')}`, ...warnings].join('\n'));
	const configs = new ProjectConfigs(options.configFile);
	const projectSettings = new ProjectSettingsFiles();
	const reports: FileReport[] = [];
	const messages: string[] = warnings.map(w => `warning: ${w}`);
	let findingsFail = false;
	let fileFail = false;
	// Online unless --offline: registry facts first, then the (pure) analysis; one line per failing registry.
	const cacheRoot = options.registry?.cacheDir;
	const registry = options.analysis.offline ? undefined : new RegistrySession({
		cacheDir: cacheRoot ? path.join(cacheRoot, 'registry') : undefined, timeoutMs: options.registry?.timeoutMs, tell: m => messages.push(m),
		runDeadlineMs: options.registry?.deadlineMs ?? DEFAULT_RUN_DEADLINE_MS,
	});
	if (options.estimate && !registry) messages.push('--estimate: --offline makes no registry lookups, so no estimates');
	const estimator = options.estimate && registry ? new CheckEstimator(registry, options.estimate) : undefined;
	// `patchlens update-data`'s fresher lifecycle data, when there is some (offline too: it is local).
	const overlayNote = applyLifecycleOverlay(lifecycleOverlayPath(cacheRoot));
	if (overlayNote?.startsWith('ignoring')) messages.push(`warning: ${overlayNote}`);
	for (const file of files) {
		const config = await configs.forDockerfile(file);
		const analysis: Partial<AnalysisOptions> = { ...toAnalysisConfig(config), ...await projectSettings.forDockerfile(file), ...options.analysis };
		const result = await checkFile(file, analysis, { options, registry, messages });
		fileFail ||= result.failed;
		if (!result.report) continue;
		if (estimator) result.report.estimates = await estimator.forFile(result.report.text, analysis);
		reports.push(result.report);
		const threshold = options.failureThreshold ?? (config.noFail ? 'none' : config.failureThreshold) ?? 'info';
		if (threshold !== 'none' && result.report.findings.some(f => reaches(f.severity, threshold))) findingsFail = true;
	}
	return {
		output: formatter(reports, { rules, color: options.color, toolVersion: VERSION }),
		exitCode: fileFail ? EXIT_USAGE : findingsFail ? EXIT_FINDINGS : EXIT_OK,
		messages: [...configs.warnings, ...projectSettings.warnings, ...messages],
	};
}

interface FileContext {
	options: CheckOptions;
	registry?: RegistrySession;
	messages: string[];
}

/** `analysis`: the options for this file (its config, then the flags); registry facts are added here. */
async function checkFile(file: string, analysis: Partial<AnalysisOptions>, { options, registry, messages }: FileContext): Promise<FileResult> {
	let bytes: Buffer;
	try {
		bytes = await fs.readFile(file);
	} catch (error) {
		messages.push(`error: cannot read ${file}: ${describeFsError(error)}`);
		return { failed: true };
	}
	const decoded = decodeDockerfile(bytes);
	if (decoded.problem) messages.push(`warning: ${file} ${decoded.problem}${options.fix ? '; not fixed' : ''}`);
	if (registry) {
		await registry.refresh(decoded.text, analysis);
		analysis.registryFacts = registry.snapshot();
	}
	const analyzeText = (t: string): AnalysisResult => {
		const result = analyze(t, analysis);
		// A rule bug costs that rule's findings, never the run; say so once per rule and file.
		for (const { code, error } of result.ruleErrors) {
			const note = `warning: internal error in rule ${code} on ${file} (its findings are missing): ${(error as Error)?.message ?? error}`;
			if (!messages.includes(note)) messages.push(note);
		}
		return result;
	};
	if (!options.fix || !decoded.rewritable) return { report: { file, text: decoded.text, findings: analyzeText(decoded.text).findings }, failed: false };
	try {
		const fixed = await fixFile(file, decoded.text, analyzeText, { level: options.fixLevel, force: options.force, bom: decoded.bom, ...options.writeHooks });
		messages.push(...fixMessages(file, fixed, options.fixLevel ?? 'patch'));
		const needsReview = new Map(fixed.needsReview.map(r => [r.finding, { title: r.title, level: r.level }]));
		return { report: { file, text: fixed.text, findings: [...fixed.findings], needsReview }, failed: false };
	} catch (error) {
		const refused = error instanceof WriteRefused;
		messages.push(`${refused ? 'warning' : 'error'}: ${file} left unchanged: ${refused ? error.message : `cannot write it: ${describeFsError(error)}`}`);
		return { report: { file, text: decoded.text, findings: analyzeText(decoded.text).findings }, failed: !refused };
	}
}

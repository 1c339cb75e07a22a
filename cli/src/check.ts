// `patchlens check`: discover -> read -> analyze -> format -> exit code.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { analyze, INTERNAL, internalFinding } from '../../server/src/core/analyze';
import { toAnalysisConfig, type FailureThreshold } from '../../server/src/core/config';
import { compareFindings, reaches, type Finding } from '../../server/src/core/finding';
import type { AnalysisOptions } from '../../server/src/core/options';
import { rules } from '../../server/src/core/rules/index';
import { loadLifecycleOverlay, lifecycleOverlayPath } from '../../server/src/registry/lifecycleUpdate';
import { DEFAULT_RUN_DEADLINE_MS, RegistrySession } from '../../server/src/registry/session';
import { describeFsError, discoverDockerfiles } from './discover';
import { EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, UsageError } from './exitCode';
import { CheckEstimator, type CheckEstimateOptions } from './checkEstimate';
import { fixFile } from './fix';
import { formatters } from './format/index';
import type { FileReport } from './format/types';
import { ProjectConfigs } from './projectConfig';
import { ProjectSettingsFiles } from './projectSettings';
import { VERSION } from './version';

const BOM = '\uFEFF';

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
	/** `--fix`: apply preferred fixes in place before reporting what remains. */
	fix?: boolean;
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

export async function runCheck(options: CheckOptions): Promise<CheckOutcome> {
	const formatter = formatters[options.format];
	if (!formatter) throw new UsageError(`unknown format "${options.format}" (expected ${Object.keys(formatters).join(', ')})`);
	const { files, errors } = await discoverDockerfiles(options.paths);
	if (errors.length) throw new UsageError(errors.join('\n'));
	if (!files.length) throw new UsageError(`no Dockerfiles found in ${options.paths.join(', ')}`);
	const configs = new ProjectConfigs(options.configFile);
	const projectSettings = new ProjectSettingsFiles();
	const reports: FileReport[] = [];
	const messages: string[] = [];
	let failed = false;
	let internal = false;
	// Online unless --offline: registry facts first, then the (pure) analysis; one line per failing registry.
	const cacheRoot = options.registry?.cacheDir;
	const registry = options.analysis.offline ? undefined : new RegistrySession({
		cacheDir: cacheRoot ? path.join(cacheRoot, 'registry') : undefined, timeoutMs: options.registry?.timeoutMs, tell: m => messages.push(m),
		runDeadlineMs: options.registry?.deadlineMs ?? DEFAULT_RUN_DEADLINE_MS,
	});
	if (options.estimate && !registry) messages.push('--estimate: --offline makes no registry lookups, so no estimates');
	const estimator = options.estimate && registry ? new CheckEstimator(registry, options.estimate) : undefined;
	// `patchlens update-data`'s fresher lifecycle data, when there is some (offline too: it is local).
	const { overlay: lifecycleOverlay, note: overlayNote } = loadLifecycleOverlay(lifecycleOverlayPath(cacheRoot));
	if (overlayNote?.startsWith('ignoring')) messages.push(`warning: ${overlayNote}`);
	for (const file of files) {
		let text: string;
		try {
			text = await fs.readFile(file, 'utf8');
		} catch (error) {
			throw new UsageError(`cannot read ${file}: ${describeFsError(error)}`);
		}
		// BuildKit strips a UTF-8 BOM, and editors do not show it: analysed without it, line 1's columns
		// are the editor's; --fix writes it back.
		const bom = text.startsWith(BOM);
		if (bom) text = text.slice(BOM.length);
		const config = await configs.forDockerfile(file);
		const analysis: Partial<AnalysisOptions> = {
			...toAnalysisConfig(config), ...await projectSettings.forDockerfile(file), ...(lifecycleOverlay ? { lifecycleOverlay } : {}), ...options.analysis,
		};
		// A prefetch that throws is a bug: an `internal` finding, never a silent offline pass.
		let prefetchFailure: Finding | undefined;
		if (registry) {
			try {
				await registry.refresh(text, analysis);
			} catch (error) {
				prefetchFailure = internalFinding(`registry lookups failed (${(error as Error)?.message ?? error}); online checks are missing`);
			}
			analysis.registryFacts = registry.snapshot();
		}
		const analyzeText = (t: string) => {
			const result = analyze(t, analysis);
			// A rule bug costs that rule's findings, never the run; say so once per rule and file.
			for (const { code, error } of result.ruleErrors) {
				const note = `error: internal error in rule ${code} on ${file} (its findings are missing): ${(error as Error)?.message ?? error}`;
				if (!messages.includes(note)) messages.push(note);
			}
			return result.findings;
		};
		if (options.fix) {
			let fixed;
			try {
				fixed = await fixFile(file, text, analyzeText, undefined, bom);
			} catch (error) {
				throw new UsageError(`cannot write ${file}: ${describeFsError(error)}`);
			}
			text = fixed.text;
			if (fixed.applied.length) messages.push(`fixed ${fixed.applied.length} problem${fixed.applied.length === 1 ? '' : 's'} in ${file}`);
			for (const r of fixed.rejected) messages.push(`warning: ${file}:${r.line + 1}: left "${r.title}" (${r.code}) unapplied: it would have broken the Dockerfile`);
		}
		const findings = prefetchFailure ? [prefetchFailure, ...analyzeText(text)].sort(compareFindings) : analyzeText(text);
		reports.push({ file, text, findings, ...(estimator ? { estimates: await estimator.forFile(text, analysis) } : {}) });
		const threshold = options.failureThreshold ?? (config.noFail ? 'none' : config.failureThreshold) ?? 'info';
		if (threshold !== 'none' && findings.some(f => reaches(f.severity, threshold))) failed = true;
		if (threshold !== 'none' && findings.some(f => f.code === INTERNAL)) internal = true;
	}
	return {
		output: formatter(reports, { rules, color: options.color, toolVersion: VERSION }),
		exitCode: internal ? EXIT_INTERNAL : failed ? EXIT_FINDINGS : EXIT_OK,
		messages: [...configs.warnings, ...projectSettings.warnings, ...messages],
	};
}

// `patchlens estimate`: the estimated startup cost of base-image bumps on one engine, before anything is
// pulled. `--image CURRENT --candidate NEW` for one pair, or a Dockerfile for every FROM with a proposed bump.
import { Command, InvalidArgumentError, Option } from 'commander';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { formatReference } from '../../server/src/core/image/reference';
import { assessedStages, referenceWith, targetOf } from '../../server/src/core/lifecycle/fixes';
import { positionMap } from '../../server/src/core/loneCr';
import { defaultOptions, type AnalysisOptions } from '../../server/src/core/options';
import { parseDockerfile } from '../../server/src/core/parse';
import { RegistrySession } from '../../server/src/registry/session';
import { resolveDockerHost } from '../../startup/src/dockerHost';
import { DockerExecutor } from '../../startup/src/dockerExecutor';
import { estimateDetails, estimateLine } from '../../startup/src/estimate/describe';
import { engineFacts, estimateBumpStartup, type EstimateOutcome, type EstimateRequest } from '../../startup/src/estimate/service';
import { ResultsStore } from '../../startup/src/store';
import { EXIT_OK, UsageError } from './exitCode';
import { parseDate } from './dateOption';
import { parsePositiveInt } from './numberOption';

/** Some pair could not be estimated (registry, platform, engine). */
export const EXIT_UNAVAILABLE = 3;

interface EstimateCliOptions {
	image?: string; candidate?: string; concurrency: number; host?: string; format: 'text' | 'json';
	offline: boolean; resultsDir?: string; cacheDir?: string; registryTimeout?: number; now?: Date;
}

function positiveInt(value: string): number {
	if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 256) throw new InvalidArgumentError('expected a whole number from 1 to 256');
	return Number(value);
}

export function registerEstimate(program: Command): void {
	program.command('estimate')
		.description('estimate the startup cost of base-image bumps on this engine, before pulling anything')
		.argument('[dockerfile]', 'estimate every FROM with a proposed bump')
		.option('--image <ref>', 'the current image')
		.option('--candidate <ref>', 'the image it would be bumped to')
		.option('-c, --concurrency <n>', 'containers started at once', positiveInt, 1)
		.option('--host <address>', 'Docker Engine address (default: DOCKER_HOST, then the current docker context)')
		.addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
		.option('--offline', 'no registry lookups (so no estimate)', false)
		.option('--results-dir <dir>', 'results store the calibration reads (default: $XDG_DATA_HOME/patchlens/results)')
		.option('--cache-dir <dir>', 'Patchlens cache folder (registry answers)')
		.option('--registry-timeout <ms>', 'time limit per registry request', parsePositiveInt)
		.option('--now <date>', 'lifecycle dates as of this day (YYYY-MM-DD), for the proposed bumps', parseDate)
		.action(async (dockerfile: string | undefined, opts: EstimateCliOptions) => {
			process.exitCode = await runEstimate(dockerfile, opts);
		});
}

/** CURRENT → CANDIDATE pairs: each FROM's one target, the move its lifecycle findings name and fix. */
export interface ProposedPair {
	/** 0-based line of the FROM. */
	line: number;
	image: string;
	candidate: string;
}

// The findings' target, not bump-all's pick: bump-all leaves distribution moves out, so it proposed
// `golang:1.27.0-bookworm` where PL101/PL107 say `golang:1.27.0-trixie`, and nothing for a FROM only a
// variant move settles; `check --estimate` hangs the estimate on those findings.
export function proposedPairs(text: string, analysis: Partial<AnalysisOptions>): ProposedPair[] {
	const parsed = parseDockerfile(text);
	const ctx = { ...parsed, options: defaultOptions(analysis) };
	const { toEditor } = positionMap(text); // the parse counts lines as BuildKit, the editor a lone \r too
	const pairs: ProposedPair[] = [];
	for (const { stage, assessment } of assessedStages(ctx)) {
		const target = targetOf(assessment, ctx.options);
		if (!target) continue;
		const line = toEditor(stage.from.getRange()).start.line;
		pairs.push({ line, image: formatReference(assessment.ref), candidate: referenceWith(assessment, target.candidate.tag) });
	}
	return pairs;
}

async function requests(dockerfile: string | undefined, opts: EstimateCliOptions, session: RegistrySession): Promise<EstimateRequest[]> {
	if (!dockerfile) {
		if (!opts.image || !opts.candidate) throw new UsageError('give a Dockerfile, or both --image CURRENT and --candidate NEW');
		return [{ image: opts.image, candidate: opts.candidate, concurrency: opts.concurrency }];
	}
	if (opts.image || opts.candidate) throw new UsageError('--image/--candidate and a Dockerfile exclude each other');
	const text = await fs.readFile(dockerfile, 'utf8').catch(() => { throw new UsageError(`cannot read ${dockerfile}`); });
	const analysis: Partial<AnalysisOptions> = { ...(opts.now ? { now: opts.now } : {}) };
	await session.refresh(text, analysis);
	const pairs = proposedPairs(text, { ...analysis, registryFacts: session.snapshot() });
	return pairs.map(({ image, candidate }) => ({ image, candidate, concurrency: opts.concurrency }));
}

/** An outcome as JSON: the estimate, or why there is none. */
export function outcomeJson(o: EstimateOutcome): object {
	return o.ok ? o.value : { image: o.image, candidate: o.candidate, source: 'unavailable', reason: o.reason, unavailable: o.unavailable };
}

function render(outcomes: EstimateOutcome[], format: 'text' | 'json', single: boolean): string {
	if (format === 'json') {
		const rows = outcomes.map(outcomeJson);
		return `${JSON.stringify(single ? rows[0] : rows, null, 2)}\n`;
	}
	return outcomes.map(o => (o.ok
		? `${o.value.image} -> ${o.value.candidate} @${o.value.concurrency}: ${estimateLine(o.value)}\n${estimateDetails(o.value).map(l => `  ${l}\n`).join('')}`
		: `${o.image} -> ${o.candidate}: estimate unavailable: ${o.reason}\n`)).join('');
}

async function runEstimate(dockerfile: string | undefined, opts: EstimateCliOptions): Promise<number> {
	if (opts.offline) {
		process.stderr.write('patchlens: --offline: no registry lookups, so no estimate\n');
		if (opts.format === 'json') process.stdout.write(dockerfile ? '[]\n' : 'null\n');
		return EXIT_OK;
	}
	const messages: string[] = [];
	const session = new RegistrySession({
		cacheDir: opts.cacheDir ? path.join(opts.cacheDir, 'registry') : undefined, timeoutMs: opts.registryTimeout, tell: m => messages.push(m),
	});
	const wanted = await requests(dockerfile, opts, session);
	const executor = new DockerExecutor(resolveDockerHost(opts.host).host);
	const info = await executor.info().catch(error => { throw new UsageError((error as Error).message, EXIT_UNAVAILABLE); });
	const engine = await engineFacts(executor.docker, info);
	const reports = await new ResultsStore(opts.resultsDir).list();
	const outcomes: EstimateOutcome[] = [];
	for (const request of wanted) outcomes.push(await estimateBumpStartup(request, { client: session.client, engine, reports }));
	for (const m of messages) process.stderr.write(`patchlens: ${m}\n`);
	if (dockerfile && !wanted.length) process.stderr.write(`patchlens: ${dockerfile}: no FROM with a proposed bump\n`);
	process.stdout.write(render(outcomes, opts.format, !dockerfile));
	return outcomes.every(o => o.ok) ? EXIT_OK : EXIT_UNAVAILABLE;
}

// The `patchlens` command line: argument parsing and process edges only.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { isSeverity, type FixLevel, type Severity } from '../../server/src/core/finding';
import { registerBench } from './bench';
import { runCheck } from './check';
import { parseDate } from './dateOption';
import { registerEstimate } from './estimate';
import { registerRollout } from './rollout';
import { EXIT_USAGE, UsageError } from './exitCode';
import { formatters } from './format/index';
import { registerUpdateData } from './updateData';
import { parsePositiveInt } from './numberOption';
import { VERSION } from './version';

function parseFixLevel(value: string): FixLevel {
	if (value === 'patch' || value === 'minor' || value === 'major') return value;
	throw new InvalidArgumentError('expected patch, minor or major');
}

/** `--build-arg NAME=VALUE`, repeatable; later values win, as with docker build. */
export function parseBuildArg(value: string, previous: Record<string, string>): Record<string, string> {
	const eq = value.indexOf('=');
	const name = eq < 0 ? value : value.slice(0, eq);
	if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || eq < 0) throw new InvalidArgumentError('expected NAME=VALUE');
	return { ...previous, [name]: value.slice(eq + 1) };
}

function parseThreshold(value: string): Severity | 'none' {
	if (value === 'none' || isSeverity(value)) return value;
	if (value === 'ignore') return 'none'; // hadolint's spelling
	throw new InvalidArgumentError('expected error, warning, info, style or none');
}

export function buildProgram(): Command {
	const program = new Command('patchlens')
		.description('Dockerfile patch hygiene: outdated base images and bloated layers')
		.version(VERSION)
		.exitOverride()
		.configureOutput({ writeErr: s => process.stderr.write(s) });

	program.command('check')
		.description('analyse Dockerfiles (files or folders) for outdated base images and bloat')
		.argument('[paths...]', 'Dockerfiles or folders to search', ['.'])
		.addOption(new Option('-f, --format <format>', 'output format').choices(Object.keys(formatters)).default('text'))
		.option('--offline', 'use only the bundled lifecycle data; no registry lookups', false)
		.option('--now <date>', 'evaluate lifecycle dates as of this day (YYYY-MM-DD)', parseDate)
		.option('-t, --failure-threshold <severity>', 'exit 1 when a finding is at least this severe (error|warning|info|style|none); default: the config file\'s, else info', parseThreshold)
		.option('-c, --config <file>', 'hadolint config file to use (default: the nearest .hadolint.yaml above each Dockerfile, then the per-user ones)')
		.option('--fix', 'apply the fixes that are safe unattended (patch bumps in the same line and variant, bloat repairs) in place, list the others as "needs review", then report what remains', false)
		.option('--fix-level <level>', 'with --fix, also apply fixes up to this review level: patch (default), minor (new release line), major (LTS or distribution moves); implies --fix', parseFixLevel)
		.option('--force', 'with --fix, rewrite read-only files too', false)
		.option('--build-arg <NAME=VALUE>', 'value for an ARG used in FROM lines, as docker build --build-arg (repeatable)', parseBuildArg, {} as Record<string, string>)
		.option('--registry-timeout <ms>', 'time limit of one registry lookup in online mode, retries and Retry-After waits included (default 10000)', parsePositiveInt)
		.option('--registry-deadline <ms>', 'time limit of all registry lookups of the run; bundled data after it (default 60000)', parsePositiveInt)
		.option('--cache-dir <dir>', 'Patchlens cache folder: registry answers, update-data\'s lifecycle data (default ${XDG_CACHE_HOME:-~/.cache}/patchlens)')
		.option('--no-color', 'never colour the text output')
		.option('--estimate', 'JSON: add the startup estimate of each proposed bump to the findings it fixes (online only; reads the Docker engine)', false)
		.option('--estimate-concurrency <n>', 'containers started at once for --estimate', parsePositiveInt, 1)
		.option('--host <address>', 'Docker Engine for --estimate (default: DOCKER_HOST, then the current docker context)')
		.action(async (paths: string[], opts: { estimate: boolean; estimateConcurrency: number; host?: string; format: string; offline: boolean; now?: Date; buildArg: Record<string, string>; failureThreshold?: Severity | 'none'; config?: string; fix: boolean; fixLevel?: FixLevel; force: boolean; color: boolean; registryTimeout?: number; registryDeadline?: number; cacheDir?: string }) => {
			const outcome = await runCheck({
				paths,
				format: opts.format,
				failureThreshold: opts.failureThreshold,
				configFile: opts.config,
				fix: opts.fix || opts.fixLevel !== undefined,
				fixLevel: opts.fixLevel,
				force: opts.force,
				registry: { cacheDir: opts.cacheDir, timeoutMs: opts.registryTimeout, deadlineMs: opts.registryDeadline },
				...(opts.estimate ? { estimate: { concurrency: opts.estimateConcurrency, host: opts.host } } : {}),
				// NO_COLOR (no-color.org) wins; FORCE_COLOR colours a pipe (CI logs that render ANSI).
				color: opts.color && opts.format === 'text' && !process.env.NO_COLOR && (!!process.stdout.isTTY || !!process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0'),
				analysis: { offline: opts.offline, buildArgs: opts.buildArg, ...(opts.now ? { now: opts.now } : {}) },
			});
			for (const message of outcome.messages) process.stderr.write(`patchlens: ${message}\n`);
			process.stdout.write(outcome.output);
			process.exitCode = outcome.exitCode;
		});
	registerBench(program);
	registerRollout(program);
	registerEstimate(program);
	registerUpdateData(program);
	return program;
}

export async function main(argv: string[]): Promise<void> {
	try {
		await buildProgram().parseAsync(argv, { from: 'user' });
	} catch (error) {
		if (error instanceof CommanderError) {
			// commander already printed its message; --help and --version exit 0.
			process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE;
		} else if (error instanceof UsageError) {
			process.stderr.write(`patchlens: ${error.message}\n`);
			process.exitCode = error.exitCode;
		} else {
			process.stderr.write(`patchlens: internal error: ${(error as Error)?.message ?? error}\n`);
			process.exitCode = 3;
		}
	}
}


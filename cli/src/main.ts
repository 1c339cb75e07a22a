// The `patchlens` command line: argument parsing and process edges only.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { isSeverity, type Severity } from '../../server/src/core/finding';
import { runCheck } from './check';
import { EXIT_USAGE, UsageError } from './exitCode';
import { formatters } from './format/index';
import { VERSION } from './version';

export function parseDate(value: string): Date {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
		throw new InvalidArgumentError('expected a date as YYYY-MM-DD');
	}
	return new Date(`${value}T00:00:00Z`);
}

function parseThreshold(value: string): Severity | 'none' {
	if (value === 'none' || isSeverity(value)) return value;
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
		.option('--failure-threshold <severity>', 'exit 1 when a finding is at least this severe (error|warning|info|style|none)', parseThreshold, 'info' as Severity | 'none')
		.option('--no-color', 'never colour the text output')
		.action(async (paths: string[], opts: { format: string; offline: boolean; now?: Date; failureThreshold: Severity | 'none'; color: boolean }) => {
			const outcome = await runCheck({
				paths,
				format: opts.format,
				failureThreshold: opts.failureThreshold,
				color: opts.color && opts.format === 'text' && !!process.stdout.isTTY && !process.env.NO_COLOR,
				analysis: { offline: opts.offline, ...(opts.now ? { now: opts.now } : {}) },
			});
			process.stdout.write(outcome.output);
			process.exitCode = outcome.exitCode;
		});
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


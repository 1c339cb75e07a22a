// `patchlens update-data`: refresh the lifecycle data from endoflife.date into the user's cache;
// `check` (and the language server) merge it over the bundled dataset from then on.
import type { Command } from 'commander';
import { DEFAULT_EOL_API, EOL_API_ENV, updateLifecycleData } from '../../server/src/registry/lifecycleUpdate';
import { UsageError } from './exitCode';
import { parsePositiveInt } from './numberOption';

/** Nothing could be fetched or written. */
export const EXIT_UPDATE_FAILED = 3;

export function registerUpdateData(program: Command): void {
	program.command('update-data')
		.description('refresh end-of-life data from endoflife.date into the user cache (used by check and the editor)')
		.option('--api <url>', `endoflife.date API base URL (env ${EOL_API_ENV})`, process.env[EOL_API_ENV] ?? DEFAULT_EOL_API)
		.option('--cache-dir <dir>', 'Patchlens cache folder (default ${XDG_CACHE_HOME:-~/.cache}/patchlens)')
		.option('--timeout <ms>', 'time limit per request', parsePositiveInt, 15_000)
		.action(async (opts: { api: string; cacheDir?: string; timeout: number }) => {
			const result = await updateLifecycleData({ api: opts.api, cacheRoot: opts.cacheDir, http: { timeoutMs: opts.timeout } });
			if (!result.ok) throw new UsageError(`update-data failed: ${result.error.message}; the bundled data stays in use`, EXIT_UPDATE_FAILED);
			const { file, updated, failed } = result.value;
			for (const f of failed) process.stderr.write(`patchlens: warning: ${f.product}: ${f.message}; keeping the bundled data for it\n`);
			process.stdout.write(`Updated lifecycle data of ${updated.length} product${updated.length === 1 ? '' : 's'} in ${file}${failed.length ? ` (${failed.length} kept from the bundled data)` : ''}.\n`);
		});
}

// `patchlens update-data`: refresh the lifecycle data from endoflife.date into the user's cache;
// `check` (and the language server) merge it over the bundled dataset from then on.
import type { Command } from 'commander';
import { DEFAULT_EOL_API, EOL_API_ENV, lifecycleOverlayPath, loadLifecycleOverlay, parseEolApi, updateLifecycleData } from '../../server/src/registry/lifecycleUpdate';
import { UsageError } from './exitCode';
import { parsePositiveInt } from './numberOption';

/** Nothing could be fetched or written. */
export const EXIT_UPDATE_FAILED = 3;

/** " (2 kept from the bundled data, 1 from the previous update)": never fewer products without saying so. */
function keptNote(failed: { kept: 'previous' | 'bundled' }[]): string {
	const bundled = failed.filter(f => f.kept === 'bundled').length;
	const previous = failed.length - bundled;
	const parts = [...(bundled ? [`${bundled} kept from the bundled data`] : []), ...(previous ? [`${previous} kept from the previous update`] : [])];
	return parts.length ? ` (${parts.join(', ')})` : '';
}

export function registerUpdateData(program: Command): void {
	program.command('update-data')
		.description('refresh end-of-life data from endoflife.date into the user cache (used by check and the editor)')
		.option('--api <url>', `endoflife.date API base URL (env ${EOL_API_ENV})`, process.env[EOL_API_ENV] ?? DEFAULT_EOL_API)
		.option('--cache-dir <dir>', 'Patchlens cache folder (default ${XDG_CACHE_HOME:-~/.cache}/patchlens)')
		.option('--timeout <ms>', 'time limit per request', parsePositiveInt, 15_000)
		.action(async (opts: { api: string; cacheDir?: string; timeout: number }) => {
			const api = parseEolApi(opts.api);
			if (!api.ok) throw new UsageError(`--api: ${api.error.message}`);
			const result = await updateLifecycleData({ api: opts.api, cacheRoot: opts.cacheDir, http: { timeoutMs: opts.timeout } });
			if (!result.ok) {
				const inUse = loadLifecycleOverlay(lifecycleOverlayPath(opts.cacheDir)).overlay ? 'the previous update' : 'the bundled data';
				throw new UsageError(`update-data failed: ${result.error.message}; ${inUse} stays in use`, EXIT_UPDATE_FAILED);
			}
			const { file, updated, failed } = result.value;
			for (const f of failed) process.stderr.write(`patchlens: warning: ${f.product}: ${f.message}; keeping the ${f.kept} data for it\n`);
			process.stdout.write(`Updated lifecycle data of ${updated.length} product${updated.length === 1 ? '' : 's'} in ${file}${keptNote(failed)}.\n`);
		});
}

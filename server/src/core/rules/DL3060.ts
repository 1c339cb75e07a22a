import { isCommand } from '../shell/args';
import type { Command } from '../shell/commands';
import { hasCacheMount } from '../shell/run';
import { appendCommand, commandRange, fix, missingCleanup, scriptsRunning } from './helpers';
import { laterUse, YARN_CACHE } from './laterUse';
import { defineRule } from './rule';

const isInstall = (c: Command) => c.name === 'yarn' && c.args.some(a => a.value === 'install');
const isClean = (c: Command) => isCommand(c, 'yarn', ['cache']) && c.args.some(a => a.value === 'clean');

export default defineRule({
	code: 'DL3060',
	name: 'yarn-cache-clean',
	severity: 'info',
	title: '`yarn cache clean` missing after `yarn install` was run',
	rationale: 'yarn keeps a copy of every package tarball in its cache; left in the layer it roughly doubles the size of node_modules in the image.',
	*check(ctx) {
		// Like hadolint, only stages that end up in the final image matter.
		for (const script of scriptsRunning(ctx, ['yarn'], true)) {
			if (hasCacheMount(script, '.cache/yarn')) continue;
			const install = missingCleanup(script, isInstall, isClean);
			if (!install) continue;
			// A later RUN installing from this cache (or a COPY --from reading it) would break: no fix then.
			const later = laterUse(ctx, script, YARN_CACHE);
			yield {
				range: commandRange(ctx, install),
				message: '`yarn cache clean` missing after `yarn install` was run.' + (later ? ` No quick fix: ${later.why}, which needs it.` : ''),
				fixes: later ? undefined : fix('Append `yarn cache clean`', appendCommand(ctx, script, 'yarn cache clean')),
			};
		}
	},
});

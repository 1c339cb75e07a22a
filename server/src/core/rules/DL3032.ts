import { isCommand, isInstall, YUM } from '../shell/args';
import type { Command } from '../shell/commands';
import { hasCacheMount } from '../shell/run';
import { appendCommand, commandRange, fix, missingCleanup, scriptsRunning } from './helpers';
import { laterUse, packageCache } from './laterUse';
import { defineRule } from './rule';

const isClean = (c: Command) => isCommand(c, 'yum', ['clean']) || (c.name === 'rm' && c.args.some(a => a.value.startsWith('/var/cache/yum')));

export default defineRule({
	code: 'DL3032',
	name: 'yum-clean-all',
	severity: 'warning',
	title: '`yum clean all` missing after yum command',
	rationale: 'yum keeps downloaded packages and metadata in /var/cache/yum; unless removed in the same RUN they ship in the layer.',
	*check(ctx) {
		for (const script of scriptsRunning(ctx, YUM.names)) {
			if (hasCacheMount(script, '/var/cache/yum')) continue;
			const install = missingCleanup(script, c => isInstall(c, YUM), isClean);
			if (!install) continue;
			// A later RUN installing from this cache (or a COPY --from reading it) would break: no fix then.
			const later = laterUse(ctx, script, packageCache(YUM.names, '/var/cache/yum'));
			yield {
				range: commandRange(ctx, install),
				message: '`yum clean all` missing after yum command.' + (later ? ` No quick fix: ${later.why}, which needs it.` : ''),
				fixes: later ? undefined : fix('Append `yum clean all`', appendCommand(ctx, script, 'yum clean all')),
			};
		}
	},
});

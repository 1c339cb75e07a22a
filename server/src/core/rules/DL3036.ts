import { isCommand, isInstall, ZYPPER } from '../shell/args';
import type { Command } from '../shell/commands';
import { hasCacheMount } from '../shell/run';
import { appendCommand, commandRange, fix, missingCleanup, scriptsRunning } from './helpers';
import { laterUse, packageCache } from './laterUse';
import { defineRule } from './rule';

const isClean = (c: Command) => isCommand(c, 'zypper', ['clean', 'cc'], ZYPPER.valued);

export default defineRule({
	code: 'DL3036',
	name: 'zypper-clean',
	severity: 'warning',
	title: '`zypper clean` missing after zypper use',
	rationale: 'zypper keeps repository metadata and packages in /var/cache/zypp; unless cleaned in the same RUN they ship in the layer.',
	*check(ctx) {
		for (const script of scriptsRunning(ctx, ZYPPER.names)) {
			if (hasCacheMount(script, '/var/cache/zypp')) continue;
			const install = missingCleanup(script, c => isInstall(c, ZYPPER), isClean);
			if (!install) continue;
			// A later RUN installing from this cache (or a COPY --from reading it) would break: no fix then.
			const later = laterUse(ctx, script, packageCache(['zypper'], '/var/cache/zypp'));
			yield {
				range: commandRange(ctx, install),
				message: '`zypper clean` missing after zypper use.' + (later ? ` No quick fix: ${later.why}, which needs it.` : ''),
				fixes: later ? undefined : fix('Append `zypper clean --all`', appendCommand(ctx, script, 'zypper clean --all')),
			};
		}
	},
});

import { DNF, isCommand } from '../shell/args';
import type { Command } from '../shell/commands';
import { hasCacheMount } from '../shell/run';
import { appendCommand, commandRange, fix, missingCleanup, scriptsRunning } from './helpers';
import { laterUse, packageCache } from './laterUse';
import { defineRule } from './rule';

// hadolint counts every verb that downloads packages.
const VERBS = ['install', 'in', 'upgrade', 'up', 'upgrade-minimal', 'up-min', 'reinstall', 'rei'];
const isInstall = (name: string) => (c: Command) => isCommand(c, name, VERBS, DNF.valued);
// As hadolint: the clean must come from the tool that installed (`dnf install && microdnf clean all`
// leaves dnf's cache), or remove the cache directory.
const isClean = (name: string) => (c: Command) => isCommand(c, name, ['clean'], DNF.valued)
	|| (c.name === 'rm' && c.args.some(a => /^\/var\/cache\/(libdnf5|dnf|yum)/.test(a.value)));

export default defineRule({
	code: 'DL3040',
	name: 'dnf-clean-all',
	severity: 'warning',
	title: '`dnf clean all` missing after dnf command',
	rationale: 'dnf keeps repository metadata and downloaded packages in /var/cache; unless cleaned in the same RUN they ship in the layer.',
	*check(ctx) {
		for (const script of scriptsRunning(ctx, DNF.names)) {
			if (['/var/cache/libdnf5', '.cache/libdnf5', '/var/cache/dnf'].some(p => hasCacheMount(script, p))) continue;
			const install = DNF.names.map(name => missingCleanup(script, isInstall(name), isClean(name))).find(Boolean);
			if (!install) continue;
			const clean = `${install.name} clean all`;
			// A later RUN installing from this cache (or a COPY --from reading it) would break: no fix then.
			const later = laterUse(ctx, script, packageCache(DNF.names, '/var/cache/dnf'));
			yield {
				range: commandRange(ctx, install),
				message: `\`${clean}\` missing after ${install.name} command.${later ? ` No quick fix: ${later.why}, which needs it.` : ''}`,
				fixes: later ? undefined : fix(`Append \`${clean}\``, appendCommand(ctx, script, clean)),
			};
		}
	},
});

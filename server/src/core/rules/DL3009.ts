import { APT, isCommand, isInstall } from '../shell/args';
import type { Command } from '../shell/commands';
import { hasCacheMount } from '../shell/run';
import { appendCommand, commandRange, fix, indexOf, scriptsRunning } from './helpers';
import { laterAptListsUse } from './laterUse';
import { defineRule } from './rule';

const CLEANUP = 'rm -rf /var/lib/apt/lists/*';

const isUpdate = (c: Command) => isCommand(c, ['apt-get', 'apt', 'aptitude'], ['update']);
/** `rm -rf /var/lib/apt/lists/*`, or apt 3's `apt-get dist-clean` (trixie and later), which removes the lists too. */
const isCleanup = (c: Command) => (c.name === 'rm' && c.args.some(a => a.value.startsWith('/var/lib/apt/lists'))) || isCommand(c, ['apt-get', 'apt'], ['dist-clean']);

export default defineRule({
	code: 'DL3009',
	name: 'apt-lists-cleanup',
	severity: 'info',
	title: 'Delete the apt lists (/var/lib/apt/lists) after installing something',
	rationale: '`apt-get update` downloads tens of megabytes of package lists; left in the layer they ship with every image. They only help the build, so remove them in the same RUN (or keep them in a cache mount).',
	*check(ctx) {
		// Like hadolint, only stages that end up in the final image matter.
		for (const script of scriptsRunning(ctx, ['apt-get', 'apt', 'aptitude'], true)) {
			const update = indexOf(script, isUpdate);
			if (update < 0 || script.commands.some(isCleanup)) continue;
			if (hasCacheMount(script, '/var/lib/apt/lists') || (hasCacheMount(script, '/var/lib/apt') && hasCacheMount(script, '/var/cache/apt'))) continue;
			// Appending the clean-up to a RUN that only updates would break the next RUN's install;
			// so would removing the lists a later RUN of the stage (or of a stage built on it) installs from.
			const installs = script.commands.some((c, i) => i > update && isInstall(c, APT));
			const later = installs ? laterAptListsUse(ctx, script) : undefined;
			const advice = later
				? ` No quick fix: ${later.why}, which needs these lists; add \`apt-get update\` there, or remove the lists in the last RUN that installs.`
				: '';
			yield {
				range: commandRange(ctx, script.commands[update]),
				message: `Delete the apt lists (/var/lib/apt/lists) after installing something: add \`&& rm -rf /var/lib/apt/lists/*\` to this RUN.${advice}`,
				fixes: installs && !later ? fix(`Append \`${CLEANUP}\``, appendCommand(ctx, script, CLEANUP)) : undefined,
			};
		}
	},
});

import { hasFlag, hasUnknownArgs, isInstall, subcommand, YUM } from '../shell/args';
import { commandRange, commandsNamed, fix, insertAfter } from './helpers';
import { defineRule } from './rule';

export default defineRule({
	code: 'DL3030',
	name: 'yum-yes',
	severity: 'warning',
	title: 'Use the -y switch to avoid manual input `yum install -y <package>`',
	rationale: 'Without `-y`, yum waits for a confirmation no one can give during a build, and the install fails.',
	*check(ctx) {
		for (const { cmd } of commandsNamed(ctx, YUM.names)) {
			if (!isInstall(cmd, YUM) || hasFlag(cmd, '-y', '--assumeyes') || hasUnknownArgs(cmd)) continue;
			yield {
				range: commandRange(ctx, cmd),
				message: 'Use the -y switch to avoid manual input `yum install -y <package>`.',
				fixes: fix('Add `-y`', insertAfter(ctx, subcommand(cmd, YUM.valued), ' -y')),
			};
		}
	},
});

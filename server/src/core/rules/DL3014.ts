import { APT, countFlag, hasFlag, hasUnknownArgs, isInstall, subcommand } from '../shell/args';
import type { Command } from '../shell/commands';
import { commandRange, commandsNamed, fix, insertAfter } from './helpers';
import { defineRule } from './rule';

/** hadolint: `-y`, `--yes`, `--assume-yes`, `-qq` (or `-q` twice), `-q=2`; also `-o APT::Get::Assume-Yes=true`. */
function assumesYes(cmd: Command): boolean {
	return hasFlag(cmd, '-y', '--yes', '--assume-yes')
		|| countFlag(cmd, '-q') >= 2 || countFlag(cmd, '--quiet') >= 2
		|| cmd.args.some(a => a.value === '-q=2' || a.value === '--quiet=2' || /APT::Get::Assume-Yes=(true|1|yes)/i.test(a.value));
}

export default defineRule({
	code: 'DL3014',
	name: 'apt-get-yes',
	severity: 'warning',
	title: 'Use the `-y` switch to avoid manual input `apt-get -y install <package>`',
	rationale: 'Without `-y`, apt-get asks for confirmation; a build has no terminal, so the install aborts.',
	*check(ctx) {
		for (const { cmd } of commandsNamed(ctx, ['apt-get'])) {
			if (cmd.name !== 'apt-get' || !isInstall(cmd, APT) || assumesYes(cmd) || hasUnknownArgs(cmd)) continue;
			yield {
				range: commandRange(ctx, cmd),
				message: 'Use the `-y` switch to avoid manual input `apt-get -y install <package>`.',
				fixes: fix('Add `-y`', insertAfter(ctx, subcommand(cmd, APT.valued), ' -y')),
			};
		}
	},
});

import { APT, hasFlag, hasUnknownArgs, isInstall, subcommand } from '../shell/args';
import { commandRange, commandsNamed, fix, insertAfter } from './helpers';
import { defineRule } from './rule';

export default defineRule({
	code: 'DL3015',
	name: 'apt-get-no-install-recommends',
	severity: 'info',
	title: 'Avoid additional packages by specifying `--no-install-recommends`',
	rationale: 'Recommended packages are not needed to run the software and often double the size of an install (documentation, X11 libraries, extra tools) — more bytes to ship and more packages to patch.',
	*check(ctx) {
		for (const { cmd } of commandsNamed(ctx, ['apt-get'])) {
			if (cmd.name !== 'apt-get' || !isInstall(cmd, APT) || hasUnknownArgs(cmd)) continue;
			if (hasFlag(cmd, '--no-install-recommends') || cmd.args.some(a => /APT::Install-Recommends=(false|0|no)/i.test(a.value))) continue;
			yield {
				range: commandRange(ctx, cmd),
				message: 'Avoid additional packages by specifying `--no-install-recommends`.',
				fixes: fix('Add `--no-install-recommends`', insertAfter(ctx, subcommand(cmd, APT.valued), ' --no-install-recommends')),
			};
		}
	},
});

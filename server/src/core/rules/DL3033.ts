import { YUM } from '../shell/args';
import { commandRange, commandsNamed, quotedList, unpinnedRpmInstalls } from './helpers';
import { defineRule } from './rule';

export default defineRule({
	code: 'DL3033',
	name: 'yum-pin-versions',
	severity: 'warning',
	title: 'Specify version with `yum install -y <package>-<version>`',
	rationale: 'Unpinned yum installs take whatever the repository has at build time; pin `name-version` (or a module stream) to make rebuilds reproducible.',
	*check(ctx) {
		for (const located of commandsNamed(ctx, YUM.names)) {
			const { cmd } = located;
			const pkgs = unpinnedRpmInstalls(ctx, located, YUM);
			if (!pkgs.length) continue;
			yield {
				range: commandRange(ctx, cmd),
				message: `Specify version with \`yum install -y <package>-<version>\` (${quotedList(pkgs)}).`,
			};
		}
	},
});

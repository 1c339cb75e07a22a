import { DNF } from '../shell/args';
import { commandRange, commandsNamed, quotedList, unpinnedRpmInstalls } from './helpers';
import { defineRule } from './rule';

export default defineRule({
	code: 'DL3041',
	name: 'dnf-pin-versions',
	severity: 'warning',
	title: 'Specify version with `dnf install -y <package>-<version>`',
	rationale: 'Unpinned dnf installs take whatever the repository has at build time; pin `name-version` (or a module stream) to make rebuilds reproducible.',
	*check(ctx) {
		for (const located of commandsNamed(ctx, DNF.names)) {
			const { cmd } = located;
			const pkgs = unpinnedRpmInstalls(ctx, located, DNF, ['group']);
			if (!pkgs.length) continue;
			yield {
				range: commandRange(ctx, cmd),
				message: `Specify version with \`${cmd.name} install -y <package>-<version>\` (${quotedList(pkgs)}).`,
			};
		}
	},
});

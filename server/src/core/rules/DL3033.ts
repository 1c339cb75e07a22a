import { operands, YUM } from '../shell/args';
import type { Command, Word } from '../shell/commands';
import { commandRange, commandsNamed, moduleVersionFixed, quotedList, rpmVersionFixed } from './helpers';
import { defineRule } from './rule';

/** Unpinned packages of `yum install` and unpinned modules of `yum module install`. */
function unpinned(cmd: Command): Word[] {
	if (cmd.name !== 'yum') return [];
	const ops = operands(cmd, YUM.valued);
	const isModule = ops[0]?.value === 'module';
	const verb = isModule ? ops[1] : ops[0];
	if (verb?.value !== 'install') return [];
	const pinned = isModule ? moduleVersionFixed : rpmVersionFixed;
	return ops.slice(isModule ? 2 : 1).filter(p => !p.dynamic && !pinned(p.value));
}

export default defineRule({
	code: 'DL3033',
	name: 'yum-pin-versions',
	severity: 'warning',
	title: 'Specify version with `yum install -y <package>-<version>`',
	rationale: 'Unpinned yum installs take whatever the repository has at build time; pin `name-version` (or a module stream) to make rebuilds reproducible.',
	*check(ctx) {
		for (const { cmd } of commandsNamed(ctx, YUM.names)) {
			const pkgs = unpinned(cmd);
			if (!pkgs.length) continue;
			yield {
				range: commandRange(ctx, cmd),
				message: `Specify version with \`yum install -y <package>-<version>\` (${quotedList(pkgs)}).`,
			};
		}
	},
});

import { DNF, operands } from '../shell/args';
import type { Command, Word } from '../shell/commands';
import { commandRange, commandsNamed, moduleVersionFixed, quotedList, rpmVersionFixed } from './helpers';
import { defineRule } from './rule';

/** Unpinned packages of `dnf install` and modules of `dnf module install`; `dnf group install` is not judged. */
function unpinned(cmd: Command): Word[] {
	if (!DNF.names.includes(cmd.name)) return [];
	const ops = operands(cmd, DNF.valued);
	if (ops[0]?.value === 'group') return [];
	const isModule = ops[0]?.value === 'module';
	const verb = isModule ? ops[1] : ops[0];
	if (verb?.value !== 'install') return [];
	const pinned = isModule ? moduleVersionFixed : rpmVersionFixed;
	return ops.slice(isModule ? 2 : 1).filter(p => !p.dynamic && !pinned(p.value));
}

export default defineRule({
	code: 'DL3041',
	name: 'dnf-pin-versions',
	severity: 'warning',
	title: 'Specify version with `dnf install -y <package>-<version>`',
	rationale: 'Unpinned dnf installs take whatever the repository has at build time; pin `name-version` (or a module stream) to make rebuilds reproducible.',
	*check(ctx) {
		for (const { cmd } of commandsNamed(ctx, DNF.names)) {
			const pkgs = unpinned(cmd);
			if (!pkgs.length) continue;
			yield {
				range: commandRange(ctx, cmd),
				message: `Specify version with \`${cmd.name} install -y <package>-<version>\` (${quotedList(pkgs)}).`,
			};
		}
	},
});

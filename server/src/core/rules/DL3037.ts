import { packagesOf, ZYPPER } from '../shell/args';
import { commandRange, commandsNamed, quotedList } from './helpers';
import { defineRule } from './rule';

/** hadolint: `pkg=1.2`, `pkg>=1`, `pkg<2` or a local `.rpm`. */
function versionFixed(pkg: string): boolean {
	return /[=<>]/.test(pkg) || pkg.endsWith('.rpm');
}

export default defineRule({
	code: 'DL3037',
	name: 'zypper-pin-versions',
	severity: 'warning',
	title: 'Specify version with `zypper install -y <package>=<version>`',
	rationale: 'Unpinned zypper installs take whatever the repository has at build time, so rebuilds are not reproducible.',
	*check(ctx) {
		for (const { cmd } of commandsNamed(ctx, ZYPPER.names)) {
			const unpinned = packagesOf(cmd, ZYPPER).filter(p => !p.dynamic && !versionFixed(p.value));
			if (!unpinned.length) continue;
			yield {
				range: commandRange(ctx, cmd),
				message: `Specify version with \`zypper install -y <package>=<version>\` (${quotedList(unpinned)}).`,
			};
		}
	},
});

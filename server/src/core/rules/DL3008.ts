import { APT, packagesOf } from '../shell/args';
import { commandRange, commandsNamed, quotedList } from './helpers';
import { defineRule } from './rule';

/** hadolint: `pkg=version`, a target release `pkg/bookworm-backports`, or a local `.deb`. */
function versionFixed(pkg: string): boolean {
	return pkg.includes('=') || pkg.includes('/') || pkg.endsWith('.deb');
}

export default defineRule({
	code: 'DL3008',
	name: 'apt-get-pin-versions',
	severity: 'warning',
	title: 'Pin versions in apt get install',
	rationale: 'Unpinned packages make builds unreproducible: a rebuild silently picks up whatever the mirror serves that day, so a patch (or a regression) arrives without a diff.',
	*check(ctx) {
		for (const { cmd } of commandsNamed(ctx, ['apt-get'])) {
			const unpinned = packagesOf(cmd, APT).filter(p => !p.dynamic && !versionFixed(p.value));
			if (!unpinned.length) continue;
			yield {
				range: commandRange(ctx, cmd),
				message: `Pin versions in apt get install. Instead of \`apt-get install <package>\` use \`apt-get install <package>=<version>\` (${quotedList(unpinned)}).`,
			};
		}
	},
});

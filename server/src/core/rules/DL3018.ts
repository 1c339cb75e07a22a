import { APK, packagesOf } from '../shell/args';
import { commandRange, commandsNamed, quotedList } from './helpers';
import { defineRule } from './rule';

/** hadolint: `pkg=1.2`, `pkg~1.2`, `pkg>1`, `pkg<2`, or a local `.apk` file. */
function versionFixed(pkg: string): boolean {
	return /[=~<>]/.test(pkg) || pkg.endsWith('.apk');
}

export default defineRule({
	code: 'DL3018',
	name: 'apk-pin-versions',
	severity: 'warning',
	title: 'Pin versions in apk add',
	rationale: 'Unpinned `apk add` installs whatever the Alpine mirror serves at build time, so two builds of the same Dockerfile can differ.',
	*check(ctx) {
		for (const { cmd } of commandsNamed(ctx, APK.names)) {
			const unpinned = packagesOf(cmd, APK).filter(p => !p.dynamic && !versionFixed(p.value));
			if (!unpinned.length) continue;
			yield {
				range: commandRange(ctx, cmd),
				message: `Pin versions in apk add. Instead of \`apk add <package>\` use \`apk add <package>=<version>\` (${quotedList(unpinned)}).`,
			};
		}
	},
});

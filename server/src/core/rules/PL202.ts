import { APK, APT, DNF, operands, YUM, ZYPPER, type Manager } from '../shell/args';
import type { Command } from '../shell/commands';
import { commandRange, commandsNamed } from './helpers';
import { defineRule } from './rule';

/** Whole-system upgrade verbs per package manager (with named packages it is a targeted fix, not flagged). */
const UPGRADES: [Manager, string[]][] = [
	[APT, ['upgrade', 'dist-upgrade', 'full-upgrade']],
	[APK, ['upgrade']],
	[DNF, ['upgrade', 'update', 'distro-sync', 'upgrade-minimal', 'up']],
	[YUM, ['upgrade', 'update', 'distro-sync', 'upgrade-minimal']],
	[ZYPPER, ['update', 'up', 'dist-upgrade', 'dup', 'patch']],
];

const UPGRADE_NAMES = UPGRADES.flatMap(([m]) => m.names);

function systemUpgrade(cmd: Command): string | undefined {
	for (const [manager, verbs] of UPGRADES) {
		if (!manager.names.includes(cmd.name)) continue;
		const ops = operands(cmd, manager.valued);
		if (!ops.length || !verbs.includes(ops[0].value)) continue;
		// apt-get upgrade ignores package names; elsewhere naming packages makes it a targeted update.
		if (manager === APT || ops.length === 1) return `${cmd.name} ${ops[0].value}`;
	}
	return undefined;
}

export default defineRule({
	code: 'PL202',
	name: 'no-upgrade-in-image',
	severity: 'warning',
	title: 'Upgrading all packages in the image duplicates the base image\'s files in a new layer',
	rationale: 'An in-image upgrade copies every patched file of the base into another layer: the old versions still ship underneath, the image grows by the size of the patch set, and every build may patch differently. A newer patch release of the base image carries the same fixes with no extra layer and is shared between images.',
	*check(ctx) {
		for (const { cmd } of commandsNamed(ctx, UPGRADE_NAMES, true)) {
			const upgrade = systemUpgrade(cmd);
			if (!upgrade) continue;
			yield {
				range: commandRange(ctx, cmd),
				message: `\`${upgrade}\` duplicates the base image's patched files in a new layer; bump the base image to its latest patch release instead.`,
			};
		}
	},
});

import { APK, hasFlag, hasUnknownArgs, isInstall, subcommand } from '../shell/args';
import { hasCacheMount } from '../shell/run';
import { commandRange, commandsNamed, fix, insertAfter } from './helpers';
import { defineRule } from './rule';

export default defineRule({
	code: 'DL3019',
	name: 'apk-no-cache',
	severity: 'info',
	title: 'Use the `--no-cache` switch to avoid the need to use `--update` and remove `/var/cache/apk/*` when done installing packages',
	rationale: '`apk add` without `--no-cache` keeps the package index in /var/cache/apk, bytes that ship in the layer for nothing.',
	*check(ctx) {
		for (const { script, cmd } of commandsNamed(ctx, APK.names)) {
			if (!isInstall(cmd, APK) || hasFlag(cmd, '--no-cache') || hasUnknownArgs(cmd) || hasCacheMount(script, '/var/cache/apk')) continue;
			yield {
				range: commandRange(ctx, cmd),
				message: 'Use the `--no-cache` switch to avoid the need to use `--update` and remove `/var/cache/apk/*` when done installing packages.',
				fixes: fix('Add `--no-cache`', insertAfter(ctx, subcommand(cmd, APK.valued), ' --no-cache')),
			};
		}
	},
});

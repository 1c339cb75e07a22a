import { operands } from '../shell/args';
import type { Command, Word } from '../shell/commands';
import { commandRange, commandsNamed, quotedList } from './helpers';
import { defineRule } from './rule';

const VALUED = new Set(['--loglevel', '--registry', '--prefix', '--cache', '--userconfig', '-w', '--workspace']);
const GIT = ['git://', 'git+ssh://', 'git+http://', 'git+https://'];
const TARBALL = ['.tar', '.tar.gz', '.tgz'];
const PATH = ['/', './', '../', '~/'];

/** hadolint's versionFixed: `name@version`, `@scope/name@version`, `git…#ref`, tarballs, folders. */
function versionFixed(pkg: string): boolean {
	if (GIT.some(p => pkg.startsWith(p))) return pkg.includes('#');
	if (TARBALL.some(s => pkg.endsWith(s)) || PATH.some(p => pkg.startsWith(p))) return true;
	const unscoped = pkg.startsWith('@') ? pkg.slice(pkg.indexOf('/') + 1) : pkg;
	return unscoped.includes('@');
}

function unpinned(cmd: Command): Word[] {
	if (cmd.name !== 'npm') return [];
	const ops = operands(cmd, VALUED);
	if (!ops.length || !['install', 'i', 'add'].includes(ops[0].value)) return [];
	return ops.slice(1).filter(p => !p.dynamic && !versionFixed(p.value));
}

export default defineRule({
	code: 'DL3016',
	name: 'npm-pin-versions',
	severity: 'warning',
	title: 'Pin versions in npm',
	rationale: 'A package named without a version installs whatever is tagged `latest` at build time; pin it (or install from a lockfile with `npm ci`) so rebuilds are reproducible.',
	*check(ctx) {
		for (const { cmd } of commandsNamed(ctx, ['npm'])) {
			const pkgs = unpinned(cmd);
			if (!pkgs.length) continue;
			yield {
				range: commandRange(ctx, cmd),
				message: `Pin versions in npm. Instead of \`npm install <package>\` use \`npm install <package>@<version>\` (${quotedList(pkgs)}).`,
			};
		}
	},
});

import { operands, pipInstallArgs, PIP_VALUED, subcommand } from '../shell/args';
import type { Command, Word } from '../shell/commands';
import { commandRange, commandsNamed, quotedList } from './helpers';
import { defineRule } from './rule';

const VERSION_SYMBOLS = ['==', '>=', '<=', '>', '<', '!=', '~=', '==='];
const VCS = /^(git|hg|svn|bzr)(\+[a-z-]+)?(:|$)/;

/** hadolint's versionFixed: a version specifier, a versioned VCS URL, a local archive or a path. */
function versionFixed(pkg: string): boolean {
	const vcs = VCS.test(pkg);
	return VERSION_SYMBOLS.some(s => pkg.includes(s))
		|| (vcs && pkg.includes('@'))
		|| pkg.endsWith('.whl') || pkg.endsWith('.tar.gz')
		|| (!vcs && pkg.includes('/'));
}

/** Packages a `pip install` pins too loosely, or [] (requirement files, constraints, `.`). */
export function unpinnedPipPackages(cmd: Command): Word[] {
	const args = pipInstallArgs(cmd);
	if (!args) return [];
	const raw = args.map(a => a.value);
	if (raw.some(v => v === '-r' || v.startsWith('--requirement') || v.startsWith('-r') && !v.startsWith('--') || v === '.')) return [];
	if (raw.some(v => v === '-c' || v.startsWith('--constraint'))) return [];
	const pkgs = operands({ ...cmd, args }, PIP_VALUED).slice(1);
	return pkgs.filter(p => !p.dynamic && !versionFixed(p.value));
}

/** pipx options that take a value (`pipx install --python python3.12 black`). */
const PIPX_VALUED: ReadonlySet<string> = new Set(['--python', '--pip-args', '--suffix', '--index-url', '-i', '--spec', '--preinstall', '--backend']);

/**
 * Packages a `pipx install` leaves unpinned. hadolint counts every command whose name starts with
 * `pip` as pip, so `pipx install black` is DL3013 there too; `--spec` pins what it names.
 */
export function unpinnedPipxPackages(cmd: Command): Word[] {
	let args = cmd.args;
	if (/^python[0-9.]*$/.test(cmd.name)) {
		const m = args.findIndex(a => a.value === '-m');
		if (m < 0 || args[m + 1]?.value !== 'pipx') return [];
		args = args.slice(m + 2);
	} else if (cmd.name !== 'pipx') {
		return [];
	}
	const pseudo: Command = { ...cmd, args };
	if (subcommand(pseudo, PIPX_VALUED)?.value !== 'install' || args.some(a => a.value === '--spec' || a.value.startsWith('--spec='))) return [];
	return operands(pseudo, PIPX_VALUED).slice(1).filter(p => !p.dynamic && !versionFixed(p.value));
}

export default defineRule({
	code: 'DL3013',
	name: 'pip-pin-versions',
	severity: 'warning',
	title: 'Pin versions in pip',
	rationale: 'An unpinned `pip install` resolves to whatever is newest at build time: rebuilds differ, and a broken release breaks the image without any change to the Dockerfile.',
	*check(ctx) {
		for (const { cmd } of commandsNamed(ctx, ['pip', 'pipx', 'python'])) {
			const unpinned = [...unpinnedPipPackages(cmd), ...unpinnedPipxPackages(cmd)];
			if (!unpinned.length) continue;
			yield {
				range: commandRange(ctx, cmd),
				message: `Pin versions in pip. Instead of \`pip install <package>\` use \`pip install <package>==<version>\` or \`pip install --requirement <requirements file>\` (${quotedList(unpinned)}).`,
			};
		}
	},
});

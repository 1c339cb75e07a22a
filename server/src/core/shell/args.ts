// Reading a command's arguments the way its program does: options (clustered short flags,
// `--long=value`), options that take a value, operands, subcommands and package lists.
import type { Command, Word } from './commands';

/** True when any of the flags (`-y`, `--yes`) is given; short flags also count inside clusters like `-qy`. */
export function hasFlag(cmd: Command, ...flags: string[]): boolean {
	return cmd.args.some(a => matchesFlag(a.value, flags));
}

/** Some argument is an unknown variable or a substitution: it may hold the flag a rule looks for. */
export function hasUnknownArgs(cmd: Command): boolean {
	return cmd.args.some(a => a.dynamic);
}

/** How often a flag is given: `-q -q` and `-qq` both count 2. */
export function countFlag(cmd: Command, flag: string): number {
	let n = 0;
	for (const a of cmd.args) {
		if (a.value === '--') break;
		if (flag.startsWith('--')) n += a.value === flag || a.value.startsWith(flag + '=') ? 1 : 0;
		else if (/^-[A-Za-z]+$/.test(a.value)) n += a.value.split(flag[1]).length - 1;
	}
	return n;
}

function matchesFlag(value: string, flags: string[]): boolean {
	if (!value.startsWith('-') || value === '-' || value === '--') return false;
	if (value.startsWith('--')) {
		const name = value.includes('=') ? value.slice(0, value.indexOf('=')) : value;
		return flags.includes(name);
	}
	if (flags.includes(value)) return true;
	return /^-[A-Za-z]+$/.test(value) && flags.some(f => f.length === 2 && f[0] === '-' && value.includes(f[1]));
}

/** Arguments that are not options nor option values. `valued` lists options that take a separate value. */
export function operands(cmd: Command, valued: ReadonlySet<string> = NONE): Word[] {
	const out: Word[] = [];
	let options = true;
	for (let i = 0; i < cmd.args.length; i++) {
		const word = cmd.args[i];
		const v = word.value;
		if (options && v === '--') {
			options = false;
		} else if (options && v.startsWith('-') && v.length > 1 && !word.dynamic) {
			if (valued.has(v)) i++;
			// `-tvalue`-style attached values need no skipping; `--opt=value` neither.
		} else {
			out.push(word);
		}
	}
	return out;
}

const NONE: ReadonlySet<string> = new Set();

/** The first operand, e.g. `install` in `apt-get -q install foo`. */
export function subcommand(cmd: Command, valued: ReadonlySet<string> = NONE): Word | undefined {
	return operands(cmd, valued)[0];
}

export function isCommand(cmd: Command, names: string | readonly string[], subcommands?: readonly string[], valued?: ReadonlySet<string>): boolean {
	if (typeof names === 'string' ? cmd.name !== names : !names.includes(cmd.name)) return false;
	if (!subcommands) return true;
	const sub = subcommand(cmd, valued);
	return !!sub && subcommands.includes(sub.value);
}

/** A package manager's install verbs and the options of it that take a value. */
export interface Manager {
	names: readonly string[];
	install: readonly string[];
	valued: ReadonlySet<string>;
}

export const APT: Manager = {
	names: ['apt-get', 'apt'],
	install: ['install'],
	valued: new Set(['-t', '--target-release', '--default-release', '-o', '--option', '-c', '--config-file', '-a', '--host-architecture']),
};
export const APK: Manager = {
	names: ['apk'],
	install: ['add'],
	valued: new Set(['-t', '--virtual', '--repository', '-X', '-p', '--root', '--arch', '--cache-dir', '--keys-dir', '--repositories-file']),
};
const RPM_VALUED = new Set(['--setopt', '--repo', '--repoid', '--enablerepo', '--disablerepo', '-c', '--config', '--installroot', '--releasever', '-x', '--exclude', '--repofrompath', '-d', '--debuglevel', '-e', '--errorlevel', '--forcearch', '--nogpgcheck']);
RPM_VALUED.delete('--nogpgcheck');
export const YUM: Manager = { names: ['yum'], install: ['install', 'groupinstall', 'localinstall'], valued: RPM_VALUED };
export const DNF: Manager = { names: ['dnf', 'microdnf', 'dnf5'], install: ['install', 'in'], valued: RPM_VALUED };
export const ZYPPER: Manager = {
	names: ['zypper'],
	install: ['install', 'in'],
	valued: new Set(['-t', '--type', '-r', '--repo', '--from', '-p', '--plus-repo', '--root', '-R', '--reposd-path', '-D', '--cache-dir']),
};
export const PIP_VALUED: ReadonlySet<string> = new Set(['--abi', '-b', '--build', '-e', '--editable', '--extra-index-url', '-f', '--find-links', '-i', '--index-url',
	'--implementation', '--no-binary', '--only-binary', '--platform', '--prefix', '--progress-bar', '--proxy', '--python', '--python-version', '--root',
	'--root-user-action', '--src', '-t', '--target', '--trusted-host', '--upgrade-strategy', '-c', '--constraint', '-r', '--requirement', '--cache-dir', '--log']);

/** The packages an install command names (after the install verb), or [] when it is not one. */
export function packagesOf(cmd: Command, manager: Manager): Word[] {
	if (!manager.names.includes(cmd.name)) return [];
	const ops = operands(cmd, manager.valued);
	if (!ops.length || !manager.install.includes(ops[0].value)) return [];
	return ops.slice(1);
}

export function isInstall(cmd: Command, manager: Manager): boolean {
	return isCommand(cmd, manager.names, manager.install, manager.valued);
}

/** `pip install`, `pip3 install`, `python -m pip install` (hadolint's isPipInstall). */
export function pipInstallArgs(cmd: Command): Word[] | undefined {
	let args = cmd.args;
	if (/^python[0-9.]*$/.test(cmd.name)) {
		const m = args.findIndex(a => a.value === '-m');
		if (m < 0 || args[m + 1]?.value !== 'pip') return undefined;
		args = args.slice(m + 2);
	} else if (!/^pip[0-9.]*$/.test(cmd.name)) {
		return undefined;
	}
	const pseudo: Command = { ...cmd, args };
	const sub = subcommand(pseudo, PIP_VALUED);
	return sub?.value === 'install' ? args : undefined;
}

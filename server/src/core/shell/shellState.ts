// Commands whose effect outlives them in the shell that runs them: what a later command in the
// same shell sees changes (directory, variables, options, limits, traps, aliases, file
// descriptors, or whether it runs at all). Two RUNs are two shells; merging them into one
// (DL3059's fix) is only safe when the first runs none of these. One list, documented in
// docs/rules/DL3059.md.
import type { Command } from './commands';

/** Builtins (bash, dash, POSIX sh) that change the state of the shell running them. */
export const SHELL_STATE_BUILTINS: ReadonlySet<string> = new Set([
	// working directory
	'cd', 'pushd', 'popd',
	// variables and functions
	'export', 'unset', 'declare', 'typeset', 'readonly', 'local', 'let', 'read', 'readarray', 'mapfile', 'getopts',
	// options, limits, masks, traps, aliases, hashed paths
	'set', 'shopt', 'ulimit', 'umask', 'trap', 'alias', 'unalias', 'hash', 'enable',
	// code run in this shell, or the shell replaced or left
	'source', '.', 'eval', 'builtin', 'exec', 'exit', 'return', 'logout',
]);

/**
 * True when `cmd` may change the shell for the commands after it. `text` is the script the offsets
 * point into: wrappers such as `exec` and `command` are stripped from `cmd.words`, so the command's
 * own first word is read from the source.
 */
export function changesShellState(cmd: Command, text: string): boolean {
	if (SHELL_STATE_BUILTINS.has(cmd.name)) return true;
	// A bare assignment (`A=1`) sets a shell variable.
	if (!cmd.words.length && cmd.assignments.length) return true;
	// `printf -v NAME` assigns a variable.
	if (cmd.name === 'printf' && cmd.args.some(a => a.value === '-v')) return true;
	const first = /^[^\s=]+(?=\s|$)/.exec(text.slice(cmd.start, cmd.end).replace(/^(?:\s*[A-Za-z_][A-Za-z0-9_]*=\S*)*\s*/, ''))?.[0] ?? '';
	return SHELL_STATE_BUILTINS.has(first);
}

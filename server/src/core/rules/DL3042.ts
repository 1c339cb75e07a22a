import { pipInstallArgs, PIP_VALUED, subcommand } from '../shell/args';
import type { Section } from '../parse';
import type { Command } from '../shell/commands';
import { hasCacheMount, type RunScript } from '../shell/run';
import { commandRange, fix, insertAfter, scriptsRunning } from './helpers';
import { defineRule } from './rule';

// hadolint's truthy values for PIP_NO_CACHE_DIR.
const TRUTHY = new Set(['1', 'true', 'True', 'TRUE', 'on', 'On', 'ON', 'yes', 'Yes', 'YES']);

const setsNoCacheEnv = (c: Command) => [...c.assignments, ...(c.name === 'export' ? c.args : [])]
	.some(w => w.value.startsWith('PIP_NO_CACHE_DIR=') && TRUTHY.has(w.value.slice('PIP_NO_CACHE_DIR='.length)));

/** `pip config set global.no-cache-dir …` writes pip.conf: later installs keep no cache. */
function setsNoCacheConfig(c: Command): boolean {
	let args = c.args;
	if (/^python[0-9.]*$/.test(c.name)) {
		if (args[0]?.value !== '-m' || args[1]?.value !== 'pip') return false;
		args = args.slice(2);
	} else if (!/^pip[0-9.]*$/.test(c.name)) {
		return false;
	}
	return args.some((a, i) => a.value === 'config' && args[i + 1]?.value === 'set' && /no[-_]cache[-_]dir$/.test(args[i + 2]?.value ?? ''));
}

const isWrapper = (c: Command) => /pipx|pipenv/.test(c.name) || c.args.some(a => a.value === 'pipx' || a.value === 'pipenv');

function cacheOff(script: RunScript, configSetAt: Map<Section, number>): boolean {
	return TRUTHY.has(script.lookup('PIP_NO_CACHE_DIR') ?? '') || hasCacheMount(script, '.cache/pip')
		|| (configSetAt.get(script.stage) ?? Infinity) <= script.start
		|| script.commands.some(setsNoCacheEnv);
}

/** Per stage, where the first `pip config set global.no-cache-dir` runs. */
function noCacheConfigs(scripts: RunScript[]): Map<Section, number> {
	const at = new Map<Section, number>();
	for (const s of scripts) if (!at.has(s.stage) && s.commands.some(setsNoCacheConfig)) at.set(s.stage, s.start);
	return at;
}

export default defineRule({
	code: 'DL3042',
	name: 'pip-no-cache-dir',
	severity: 'warning',
	title: 'Avoid use of cache directory with pip. Use `pip install --no-cache-dir <package>`',
	rationale: 'pip keeps every downloaded wheel in ~/.cache/pip; in an image that cache is dead weight, often as large as the installed packages themselves.',
	*check(ctx) {
		const scripts = scriptsRunning(ctx, ['pip', 'python']);
		const configSetAt = noCacheConfigs(scripts);
		for (const script of scripts) {
			let off: boolean | undefined;
			for (const cmd of script.commands) {
				const args = pipInstallArgs(cmd);
				if (!args || isWrapper(cmd) || args.some(a => a.value === '--no-cache-dir' || a.dynamic)) continue;
				if ((off ??= cacheOff(script, configSetAt))) break;
				yield {
					range: commandRange(ctx, cmd),
					message: 'Avoid use of cache directory with pip. Use `pip install --no-cache-dir <package>`.',
					fixes: fix('Add `--no-cache-dir`', insertAfter(ctx, subcommand({ ...cmd, args }, PIP_VALUED), ' --no-cache-dir')),
				};
			}
		}
	},
});


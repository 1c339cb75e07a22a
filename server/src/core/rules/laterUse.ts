// Fixes checked against the rest of the build, not only the instruction they edit (issue 18): a
// clean-up is not offered when something after it still needs what it removes — a later RUN of the
// same stage (or of a stage built FROM it), or a later stage's `COPY --from` of that path.
import type { Copy, Instruction } from 'dockerfile-ast';
import type { Section } from '../parse';
import { APT, isCommand } from '../shell/args';
import type { Command } from '../shell/commands';
import { runScript, type RunScript } from '../shell/run';
import type { RuleContext } from './rule';

/** Apt subcommands that read the package lists `apt-get update` downloads. */
const NEEDS_LISTS = ['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep', 'source', 'download', 'satisfy'];

export interface LaterUse {
	instruction: Instruction;
	/** 1-based, for messages. */
	line: number;
	why: string;
}

/** Instructions that run after `script`: the rest of its stage, then every stage built FROM it, in order. */
function* instructionsAfter(ctx: RuleContext, script: RunScript): Generator<{ stage: Section; instruction: Instruction }> {
	const own = script.stage.instructions;
	for (const instruction of own.slice(own.indexOf(script.instruction) + 1)) yield { stage: script.stage, instruction };
	const heirs = new Set<Section>([script.stage]);
	for (const stage of ctx.stages.slice(script.stage.index + 1)) {
		const base = stage.from.getImage()?.toLowerCase();
		if (!base || ![...heirs].some(h => h.name === base || String(h.index) === base)) continue;
		heirs.add(stage);
		for (const instruction of stage.instructions) yield { stage, instruction };
	}
}

/** True when the apt command reads the lists; `update` in the same RUN first makes its own. */
const readsLists = (c: Command) => isCommand(c, APT.names, NEEDS_LISTS, APT.valued);
const updates = (c: Command) => isCommand(c, [...APT.names, 'aptitude'], ['update']);

/** What a clean-up removes, and which later commands would still read it. */
export interface Removal {
	/** Folders the clean-up empties, for later `COPY --from` readers. */
	paths: readonly string[];
	/** The command of a later RUN that needs what is removed (before anything in that RUN re-creates it). */
	needs(c: Command): boolean;
	/** A command of a later RUN that brings its own copy back first. */
	restores?(c: Command): boolean;
	/** A cache mount target under which the later RUN has its own copy. */
	mount?: string;
	/** How the message names the later command (default: its first words). */
	explain?(c: Command): string;
}

/**
 * The first later instruction that needs what `removal` takes away: a RUN of this stage (or of a
 * stage built FROM it) whose first relevant command needs it, or a `COPY --from` of this stage
 * reading one of its paths.
 */
export function laterUse(ctx: RuleContext, script: RunScript, removal: Removal): LaterUse | undefined {
	for (const { stage, instruction } of instructionsAfter(ctx, script)) {
		if (instruction.getKeyword() !== 'RUN') continue;
		const later = runScript(ctx, stage, instruction);
		const first = later.commands.findIndex(c => removal.needs(c) || !!removal.restores?.(c));
		if (first < 0 || removal.restores?.(later.commands[first])) continue;
		if (removal.mount && later.mounts.some(m => m.type === 'cache' && m.target && removal.mount!.startsWith(m.target.replace(/\/+$/, '')))) continue;
		const line = instruction.getRange().start.line + 1;
		const cmd = later.commands[first];
		const what = removal.explain?.(cmd) ?? `\`${[cmd.name, ...cmd.args.slice(0, 3).map(a => a.value)].join(' ')}\``;
		return { instruction, line, why: `the RUN on line ${line} runs ${what}` };
	}
	return copiedLater(ctx, script.stage, removal.paths);
}

/** A later stage's `COPY --from=<this stage>` whose source lies in (or holds) a removed folder. */
function copiedLater(ctx: RuleContext, stage: Section, paths: readonly string[]): LaterUse | undefined {
	const names = new Set([String(stage.index), ...(stage.name ? [stage.name] : [])]);
	for (const other of ctx.stages.slice(stage.index + 1)) {
		for (const instruction of other.instructions) {
			if (instruction.getKeyword() !== 'COPY') continue;
			const from = (instruction as Copy).getFromFlag?.()?.getValue()?.toLowerCase();
			if (!from || !names.has(from)) continue;
			const json = (instruction as Copy).getJSONStrings();
			const args = json.length ? json.map(j => j.getJSONValue()) : instruction.getArguments().map(a => a.getValue());
			const sources = args.filter(v => !v.startsWith('--')).slice(0, -1);
			const hit = sources.find(src => paths.some(p => src === p || src.startsWith(p.replace(/\/+$/, '') + '/') || p.startsWith(src.replace(/\/+$/, '') + '/')));
			if (!hit) continue;
			const line = instruction.getRange().start.line + 1;
			return { instruction, line, why: `the COPY on line ${line} copies \`${hit}\` from this stage` };
		}
	}
	return undefined;
}

/** The first later RUN that installs with apt without its own `apt-get update` (it would fail with no lists). */
export function laterAptListsUse(ctx: RuleContext, script: RunScript): LaterUse | undefined {
	return laterUse(ctx, script, {
		paths: ['/var/lib/apt/lists'], needs: readsLists, restores: updates, mount: '/var/lib/apt/lists',
		explain: c => `\`${c.name} ${c.args.find(a => NEEDS_LISTS.includes(a.value))?.value ?? 'install'}\` without its own \`apt-get update\``,
	});
}

/** `yarn install --offline` (or `yarn --offline`) installs from the cache `yarn cache clean` empties. */
export const YARN_CACHE: Removal = {
	paths: ['/usr/local/share/.cache/yarn', '/root/.cache/yarn'],
	needs: c => c.name === 'yarn' && c.args.some(a => a.value === '--offline'),
	mount: '/usr/local/share/.cache/yarn',
};

/** `yum/dnf … -C` (`--cacheonly`) and `zypper --no-refresh` install from the metadata a clean-all removes. */
export function packageCache(names: readonly string[], folder: string): Removal {
	return {
		paths: [folder],
		needs: c => names.includes(c.name) && c.args.some(a => a.value === '-C' || a.value === '--cacheonly' || a.value === '--no-refresh'),
		mount: folder,
	};
}

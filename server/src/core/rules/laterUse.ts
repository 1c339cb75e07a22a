// Fixes checked against the rest of the build, not only the instruction they edit (issue 18): a
// clean-up is not offered when something after it still needs what it removes — a later RUN of the
// same stage (or of a stage built FROM it), or a later stage's `COPY --from` of that path.
import type { Instruction } from 'dockerfile-ast';
import type { Stage } from '../parse';
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
function* instructionsAfter(ctx: RuleContext, script: RunScript): Generator<{ stage: Stage; instruction: Instruction }> {
	const own = script.stage.instructions;
	for (const instruction of own.slice(own.indexOf(script.instruction) + 1)) yield { stage: script.stage, instruction };
	const heirs = new Set<Stage>([script.stage]);
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

/** The first later RUN that installs with apt without its own `apt-get update` (it would fail with no lists). */
export function laterAptListsUse(ctx: RuleContext, script: RunScript): LaterUse | undefined {
	for (const { stage, instruction } of instructionsAfter(ctx, script)) {
		if (instruction.getKeyword() !== 'RUN') continue;
		const later = runScript(ctx, stage, instruction);
		const first = later.commands.findIndex(c => readsLists(c) || updates(c));
		if (first < 0 || updates(later.commands[first])) continue;
		// A cache mount on the lists brings its own copy; removing the layer's copy cannot break it.
		if (later.mounts.some(m => m.type === 'cache' && m.target && '/var/lib/apt/lists'.startsWith(m.target.replace(/\/+$/, '')))) continue;
		const line = instruction.getRange().start.line + 1;
		return { instruction, line, why: `the RUN on line ${line} runs \`${later.commands[first].name} ${later.commands[first].args.find(a => NEEDS_LISTS.includes(a.value))?.value ?? 'install'}\` without its own \`apt-get update\`` };
	}
	return undefined;
}

import type { Instruction, JSONInstruction } from 'dockerfile-ast';
import type { Stage } from '../parse';
import { createdPaths, PathIndex, removedPaths, removes, resolvePath } from '../shell/paths';
import { runScript } from '../shell/run';
import { commandRange, shipsLayers } from './helpers';
import { defineRule, type RuleContext, type RuleFinding } from './rule';

interface Added {
	path: string;
	/** Index of the instruction (layer) that added it. */
	layer: number;
	line: number;
	by: string;
	/** A folder made empty (`mkdir`) or filled by tools we do not model (`git clone`, `unzip -d`): its later contents may be from any RUN. */
	folder?: boolean;
	/** False for `mkdir`: the folder was empty when its layer was written. */
	filled?: boolean;
}

/** Commands whose created path is a folder that later commands fill. */
const FOLDER_MAKERS = new Set(['mkdir', 'git', 'unzip']);

/** Where COPY/ADD put files (the destination, against WORKDIR). */
function copyDestination(instruction: Instruction, cwd: string | undefined): string | undefined {
	const json = (instruction as JSONInstruction).getJSONStrings();
	// getJSONValue: the string without its quotes, so the path in messages is the path.
	const args = json.length ? json.map(j => j.getJSONValue()) : instruction.getArguments().map(a => a.getValue());
	if (args.length < 2 || args.some(a => a.startsWith('<<'))) return undefined;
	return resolvePath(cwd, args[args.length - 1]);
}

function* stageFindings(ctx: RuleContext, stage: Stage): Generator<RuleFinding> {
	const added = new PathIndex<Added>();
	let cwd: string | undefined = '/';
	for (const [layer, instruction] of stage.instructions.entries()) {
		const keyword = instruction.getKeyword();
		const line = instruction.getRange().start.line;
		if (keyword === 'WORKDIR') cwd = resolvePath(cwd, instruction.getArgumentsContent() ?? '');
		if (keyword === 'COPY' || keyword === 'ADD') {
			const path = copyDestination(instruction, cwd);
			if (path) added.add({ path, layer, line, by: keyword });
		}
		if (keyword !== 'RUN') continue;
		const script = runScript(ctx, stage, instruction);
		const mounted = (p: string) => script.mounts.some(m => m.target && removes(m.target, p));
		let changedDir = false;
		for (const [index, cmd] of script.commands.entries()) {
			if (cmd.name === 'cd' || cmd.name === 'pushd') changedDir = true;
			const base = changedDir ? undefined : cwd;
			for (const word of removedPaths(cmd)) {
				const path = resolvePath(base, word.value);
				if (!path || path === '/') continue;
				const deleted = added.removedBy(path);
				added.forget(path);
				if (deleted.some(a => a.layer === layer)) continue;
				// Under a copied or RUN-made folder, an earlier command of this RUN may have made the files;
				// an empty folder made earlier (mkdir) holds no bytes worth blaming. The latest adder is
				// blamed: `COPY requirements.txt .` then `COPY . .` — the second shipped `tests/`.
				const earlier = [...deleted].sort((a, b) => b.layer - a.layer).find(a => a.layer < layer
					&& !(index > 0 && (a.by !== 'RUN' || a.folder) && path.startsWith(a.path + '/'))
					&& !(a.folder && a.by === 'RUN' && !a.filled));
				if (!earlier) continue;
				const where = earlier.by === 'RUN' ? 'the RUN' : earlier.by;
				const advice = earlier.by === 'RUN' ? 'remove it in the RUN that creates it' : 'leave it out with .dockerignore or a narrower COPY';
				yield {
					range: commandRange(ctx, cmd),
					message: `\`${word.value}\` was added by ${where} on line ${earlier.line + 1}; removing it in a later layer saves no bytes, the files still ship in that layer. ${advice[0].toUpperCase()}${advice.slice(1)}.`,
				};
				break;
			}
			for (const p of createdPaths(cmd)) {
				const path = resolvePath(base, p);
				if (!path || mounted(path)) continue;
				const folder = FOLDER_MAKERS.has(cmd.name);
				added.add({ path, layer, line, by: 'RUN', folder, filled: cmd.name !== 'mkdir' });
			}
		}
	}
}

export default defineRule({
	code: 'PL201',
	name: 'remove-in-same-layer',
	severity: 'warning',
	title: 'File removed in a later layer than the one that added it (no bytes saved)',
	rationale: 'Layers only add: deleting a file in a later RUN hides it but the bytes stay in the layer that added it and are still pulled. Remove temporary files in the same RUN that creates them, and keep unwanted files out of COPY with .dockerignore.',
	*check(ctx) {
		for (const stage of ctx.stages) if (shipsLayers(ctx, stage)) yield* stageFindings(ctx, stage);
	},
});

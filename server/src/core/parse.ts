// text -> parsed Dockerfile plus the stage model every rule needs.
import { DockerfileParser, type Dockerfile, type From, type Instruction } from 'dockerfile-ast';
import { installAstCache, releaseArguments } from './astCache';
import { maskLoneCr } from './loneCr';

installAstCache();

/** Instructions judged together: a build stage, or the preamble of a fragment (no FROM yet). */
export interface Section {
	/** -1 for the preamble. */
	index: number;
	/** `AS name`, lower-cased as Docker treats stage names; undefined when unnamed. */
	name?: string;
	from?: From;
	/** Instructions of this stage after its FROM, in order. */
	instructions: Instruction[];
	/** True when this stage is the final image or is copied into / built upon by a stage that is. */
	inFinalImage: boolean;
}

export interface Stage extends Section {
	from: From;
}

export interface ParsedDockerfile {
	text: string;
	lines: string[];
	dockerfile: Dockerfile;
	stages: Stage[];
	/**
	 * Instructions before the first FROM other than ARG: a fragment, a template or a mistake (PL002).
	 * docker build rejects them, but hadolint still lints them, and so do the instruction rules here.
	 */
	preamble?: Section;
}

/** The preamble (if any) and the stages: what rules about instructions walk. */
export function sectionsOf(parsed: ParsedDockerfile): Section[] {
	return parsed.preamble ? [parsed.preamble, ...parsed.stages] : parsed.stages;
}

/**
 * `text` of the result is what was parsed: a lone \r masked (see loneCr.ts), same length and offsets,
 * lines and positions as BuildKit counts them.
 */
export function parseDockerfile(original: string): ParsedDockerfile {
	const text = maskLoneCr(original);
	const dockerfile = DockerfileParser.parse(text);
	releaseArguments();
	const preamble = preambleOf(dockerfile);
	return { text, lines: text.split(/\r\n|\r|\n/), dockerfile, stages: buildStages(dockerfile), ...(preamble ? { preamble } : {}) };
}

function preambleOf(dockerfile: Dockerfile): Section | undefined {
	const instructions: Instruction[] = [];
	for (const instruction of dockerfile.getInstructions()) {
		const keyword = instruction.getKeyword();
		if (keyword === 'FROM') break;
		if (keyword !== 'ARG') instructions.push(instruction);
	}
	// Nothing follows it into an image, so it counts as the final one (no stage hides its layers).
	return instructions.length ? { index: -1, instructions, inFinalImage: true } : undefined;
}

function buildStages(dockerfile: Dockerfile): Stage[] {
	const stages: Stage[] = [];
	let current: Stage | undefined;
	for (const instruction of dockerfile.getInstructions()) {
		if (instruction.getKeyword() === 'FROM') {
			const from = instruction as From;
			current = {
				index: stages.length,
				name: from.getBuildStage()?.toLowerCase() ?? undefined,
				from,
				instructions: [],
				inFinalImage: false,
			};
			stages.push(current);
		} else if (current) {
			current.instructions.push(instruction);
		}
	}
	markFinalImage(stages);
	return stages;
}

/** Walks back from the last stage through `FROM <stage>` and `COPY --from=<stage>` edges. */
function markFinalImage(stages: Stage[]): void {
	const byRef = new Map<string, Stage>();
	for (const stage of stages) {
		byRef.set(String(stage.index), stage);
		if (stage.name) byRef.set(stage.name, stage);
	}
	const pending = stages.length ? [stages[stages.length - 1]] : [];
	while (pending.length) {
		const stage = pending.pop()!;
		if (stage.inFinalImage) continue;
		stage.inFinalImage = true;
		const base = stage.from.getImageName()?.toLowerCase();
		const parent = base ? byRef.get(base) : undefined;
		if (parent && parent.index < stage.index) pending.push(parent);
		for (const instruction of stage.instructions) {
			if (instruction.getKeyword() !== 'COPY') continue;
			for (const flag of (instruction as unknown as { getFlags(): { getName(): string; getValue(): string | null }[] }).getFlags()) {
				const source = flag.getName() === 'from' ? byRef.get((flag.getValue() ?? '').toLowerCase()) : undefined;
				if (source) pending.push(source);
			}
		}
	}
}

/** Stage names and indices that a `FROM x` may refer to before `beforeIndex`. */
export function isStageReference(stages: Stage[], name: string, beforeIndex: number): boolean {
	const lower = name.toLowerCase();
	return stages.some(s => s.index < beforeIndex && (s.name === lower));
}

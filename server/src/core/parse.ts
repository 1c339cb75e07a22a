// text -> parsed Dockerfile plus the stage model every rule needs.
import { DockerfileParser, type Dockerfile, type From, type Instruction } from 'dockerfile-ast';

export interface Stage {
	index: number;
	/** `AS name`, lower-cased as Docker treats stage names; undefined when unnamed. */
	name?: string;
	from: From;
	/** Instructions of this stage after its FROM, in order. */
	instructions: Instruction[];
	/** True when this stage is the final image or is copied into / built upon by a stage that is. */
	inFinalImage: boolean;
}

export interface ParsedDockerfile {
	text: string;
	lines: string[];
	dockerfile: Dockerfile;
	stages: Stage[];
}

export function parseDockerfile(text: string): ParsedDockerfile {
	const dockerfile = DockerfileParser.parse(text);
	for (const instruction of dockerfile.getInstructions()) memoize(instruction);
	return { text, lines: text.split(/\r?\n/), dockerfile, stages: buildStages(dockerfile) };
}

/**
 * dockerfile-ast recomputes these from the text on every call (getArguments re-scans the
 * instruction, getFlags and getArgumentsContent call it again), and thirty rules ask for them:
 * that was most of the analysis time on large files. The parse is never modified afterwards, so
 * the first answer is kept. Arrays are handed out as copies, because callers may shift or splice.
 */
const MEMOIZED = [
	'getKeyword', 'getInstruction', 'getRange', 'getInstructionRange', 'getTextContent', 'getArguments', 'getRawArguments',
	'getArgumentsContent', 'getRawArgumentsContent', 'getArgumentsRange', 'getArgumentsRanges', 'getVariables', 'getFlags',
	'getExpandedArguments', 'getProperties', 'getImage', 'getImageName', 'getImageTag', 'getImageDigest', 'getImageRange',
	'getBuildStage', 'getHeredocs', 'getJSONStrings', 'getClosingBracket', 'getOpeningBracket',
];

const CACHE = Symbol('patchlens.memo');

/** One shared wrapper per method name: patching an instance allocates no closures. */
const WRAPPERS = new Map(MEMOIZED.map(name => [name, function (this: Record<string | symbol, unknown>) {
	let cache = this[CACHE] as Map<string, unknown> | undefined;
	if (!cache) this[CACHE] = cache = new Map();
	let value = cache.get(name);
	if (value === undefined && !cache.has(name)) {
		// The class's own method: the wrapper is an own property, the original lives on the prototype.
		value = (Object.getPrototypeOf(this)[name] as () => unknown).call(this);
		cache.set(name, value);
	}
	// Ranges too: dockerfile-ast's own getImageNameRange() moves the start/end of the range
	// getImageRange() hands it, which corrupted the cached image range for every later caller.
	return Array.isArray(value) ? value.slice() : isRange(value) ? copyRange(value) : value;
}]));

function memoize(instruction: Instruction): void {
	const target = instruction as unknown as Record<string, unknown>;
	for (const [name, wrapper] of WRAPPERS) {
		const original = target[name];
		if (typeof original === 'function' && original.length === 0) target[name] = wrapper;
	}
}

type PlainRange = { start: { line: number; character: number }; end: { line: number; character: number } };

function isRange(value: unknown): value is PlainRange {
	const r = value as PlainRange | null;
	return !!r && typeof r === 'object' && typeof r.start?.line === 'number' && typeof r.end?.character === 'number';
}

function copyRange(r: PlainRange): PlainRange {
	return { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } };
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

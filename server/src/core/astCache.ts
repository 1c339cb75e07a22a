// dockerfile-ast computes most getters from the text on every call: getRawArguments() re-scans the
// instruction and converts every offset to a line/character position, getFlags(),
// getArgumentsContent(), getProperties() and getVariables() call it again, and its own parse calls
// it five to eight times per RUN/COPY/CMD (JSONInstruction's constructor, getFlags, heredocs).
// Thirty rules then ask for the same values. A parsed instruction never changes, so the answers of
// the expensive getters are kept, per instance, on the classes themselves (so the parse benefits
// too), and the argument split is also reused across parses (see cachedArguments).
// Answers are handed out as copies where callers may change them: arrays (callers shift and
// splice) and ranges (dockerfile-ast's getImageNameRange() moves the start/end of the range it gets).
// test/core/astCache.test.ts holds every answer against an unpatched dockerfile-ast.
import * as ast from 'dockerfile-ast';
import { detach, splitRawArguments, type SplitSource, type Tokens } from './argumentSplit';
import { GenerationalCache } from './generationalCache';
import { analysisReuse } from './reuse';

/**
 * Getters that re-scan the text; the cheap ones (getKeyword, getRange, getTextContent, …) are left
 * alone: a cache entry for every instruction would outlive the parse, and what survives a young
 * collection is what the garbage collector spends its time copying.
 */
const MEMOIZED = [
	'getArgumentsContent', 'getRawArgumentsContent', 'getArgumentsRange', 'getArgumentsRanges', 'getVariables', 'getFlags',
	'getExpandedArguments', 'getProperties', 'getImage', 'getImageName', 'getImageTag', 'getImageDigest',
	'getImageRange', 'getBuildStage', 'getHeredocs', 'getJSONStrings', 'getClosingBracket', 'getOpeningBracket',
] as const;

/** Marks dockerfile-ast's Instruction class once patched; the lint benchmark checks it is absent on its own copy. */
export const PATCHED = Symbol.for('patchlens.astCache');
const SLOTS = Symbol('patchlens.astCache.slots');
/** An instruction's argument splits: own properties, so instructions without memoized getters need no slots. */
const TOKENS = Symbol('patchlens.astCache.tokens');
const PROPERTY_TOKENS = Symbol('patchlens.astCache.propertyTokens');
const UNSET: unknown = Symbol('unset');

type PlainRange = { start: { line: number; character: number }; end: { line: number; character: number } };
const TOKEN_FIELDS = 5;
type Instance = Record<string | symbol, unknown> & { [SLOTS]?: unknown[] };
type Method = (this: Instance) => unknown;

/** Installs the caches on dockerfile-ast's classes; idempotent. */
export function installAstCache(): void {
	const instruction = ast.Instruction.prototype as unknown as Instance;
	if (instruction[PATCHED]) return;
	let slotCount = 0;
	// Instruction classes only, not Arguments or Flags: those are cheap and numerous. A subclass's
	// override and the base method it calls with super get separate slots.
	for (const value of Object.values(ast)) {
		if (typeof value !== 'function' || !value.prototype) continue;
		const proto = value.prototype as unknown as Record<string, unknown>;
		if (proto !== instruction && !Object.prototype.isPrototypeOf.call(instruction, proto)) continue;
		for (const name of MEMOIZED) {
			if (!Object.prototype.hasOwnProperty.call(proto, name)) continue;
			const original = proto[name];
			if (typeof original !== 'function' || original.length !== 0) continue;
			proto[name] = memoized(original as Method, slotCount++);
		}
	}
	instruction.getRawArguments = cachedArguments(splitRawArguments, TOKENS, rawSplits);
	// ENV, ARG and LABEL split their arguments with a tokenizer of their own (name=value pairs).
	const property = ast.PropertyInstruction.prototype as unknown as Instance;
	property.getPropertyArguments = cachedArguments(tokensOf(property.getPropertyArguments as Method), PROPERTY_TOKENS, propertySplits);
	slotTotal = slotCount;
	instruction[PATCHED] = true;
}

let slotTotal = 0;

function slotsOf(instance: Instance): unknown[] {
	// Sized once, on the first memoized call: growing an array by appends over-allocates.
	return (instance[SLOTS] ??= new Array<unknown>(slotTotal));
}

function memoized(original: Method, slot: number): Method {
	return function (this: Instance) {
		const slots = slotsOf(this);
		let value = slots[slot];
		if (value === undefined) {
			value = original.call(this);
			slots[slot] = value === undefined ? UNSET : value;
		} else if (value === UNSET) {
			value = undefined;
		}
		return Array.isArray(value) ? value.slice() : isRange(value) ? copyRange(value) : value;
	};
}

/**
 * The split is kept per instruction as one flat array. dockerfile-ast asks for an instruction's
 * Arguments five times in a row while parsing it (constructor, flags, heredocs), so the last
 * instruction's Arguments are shared (each caller gets its own array); kept for every instruction
 * they would live as long as the parse and all be copied by the garbage collector, and rules rarely
 * ask again.
 *
 * The split is also shared across parses. It depends only on the instruction's text, where it
 * starts (line and character: positions, not offsets) and the escape character, so after an edit
 * every instruction on an unchanged line is found again instead of re-scanned: a language server
 * re-parses the whole file on each keystroke.
 */
function cachedArguments(split: (instruction: SplitSource) => Tokens, own: symbol, splits: GenerationalCache<Tokens>): Method {
	// The instruction asked last, and its Arguments.
	let lastInstance: Instance | undefined;
	let lastArgs: ast.Argument[] = [];
	releases.push(() => {
		lastInstance = undefined;
		lastArgs = [];
	});
	return function (this: Instance) {
		if (this === lastInstance) return lastArgs.slice();
		let tokens = this[own] as Tokens | undefined;
		if (!tokens && !analysisReuse()) {
			// Split again when asked again, rarely after the parse: kept, it would live as long as the parse.
			tokens = split(this as unknown as SplitSource);
		} else if (!tokens) {
			const key = splitKey(this);
			tokens = splits.get(key);
			if (!tokens) {
				tokens = split(this as unknown as SplitSource);
				splits.set(key, tokens);
			}
			this[own] = tokens;
		}
		const args: ast.Argument[] = [];
		for (let i = 0; i < tokens.length; i += TOKEN_FIELDS) {
			const start = { line: tokens[i + 1] as number, character: tokens[i + 2] as number };
			const end = { line: tokens[i + 3] as number, character: tokens[i + 4] as number };
			args.push(new ast.Argument(tokens[i] as string, { start, end }));
		}
		// eslint-disable-next-line @typescript-eslint/no-this-alias -- which instruction lastArgs belong to
		lastInstance = this;
		lastArgs = args;
		return args.slice();
	};
}

const releases: (() => void)[] = [];

/** Forgets the last instruction's shared Arguments: a finished parse must not be kept alive by them. */
export function releaseArguments(): void {
	for (const release of releases) release();
}

/** A library split method as a Tokens producer. */
function tokensOf(original: Method): (instruction: SplitSource) => Tokens {
	return instruction => {
		const tokens: Tokens = [];
		for (const argument of original.call(instruction as unknown as Instance) as ast.Argument[]) {
			const { start, end } = argument.getRange();
			tokens.push(detach(argument.getValue()), start.line, start.character, end.line, end.character);
		}
		return tokens;
	};
}

function splitKey(instruction: Instance): string {
	const { start } = (instruction as unknown as ast.Instruction).getRange();
	const escape = (instruction as unknown as { escapeChar: string }).escapeChar;
	return detach(`${escape}${start.line}:${start.character} ${(instruction as unknown as ast.Instruction).getTextContent()}`);
}

/** About two 20,000-line files' worth of instructions. */
const rawSplits = new GenerationalCache<Tokens>(25_000);
const propertySplits = new GenerationalCache<Tokens>(10_000);

/** Forgets splits kept across parses: the lint benchmark measures cold parses with it. */
export function clearAstCache(): void {
	rawSplits.clear();
	propertySplits.clear();
}

function isRange(value: unknown): value is PlainRange {
	const r = value as PlainRange | null;
	return !!r && typeof r === 'object' && typeof r.start?.line === 'number' && typeof r.end?.character === 'number';
}

function copyRange(r: PlainRange): PlainRange {
	return { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } };
}

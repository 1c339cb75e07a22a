// The ARG and ENV values a RUN instruction sees, so `apt-get install $PACKAGES` or
// `ENV PIP_NO_CACHE_DIR=1` are judged by their values. Unknown values stay unknown (undefined):
// rules then say nothing rather than guess.
import type { Arg, Env, Instruction } from 'dockerfile-ast';
import type { Section, Stage } from '../parse';
import type { RuleContext } from '../rules/rule';
import { contextMemo } from '../contextMemo';
import { expandBounded, type CappedVariable, type Expansion } from '../expansion';
import type { Lookup } from './commands';

interface Definition {
	line: number;
	value: string | undefined;
}

interface Scope {
	defs: Map<string, Definition[]>;
	/** ARG and ENV values of this stage that expanded past the cap (treated as unknown). */
	capped: CappedVariable[];
	/** ENV values at the end of the stage: what a `FROM <this stage>` child starts with. */
	env: Map<string, string | undefined>;
}

const scopes = contextMemo<Section, Scope>();

/** Variables visible to an instruction starting on `line` of `stage`. */
export function lookupAt(ctx: RuleContext, stage: Section, line: number): Lookup {
	const { defs } = stageScope(ctx, stage);
	return name => valueAt(defs, name, line);
}

/**
 * Whether an ARG or ENV of the stage (or of the stage it is built FROM) sets `name` before `line`.
 * An ENV of another stage does not carry over, and a global ARG is only visible once redeclared.
 */
export function definedAt(ctx: RuleContext, stage: Section, line: number): (name: string) => boolean {
	const { defs } = stageScope(ctx, stage);
	return name => (defs.get(name) ?? []).some(d => d.line < line);
}

function valueAt(defs: Map<string, Definition[]>, name: string, line: number): string | undefined {
	const list = defs.get(name);
	if (!list) return undefined;
	for (let k = list.length - 1; k >= 0; k--) if (list[k].line < line) return list[k].value;
	return undefined;
}

function stageScope(ctx: RuleContext, stage: Section): Scope {
	return scopes(ctx, stage, () => buildScope(ctx, stage));
}

function buildScope(ctx: RuleContext, stage: Section): Scope {
	const defs = new Map<string, Definition[]>();
	const env = new Map<string, string | undefined>();
	// ENV is inherited from a parent stage (`FROM builder`); ARGs are not.
	const parentName = stage.from?.getImageName()?.toLowerCase();
	const parent = parentName === undefined ? undefined : earlierStageNamed(ctx, parentName, stage.index);
	if (parent) {
		for (const [name, value] of stageScope(ctx, parent).env) {
			defs.set(name, [{ line: -1, value }]);
			env.set(name, value);
		}
	}
	const globals = globalArgDefaults(ctx);
	const capped: CappedVariable[] = [];
	const substitute = (value: string | undefined, name: string, line: number, lookup: Lookup) => {
		const expanded = substituteBounded(value, lookup);
		if (expanded.ok) return expanded.value;
		if (expanded.capped) capped.push({ name, line });
		return undefined;
	};
	const define = (name: string, line: number, value: string | undefined) => {
		const list = defs.get(name) ?? [];
		list.push({ line, value });
		defs.set(name, list);
	};
	for (const instruction of stage.instructions) {
		const keyword = instruction.getKeyword();
		const line = instruction.getRange().start.line;
		const before = (n: string) => valueAt(defs, n, line);
		if (keyword === 'ARG') {
			const property = (instruction as Arg).getProperty();
			if (!property) continue;
			const name = property.getName();
			const given = ctx.options.buildArgs[name];
			define(name, line, given ?? substitute(property.getValue() ?? undefined, name, line, before) ?? globals.get(name));
		} else if (keyword === 'ENV') {
			for (const property of (instruction as Env).getProperties()) {
				const value = substitute(property.getValue() ?? undefined, property.getName(), line, before);
				define(property.getName(), line, value);
				env.set(property.getName(), value);
			}
		}
	}
	return { defs, env, capped };
}

const stagesByName = new WeakMap<object, Map<string, Stage[]>>();

/** The first stage named `name` before `beforeIndex` (a Map per file: a scan per stage made many-stage files quadratic). */
function earlierStageNamed(ctx: RuleContext, name: string, beforeIndex: number): Stage | undefined {
	let byName = stagesByName.get(ctx.stages);
	if (!byName) {
		byName = new Map();
		for (const s of ctx.stages) if (s.name !== undefined) byName.set(s.name, [...(byName.get(s.name) ?? []), s]);
		stagesByName.set(ctx.stages, byName);
	}
	return byName.get(name)?.find(s => s.index < beforeIndex);
}

const globalDefaults = contextMemo<object, Map<string, string>>();

/** Global ARG defaults with --build-arg overrides; once per analysis. */
function globalArgDefaults(ctx: RuleContext): Map<string, string> {
	return globalDefaults(ctx, ctx.stages, () => computeGlobalArgDefaults(ctx));
}

function computeGlobalArgDefaults(ctx: RuleContext): Map<string, string> {
	const values = new Map<string, string>();
	for (const arg of ctx.dockerfile.getInitialARGs() as Instruction[] as Arg[]) {
		const property = arg.getProperty();
		const value = property?.getValue();
		if (property && value !== null && value !== undefined) values.set(property.getName(), value);
	}
	for (const [name, value] of Object.entries(ctx.options.buildArgs)) values.set(name, value);
	return values;
}

const REFERENCE = /\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))/g;

/** `$X` / `${X}` inside an ARG or ENV value; not ok when one of them is unknown or the result too long. */
function substituteBounded(value: string | undefined, lookup: Lookup): Expansion {
	if (value === undefined) return { ok: false, capped: false };
	if (!value.includes('$')) return { ok: true, value };
	return expandBounded(value, REFERENCE, ([, braced, plain]) => lookup((braced ?? plain)!));
}

/** Every ARG or ENV of the file's stages whose value expanded past the cap. */
export function cappedStageVariables(ctx: RuleContext): CappedVariable[] {
	return ctx.stages.flatMap(stage => stageScope(ctx, stage).capped);
}

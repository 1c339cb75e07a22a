// What a FROM line points at, after ARG substitution: a registry image, `scratch`, an earlier
// stage, or something we cannot resolve (and so must not judge).
import type { Range } from '../finding';
import type { Stage } from '../parse';
import type { RuleContext } from '../rules/rule';
import { parseImageReference, type ImageReference } from './reference';

export type FromImage =
	| ({ kind: 'image'; text: string; range: Range } & ImageReference)
	| { kind: 'scratch'; range: Range }
	| { kind: 'stage'; stage: string; range: Range }
	| { kind: 'unresolved'; text: string; range: Range; reason: string };

const cache = new WeakMap<Stage, FromImage>();

export function imageRefAt(ctx: RuleContext, stage: Stage): FromImage {
	let result = cache.get(stage);
	if (!result) {
		result = resolveFrom(ctx, stage);
		cache.set(stage, result);
	}
	return result;
}

function resolveFrom(ctx: RuleContext, stage: Stage): FromImage {
	const from = stage.from;
	const range = from.getImageRange() ?? from.getRange();
	const written = from.getImage();
	if (!written) return { kind: 'unresolved', text: '', range, reason: 'FROM names no image' };
	const text = substituteArgs(written, ctx);
	if (text === undefined) return { kind: 'unresolved', text: written, range, reason: 'uses an ARG without a value' };
	if (text.toLowerCase() === 'scratch') return { kind: 'scratch', range };
	if (!text.includes(':') && !text.includes('@') && !text.includes('/')
		&& ctx.stages.some(s => s.index < stage.index && s.name === text.toLowerCase())) {
		return { kind: 'stage', stage: text.toLowerCase(), range };
	}
	const parsed = parseImageReference(text);
	if (!parsed.ok) return { kind: 'unresolved', text, range, reason: parsed.error };
	return { kind: 'image', text, range, ...parsed.ref };
}

const VARIABLE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::?([-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * Expands `$VAR`, `${VAR}`, `${VAR:-default}` and `${VAR:+alt}` with build args and the global
 * ARG defaults declared before the first FROM (the only ones a FROM can see).
 * Returns undefined when a variable has no value, so callers report nothing rather than guess.
 */
export function substituteArgs(text: string, ctx: RuleContext): string | undefined {
	if (!text.includes('$')) return text;
	const values = globalArgValues(ctx);
	let unresolved = false;
	const out = text.replace(VARIABLE, (_m, braced: string | undefined, op: string | undefined, word: string | undefined, plain: string | undefined) => {
		const name = (braced ?? plain)!;
		const value = values.get(name);
		if (op === '-') return value ? value : word ?? '';
		if (op === '+') return value ? word ?? '' : '';
		if (value === undefined) {
			unresolved = true;
			return '';
		}
		return value;
	});
	return unresolved ? undefined : out;
}

function globalArgValues(ctx: RuleContext): Map<string, string> {
	const values = new Map<string, string>();
	for (const arg of ctx.dockerfile.getInitialARGs()) {
		for (const property of arg.getProperties()) {
			const value = property.getValue();
			if (value !== null) values.set(property.getName(), value);
		}
	}
	for (const [name, value] of Object.entries(ctx.options.buildArgs)) values.set(name, value);
	return values;
}

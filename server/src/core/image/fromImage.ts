// What a FROM line points at, after ARG substitution: a registry image, `scratch`, an earlier
// stage, or something we cannot resolve (and so must not judge).
import type { Range } from '../finding';
import type { Stage } from '../parse';
import type { RuleContext } from '../rules/rule';
import { parseImageReference, type ImageReference } from './reference';

export type FromImage =
	| ({ kind: 'image'; text: string; range: Range; platform?: string } & ImageReference)
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
	// `--platform=$BUILDPLATFORM` is common and resolves only at build time: keep it as written then.
	const flag = from.getPlatformFlag()?.getValue() ?? undefined;
	const platform = flag === undefined ? undefined : substituteArgs(flag, ctx) ?? flag;
	return { kind: 'image', text, range, ...parsed.ref, ...(platform ? { platform } : {}) };
}

const VARIABLE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-+])([^}$]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * Expands `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:+alt}` and `${VAR+alt}` with
 * build args and the global ARG defaults declared before the first FROM (the only ones a FROM can
 * see). Returns undefined when a variable has no value, or the text has a form we do not expand
 * (nested `${A:-${B}}`, `${A:?err}`), so callers report nothing rather than guess.
 */
export function substituteArgs(text: string, ctx: RuleContext): string | undefined {
	if (!text.includes('$')) return text;
	const values = globalArgValues(ctx);
	let unresolved = false;
	const out = text.replace(VARIABLE, (_m, braced: string | undefined, colon: string | undefined, op: string | undefined, word: string | undefined, plain: string | undefined) => {
		const name = (braced ?? plain)!;
		const value = values.get(name);
		// With a colon, empty counts as unset; without, only undeclared-or-valueless does.
		const isSet = colon ? !!value : value !== undefined;
		if (op === '-') return isSet ? value! : word ?? '';
		if (op === '+') return isSet ? word ?? '' : '';
		if (value === undefined) {
			unresolved = true;
			return '';
		}
		return value;
	});
	return unresolved || out.includes('$') || out.includes('}') ? undefined : out;
}

/**
 * Values visible to FROM: global ARGs in order (a later declaration wins, defaults may use earlier
 * ones), with `--build-arg` values for declared names only, as Docker does.
 */
function globalArgValues(ctx: RuleContext): Map<string, string> {
	const values = new Map<string, string>();
	const build = ctx.options.buildArgs;
	for (const arg of ctx.dockerfile.getInitialARGs()) {
		for (const property of arg.getProperties()) {
			const name = property.getName();
			if (Object.prototype.hasOwnProperty.call(build, name)) {
				values.set(name, build[name]);
				continue;
			}
			const raw = property.getValue();
			if (raw === null) {
				values.delete(name);
				continue;
			}
			const value = raw.includes('$') ? expandWith(raw, values) : raw;
			if (value === undefined) values.delete(name);
			else values.set(name, value);
		}
	}
	return values;
}

function expandWith(text: string, values: Map<string, string>): string | undefined {
	let unresolved = false;
	const out = text.replace(VARIABLE, (_m, braced: string | undefined, colon: string | undefined, op: string | undefined, word: string | undefined, plain: string | undefined) => {
		const value = values.get((braced ?? plain)!);
		const isSet = colon ? !!value : value !== undefined;
		if (op === '-') return isSet ? value! : word ?? '';
		if (op === '+') return isSet ? word ?? '' : '';
		if (value === undefined) unresolved = true;
		return value ?? '';
	});
	return unresolved || out.includes('$') ? undefined : out;
}

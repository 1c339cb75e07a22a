// What a FROM line points at, after ARG substitution: a registry image, `scratch`, an earlier
// stage, or something we cannot resolve (and so must not judge).
import type { Range } from '../finding';
import type { Stage } from '../parse';
import type { RuleContext } from '../rules/rule';
import { contextMemo } from '../contextMemo';
import { expandBounded, type CappedVariable, type Expansion } from '../expansion';
import { parseImageReference, type ImageReference } from './reference';

export type FromImage =
	| ({ kind: 'image'; text: string; range: Range; platform?: string } & ImageReference)
	| { kind: 'scratch'; range: Range }
	| { kind: 'stage'; stage: string; range: Range }
	| { kind: 'unresolved'; text: string; range: Range; reason: string };

const resolved = contextMemo<Stage, FromImage>();

export function imageRefAt(ctx: RuleContext, stage: Stage): FromImage {
	return resolved(ctx, stage, () => resolveFrom(ctx, stage));
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
 * see). Returns undefined when a variable has no value, the result would pass the expansion cap, or
 * the text has a form we do not expand (nested `${A:-${B}}`, `${A:?err}`), so callers report
 * nothing rather than guess.
 */
export function substituteArgs(text: string, ctx: RuleContext): string | undefined {
	if (!text.includes('$')) return text;
	const expanded = expandWith(text, globalArgs(ctx).values);
	return !expanded.ok || expanded.value.includes('$') || expanded.value.includes('}') ? undefined : expanded.value;
}

export interface GlobalArgs {
	/** Values visible to FROM lines. */
	values: ReadonlyMap<string, string>;
	/** Global ARGs whose default expanded past the cap (treated as without a value). */
	capped: CappedVariable[];
}

const globalsOf = contextMemo<object, GlobalArgs>();

/** The global ARGs, resolved once per analysis: every rule that looks at a FROM reads the same table. */
export function globalArgs(ctx: RuleContext): GlobalArgs {
	return globalsOf(ctx, ctx.stages, () => resolveGlobalArgs(ctx));
}

/**
 * Values visible to FROM: global ARGs in order (a later declaration wins, defaults may use earlier
 * ones), with `--build-arg` values for declared names only, as Docker does.
 */
function resolveGlobalArgs(ctx: RuleContext): GlobalArgs {
	const values = new Map<string, string>();
	const capped: CappedVariable[] = [];
	const build = ctx.options.buildArgs;
	for (const arg of ctx.dockerfile.getInitialARGs()) {
		for (const property of arg.getProperties()) {
			const name = property.getName();
			if (Object.prototype.hasOwnProperty.call(build, name)) {
				values.set(name, build[name]);
				continue;
			}
			const raw = property.getValue();
			const expanded = raw === null ? undefined : raw.includes('$') ? expandWith(raw, values) : { ok: true as const, value: raw };
			if (expanded?.ok === false && expanded.capped) capped.push({ name, line: arg.getRange().start.line });
			if (expanded?.ok && !expanded.value.includes('$')) values.set(name, expanded.value);
			else values.delete(name);
		}
	}
	return { values, capped };
}

function expandWith(text: string, values: ReadonlyMap<string, string>): Expansion {
	return expandBounded(text, VARIABLE, ([, braced, colon, op, word, plain]) => {
		const value = values.get((braced ?? plain)!);
		// With a colon, empty counts as unset; without, only undeclared-or-valueless does.
		const isSet = colon ? !!value : value !== undefined;
		if (op === '-') return isSet ? value! : word ?? '';
		if (op === '+') return isSet ? word ?? '' : '';
		return value;
	});
}

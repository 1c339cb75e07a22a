// Text edits that point a FROM at another tag (and/or digest), keeping everything else as
// written: `--platform`, `AS name`, the registry spelling and the repository path. When the
// reference comes from a global ARG (`FROM node:${NODE_VERSION}-alpine`), the ARG's default is
// edited instead (with the FROM's literal suffix when the variant moves too: retagEdits); when that cannot be
// done exactly, no edit is offered.
import { Arg } from 'dockerfile-ast';
import type { Range, TextEdit } from '../finding';
import type { Stage } from '../parse';
import type { RuleContext } from '../rules/rule';
import { isDigest, isTag } from './grammar';

export interface NewReference {
	tag: string;
	/** `sha256:...`; omitted drops any digest written (it belonged to the old tag). */
	digest?: string;
}

export function retagEdit(ctx: RuleContext, stage: Stage, next: NewReference): TextEdit | undefined {
	// Whatever the source (registry, cache, dataset), only a well-formed reference is ever written.
	if (!isTag(next.tag) || (next.digest !== undefined && !isDigest(next.digest))) return undefined;
	const range = stage.from.getImageRange();
	const written = stage.from.getImage();
	if (!range || !written || range.start.line !== range.end.line) return undefined;
	const tail = `:${next.tag}${next.digest ? `@${next.digest}` : ''}`;
	if (!written.includes('$')) {
		const base = baseOf(written);
		if (range.end.character - range.start.character !== written.length) return undefined;
		return {
			range: { start: { line: range.start.line, character: range.start.character + base.length }, end: range.end },
			newText: tail,
		};
	}
	return argEdit(ctx, stage, written, tail);
}

/** The reference without tag and digest: `ghcr.io:443/org/app` from `ghcr.io:443/org/app:1@sha256:...`. */
function baseOf(reference: string): string {
	const at = reference.indexOf('@');
	const noDigest = at >= 0 ? reference.slice(0, at) : reference;
	const colon = noDigest.lastIndexOf(':');
	return colon > noDigest.lastIndexOf('/') ? noDigest.slice(0, colon) : noDigest;
}

const ONE_VARIABLE = /^([^$]*)\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))([^$]*)$/;

interface ArgDefault {
	before: string;
	after: string;
	value: string;
	valueRange: Range;
	quote: string;
}

/** The one global ARG the reference is built from, when its default may be edited (and only this FROM reads it). */
function argDefault(ctx: RuleContext, stage: Stage, written: string): ArgDefault | undefined {
	const m = ONE_VARIABLE.exec(written);
	if (!m) return undefined;
	const [, before, braced, plain, after] = m;
	const name = braced ?? plain;
	// A build arg overrides the default: editing the default would not change what was analysed.
	if (Object.prototype.hasOwnProperty.call(ctx.options.buildArgs, name)) return undefined;
	// Another FROM, ARG default or stage using it would change too (issue 17): only this FROM's own ARG is edited.
	if (usedElsewhere(ctx, stage, name)) return undefined;
	const property = ctx.dockerfile.getInitialARGs().flatMap(arg => arg.getProperties()).filter(p => p.getName() === name).pop();
	const value = property?.getValue();
	const valueRange = property?.getValueRange();
	if (!property || value === null || value === undefined || !valueRange || value.includes('$') || valueRange.start.line !== valueRange.end.line) return undefined;
	// Quoted defaults (`ARG V="1.2"`): the value range covers the quotes; keep them.
	const rawText = ctx.lines[valueRange.start.line]?.slice(valueRange.start.character, valueRange.end.character) ?? '';
	return { before, after, value, valueRange, quote: /^(["']).*\1$/.test(rawText) ? rawText[0] : '' };
}

const fitsArg = (value: string) => value.length > 0 && !/[\s$"'\\]/.test(value);

/** Edits the default of the one global ARG the reference is built from, if the change fits in it. */
function argEdit(ctx: RuleContext, stage: Stage, written: string, tail: string): TextEdit | undefined {
	const arg = argDefault(ctx, stage, written);
	if (!arg) return undefined;
	const { before, after } = arg;
	const next = baseOf(before + arg.value + after) + tail;
	if (!next.startsWith(before) || !next.endsWith(after) || next.length < before.length + after.length) return undefined;
	const newValue = next.slice(before.length, next.length - after.length);
	return fitsArg(newValue) ? { range: arg.valueRange, newText: `${arg.quote}${newValue}${arg.quote}` } : undefined;
}

/**
 * `FROM node:${V}-alpine3.18` moving to `node:26.7.0-alpine3.24`: the version goes to the ARG's default and the
 * variant to the FROM's literal suffix. The new tag is split where the old one was: after as many of the
 * suffix's leading separator (`-`, `.`, `_`) as the default holds. Two edits, or none.
 */
function argAndSuffixEdits(ctx: RuleContext, stage: Stage, written: string, tail: string, range: Range): TextEdit[] | undefined {
	const arg = argDefault(ctx, stage, written);
	if (!arg || !/^[-._]/.test(arg.after) || range.end.character - range.start.character !== written.length) return undefined;
	const next = baseOf(arg.before + arg.value + arg.after) + tail;
	if (!next.startsWith(arg.before)) return undefined;
	const rest = next.slice(arg.before.length), separator = arg.after[0];
	let cut = -1;
	for (let seen = arg.value.split(separator).length - 1; seen >= 0; seen--) {
		cut = rest.indexOf(separator, cut + 1);
		if (cut < 0) return undefined;
	}
	const newValue = rest.slice(0, cut), newAfter = rest.slice(cut);
	if (!fitsArg(newValue) || newAfter.includes('$') || newAfter === arg.after) return undefined;
	const suffixStart = range.end.character - arg.after.length;
	return [
		{ range: arg.valueRange, newText: `${arg.quote}${newValue}${arg.quote}` },
		{ range: { start: { line: range.end.line, character: suffixStart }, end: range.end }, newText: newAfter },
	];
}

/** Like retagEdit, and when the ARG default alone cannot say the new tag, the ARG plus the FROM's literal suffix. */
export function retagEdits(ctx: RuleContext, stage: Stage, next: NewReference): TextEdit[] | undefined {
	const one = retagEdit(ctx, stage, next);
	if (one) return [one];
	if (!isTag(next.tag) || (next.digest !== undefined && !isDigest(next.digest))) return undefined;
	const range = stage.from.getImageRange();
	const written = stage.from.getImage();
	if (!range || !written || range.start.line !== range.end.line || !written.includes('$')) return undefined;
	return argAndSuffixEdits(ctx, stage, written, `:${next.tag}${next.digest ? `@${next.digest}` : ''}`, range);
}

/** True when anything but `stage`'s FROM reads ARG `name`: another instruction names it, or a stage re-declares it. */
function usedElsewhere(ctx: RuleContext, stage: Stage, name: string): boolean {
	const reference = new RegExp(`\\$(?:\\{${name}(?![A-Za-z0-9_])|${name}(?![A-Za-z0-9_]))`);
	const initial = new Set<unknown>(ctx.dockerfile.getInitialARGs());
	for (const instruction of ctx.dockerfile.getInstructions()) {
		if (instruction === stage.from) continue;
		// Conservative: a `$NAME` in a stage that never re-declares it counts too.
		if (reference.test(instruction.getTextContent())) return true;
		// `ARG NAME` inside a stage brings the global default into that stage.
		if (instruction instanceof Arg && !initial.has(instruction) && instruction.getProperties().some(p => p.getName() === name)) return true;
	}
	return false;
}

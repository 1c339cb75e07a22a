// Text edits that point a FROM at another tag (and/or digest), keeping everything else as
// written: `--platform`, `AS name`, the registry spelling and the repository path. When the
// reference comes from a global ARG (`FROM node:${NODE_VERSION}-alpine`), the ARG's default is
// edited instead; when that cannot be done exactly, no edit is offered.
import { Arg } from 'dockerfile-ast';
import type { TextEdit } from '../finding';
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

/** Edits the default of the one global ARG the reference is built from, if the change fits in it. */
function argEdit(ctx: RuleContext, stage: Stage, written: string, tail: string): TextEdit | undefined {
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
	if (!property || value === null || value === undefined || !valueRange || value.includes('$')) return undefined;
	const resolved = before + value + after;
	const next = baseOf(resolved) + tail;
	if (!next.startsWith(before) || !next.endsWith(after) || next.length < before.length + after.length) return undefined;
	const newValue = next.slice(before.length, next.length - after.length);
	if (!newValue || /[\s$"'\\]/.test(newValue)) return undefined;
	// Quoted defaults (`ARG V="1.2"`): the value range covers the quotes; keep them.
	const rawText = ctx.lines[valueRange.start.line]?.slice(valueRange.start.character, valueRange.end.character) ?? '';
	if (valueRange.start.line !== valueRange.end.line) return undefined;
	const quote = /^(["']).*\1$/.test(rawText) ? rawText[0] : '';
	return { range: valueRange, newText: `${quote}${newValue}${quote}` };
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

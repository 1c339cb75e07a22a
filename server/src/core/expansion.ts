// Bounded `$VAR` expansion for ARG and ENV values. A value may refer to earlier ones twice
// (`ARG B=${A}${A}`), so forty lines can ask for a terabyte: every expansion stops at
// MAX_EXPANDED_LENGTH and the variable then counts as unresolved, which rules already treat as
// "unknown, say nothing". What was capped is recorded so one finding (PL009) can say why.

/** Longest value an ARG or ENV may expand to; far above any real image reference or package list. */
export const MAX_EXPANDED_LENGTH = 16_384;

export type Expansion =
	| { ok: true; value: string }
	/** `capped`: the result would pass MAX_EXPANDED_LENGTH; otherwise a variable had no value. */
	| { ok: false; capped: boolean };

/**
 * Replaces every match of `pattern` (global) in `text` by `replace(match)`, stopping as soon as
 * the result would pass the cap. `replace` returns undefined for a variable without a value.
 */
export function expandBounded(text: string, pattern: RegExp, replace: (match: RegExpExecArray) => string | undefined): Expansion {
	const parts: string[] = [];
	let length = 0;
	let last = 0;
	let unresolved = false;
	pattern.lastIndex = 0;
	for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
		const value = replace(match);
		if (value === undefined) unresolved = true;
		const literal = text.slice(last, match.index);
		length += literal.length + (value?.length ?? 0);
		if (length > MAX_EXPANDED_LENGTH) return { ok: false, capped: true };
		parts.push(literal, value ?? '');
		last = match.index + match[0].length;
	}
	if (length + text.length - last > MAX_EXPANDED_LENGTH) return { ok: false, capped: true };
	if (unresolved) return { ok: false, capped: false };
	parts.push(text.slice(last));
	return { ok: true, value: parts.join('') };
}

/** A variable whose value was capped: where it was defined. */
export interface CappedVariable {
	name: string;
	/** 0-based line of the ARG or ENV instruction. */
	line: number;
}

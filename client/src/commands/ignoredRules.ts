// Pure helper behind "Ignore CODE in this workspace" (no vscode import, so plain tests cover it).

/** The list with `code` added (upper-cased, sorted, no duplicates), or undefined when already there. */
export function withIgnoredRule(current: unknown, code: string): string[] | undefined {
	const list = Array.isArray(current) ? current.filter((c): c is string => typeof c === 'string') : [];
	const normalised = code.trim().toUpperCase();
	if (list.some(c => c.toUpperCase() === normalised)) return undefined;
	return [...list, normalised].sort();
}

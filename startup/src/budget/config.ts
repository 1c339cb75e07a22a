// Reads `budget:` from `.patchlens.yaml` (or `.yml`) next to a Dockerfile. The only file I/O of the gate.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { parseAbsoluteBudget, parseRegression, type Budget, type Parsed } from './parse';

export const CONFIG_NAMES = ['.patchlens.yaml', '.patchlens.yml'];

export interface BudgetConfig {
	/** The file read, or undefined when there is none next to the Dockerfile. */
	file?: string;
	budget: Budget;
}

/** Parses a `.patchlens.yaml` text; only the `budget` key is read here, other keys are left to their owners. */
export function parseBudgetConfig(text: string): Parsed<Budget> {
	const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
	if (doc.errors.length) return { ok: false, error: `invalid YAML: ${doc.errors[0].message.split('\n')[0]}` };
	const root = doc.contents;
	if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return { ok: true, value: {} };
	if (!isMap(root)) return { ok: false, error: 'expected a mapping of keys (e.g. budget: {regression: 10%})' };
	const node = root.get('budget', true) as Node | undefined;
	if (node === undefined || (isScalar(node) && node.value === null)) return { ok: true, value: {} };
	if (!isMap(node)) return { ok: false, error: 'budget must be a mapping, e.g. budget: {regression: 10%, absolute: 2s@16}' };
	const budget: Budget = {};
	for (const pair of node.items) {
		const key = isScalar(pair.key) ? String(pair.key.value) : '';
		const value = pair.value as Node | null;
		if (key === 'regression') {
			const raw = isScalar(value) ? value.value : undefined;
			if (typeof raw === 'number') return { ok: false, error: `budget.regression: write it as a percentage, e.g. ${raw}% ` };
			const parsed = parseRegression(String(raw ?? ''));
			if (!parsed.ok) return { ok: false, error: `budget.regression: ${parsed.error}` };
			budget.regression = parsed.value;
		} else if (key === 'absolute') {
			const items = isSeq(value) ? value.items as Node[] : [value];
			budget.absolute = [];
			for (const item of items) {
				const parsed = parseAbsoluteBudget(isScalar(item) ? String(item.value) : '');
				if (!parsed.ok) return { ok: false, error: `budget.absolute: ${parsed.error}` };
				budget.absolute.push(parsed.value);
			}
		} else {
			return { ok: false, error: `budget: unknown key "${key}" (expected regression, absolute)` };
		}
	}
	return { ok: true, value: budget };
}

/** Reads `.patchlens.yaml` next to the Dockerfile. A broken file is an error: a gate must not silently vanish. */
export async function loadBudgetConfig(dockerfile: string): Promise<Parsed<BudgetConfig>> {
	const dir = path.dirname(path.resolve(dockerfile));
	for (const name of CONFIG_NAMES) {
		const file = path.join(dir, name);
		let text: string;
		try {
			text = await fs.readFile(file, 'utf8');
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
			return { ok: false, error: `cannot read ${file}: ${(error as Error).message}` };
		}
		const parsed = parseBudgetConfig(text);
		return parsed.ok ? { ok: true, value: { file, budget: parsed.value } } : { ok: false, error: `${file}: ${parsed.error}` };
	}
	return { ok: true, value: { budget: {} } };
}

// Import-cycle check run by `npm run lint`: builds the graph of relative imports (type-only ones too: a
// cycle of types is still a knot in the design) over the source folders and prints every cycle found.
// `node --import tsx scripts/checkCycles.ts [folder…]`; exits 1 when there is a cycle.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

export const SOURCE_FOLDERS = ['server/src', 'client/src', 'client/webview', 'cli/src', 'startup/src', 'bench', 'scripts', 'test'];
const EXTENSIONS = ['.ts', '.mts', '.mjs', '.js'];

/** File -> the files it imports (absolute paths). */
export type ImportGraph = Map<string, string[]>;

function sourceFiles(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir).flatMap(name => {
		const full = path.join(dir, name);
		if (name === 'node_modules' || name === 'out' || name.startsWith('.')) return [];
		if (statSync(full).isDirectory()) return sourceFiles(full);
		return EXTENSIONS.some(e => name.endsWith(e)) && !name.endsWith('.d.ts') ? [full] : [];
	});
}

/** The file a relative specifier names, as Node16/bundler resolution would find it; undefined for packages. */
export function resolveImport(from: string, specifier: string): string | undefined {
	if (!specifier.startsWith('.')) return undefined;
	const base = path.resolve(path.dirname(from), specifier);
	const candidates = [base, ...EXTENSIONS.map(e => base + e), ...EXTENSIONS.map(e => path.join(base, 'index' + e))];
	return candidates.find(c => existsSync(c) && statSync(c).isFile());
}

export function importGraph(files: readonly string[]): ImportGraph {
	const graph: ImportGraph = new Map();
	for (const file of files) {
		const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
		const targets = info.importedFiles.map(i => resolveImport(file, i.fileName)).filter((t): t is string => t !== undefined);
		graph.set(file, [...new Set(targets)]);
	}
	return graph;
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
export function findCycles(graph: ImportGraph): string[][] {
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const cycles: string[][] = [];
	let next = 0;
	const visit = (v: string): void => {
		index.set(v, next);
		low.set(v, next++);
		stack.push(v);
		onStack.add(v);
		for (const w of graph.get(v) ?? []) {
			if (!index.has(w)) {
				visit(w);
				low.set(v, Math.min(low.get(v)!, low.get(w)!));
			} else if (onStack.has(w)) {
				low.set(v, Math.min(low.get(v)!, index.get(w)!));
			}
		}
		if (low.get(v) !== index.get(v)) return;
		const component: string[] = [];
		let w: string;
		do {
			w = stack.pop()!;
			onStack.delete(w);
			component.push(w);
		} while (w !== v);
		if (component.length > 1 || graph.get(v)?.includes(v)) cycles.push(component.sort());
	};
	for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
	return cycles;
}

function main(root: string, folders: readonly string[]): number {
	const files = folders.flatMap(f => sourceFiles(path.join(root, f)));
	const cycles = findCycles(importGraph(files));
	for (const c of cycles) console.error(`import cycle: ${c.map(f => path.relative(root, f)).join(' <-> ')}`);
	console.log(`${cycles.length} import cycle${cycles.length === 1 ? '' : 's'} in ${files.length} files (${folders.join(' ')})`);
	return cycles.length ? 1 : 0;
}

if (require.main === module) {
	const folders = process.argv.slice(2);
	process.exitCode = main(path.resolve(__dirname, '..'), folders.length ? folders : SOURCE_FOLDERS);
}

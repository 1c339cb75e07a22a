import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { findCycles, importGraph, SOURCE_FOLDERS } from '../../scripts/checkCycles';

const dir = mkdtempSync(path.join(tmpdir(), 'pl-cycles-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function write(files: Record<string, string>): string[] {
	return Object.entries(files).map(([name, text]) => {
		const file = path.join(dir, name);
		mkdirSync(path.dirname(file), { recursive: true });
		writeFileSync(file, text);
		return file;
	});
}

const names = (cycles: string[][]) => cycles.map(c => c.map(f => path.relative(dir, f)));

describe('import-cycle check', () => {
	it('finds a cycle made of type-only imports across folders, and only its members', () => {
		const files = write({
			'a/result.ts': `import type { Gate } from '../b/budget';\nexport interface Report { gate?: Gate }\n`,
			'b/budget.ts': `import { ms } from './format';\nimport type { Report } from '../a/result';\nexport type Gate = { r: Report; s: string };\n`,
			'b/format.ts': `export const ms = (n: number) => String(n);\n`,
			'c/index.ts': `export { ms } from '../b/format';\nimport 'yaml';\n`,
		});
		assert.deepEqual(names(findCycles(importGraph(files))), [['a/result.ts', 'b/budget.ts']]);
	});

	it('resolves folder imports to index files and counts a file importing itself', () => {
		const files = write({
			'd/index.ts': `import { x } from '../e';\nexport const y = x;\n`,
			'e/index.ts': `import { y } from '../d/index';\nexport const x = 1; void y;\n`,
			'f.ts': `import './f';\n`,
		});
		assert.deepEqual(names(findCycles(importGraph(files))), [['d/index.ts', 'e/index.ts'], ['f.ts']]);
	});

	it('an acyclic graph has none', () => {
		const files = write({ 'g/a.ts': `import './b';\n`, 'g/b.ts': `import './c';\n`, 'g/c.ts': '' });
		assert.deepEqual(findCycles(importGraph(files)), []);
	});

	it('covers every source folder of the repository, the engine package included', () => {
		for (const folder of ['server/src', 'client/src', 'cli/src', 'startup/src', 'bench', 'scripts']) assert.ok(SOURCE_FOLDERS.includes(folder), folder);
	});
});

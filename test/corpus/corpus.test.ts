// Issue 18 item 6: a private precision/recall habit. test/corpus/files holds real-world-shaped
// Dockerfiles written for this suite (not copied), each instruction preceded by `# expect: CODE …`
// when a careful reviewer would flag it. Every finding is matched to its instruction; per rule we
// count true positives (expected and found), false positives (found, not expected) and misses
// (expected, not found), print the table, and fail below the targets: precision >= 95 % for every
// rule that fired, recall >= 85 % over all expectations. "Now" and offline data are fixed.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DockerfileParser } from 'dockerfile-ast';
import { findings } from '../helpers/analyze';

const DIR = path.join(__dirname, 'files');
const PRECISION = 0.95;
const RECALL = 0.85;

interface Tally { tp: number; fp: number; fn: number; wrong: string[]; missed: string[] }

/** Expected codes per instruction (keyed by the instruction's first line), from `# expect:` comments. */
function expectations(text: string): { starts: number[]; ends: number[]; expected: Map<number, Set<string>> } {
	const lines = text.split('\n');
	const instructions = DockerfileParser.parse(text).getInstructions();
	const expected = new Map<number, Set<string>>();
	for (const instruction of instructions) {
		const start = instruction.getRange().start.line;
		const codes = new Set<string>();
		for (let l = start - 1; l >= 0 && /^\s*#/.test(lines[l]); l--) {
			const m = /^\s*#\s*expect:\s*(.*)$/.exec(lines[l]);
			if (m) m[1].split(/[\s,]+/).filter(Boolean).forEach(c => codes.add(c));
		}
		expected.set(start, codes);
	}
	return { starts: instructions.map(i => i.getRange().start.line), ends: instructions.map(i => i.getRange().end.line), expected };
}

function score(): Map<string, Tally> {
	const tallies = new Map<string, Tally>();
	const tally = (code: string) => tallies.get(code) ?? (tallies.set(code, { tp: 0, fp: 0, fn: 0, wrong: [], missed: [] }).get(code)!);
	for (const file of readdirSync(DIR).filter(f => f.endsWith('.Dockerfile')).sort()) {
		const text = readFileSync(path.join(DIR, file), 'utf8');
		const { starts, ends, expected } = expectations(text);
		const found = new Map<number, Set<string>>(starts.map(s => [s, new Set<string>()]));
		for (const f of findings(text)) {
			const i = starts.findIndex((s, k) => f.range.start.line >= s && f.range.start.line <= ends[k]);
			if (i >= 0) found.get(starts[i])!.add(f.code);
			else tally(f.code).wrong.push(`${file}:${f.range.start.line + 1} (outside any instruction)`);
		}
		for (const start of starts) {
			const want = expected.get(start)!;
			const got = found.get(start)!;
			for (const code of got) {
				const t = tally(code);
				if (want.has(code)) t.tp++;
				else {
					t.fp++;
					t.wrong.push(`${file}:${start + 1}`);
				}
			}
			for (const code of want) {
				if (got.has(code)) continue;
				tally(code).fn++;
				tally(code).missed.push(`${file}:${start + 1}`);
			}
		}
	}
	return tallies;
}

describe('real-world-shaped corpus: precision and recall per rule', () => {
	const tallies = score();
	const rows = [...tallies].sort(([a], [b]) => a.localeCompare(b));
	const pct = (n: number, d: number) => d ? `${(100 * n / d).toFixed(0)} %` : '—';
	const table = rows.map(([code, t]) => `${code.padEnd(7)} tp ${String(t.tp).padStart(3)}  fp ${String(t.fp).padStart(2)}  missed ${String(t.fn).padStart(2)}  precision ${pct(t.tp, t.tp + t.fp).padStart(5)}  recall ${pct(t.tp, t.tp + t.fn).padStart(5)}`);
	const all = rows.reduce((s, [, t]) => ({ tp: s.tp + t.tp, fn: s.fn + t.fn }), { tp: 0, fn: 0 });
	process.stdout.write(`corpus (${readdirSync(DIR).filter(f => f.endsWith('.Dockerfile')).length} files)\n${table.join('\n')}\noverall recall ${pct(all.tp, all.tp + all.fn)}\n`);

	for (const [code, t] of rows) {
		if (t.tp + t.fp === 0) continue;
		it(`${code} precision >= ${PRECISION * 100} %`, () => {
			assert.ok(t.tp / (t.tp + t.fp) >= PRECISION, `${code}: ${t.fp} false positive(s) at ${t.wrong.join(', ')}`);
		});
	}
	it(`overall recall >= ${RECALL * 100} %`, () => {
		const missed = rows.flatMap(([code, t]) => t.missed.map(m => `${code} ${m}`));
		assert.ok(all.tp / (all.tp + all.fn) >= RECALL, `missed: ${missed.join(', ')}`);
	});
	it('the corpus is big enough to mean something, and every file carries expectations', () => {
		assert.ok(all.tp + all.fn >= 40, `only ${all.tp + all.fn} expected findings`);
	});
});

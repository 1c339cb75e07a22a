// `npx tsx scripts/hadolint-parity.ts HADOLINT_CHECKOUT`: runs hadolint's own spec cases
// (test/Hadolint/Rule/DLxxxxSpec.hs: `ruleCatches`, `ruleCatchesNot`, their `onBuild…` forms and
// `Text.unlines` lists) for every DL code Patchlens claims through Patchlens' analysis, and prints
// where the two disagree. Exit 1 on any disagreement. A maintainer's tool (needs a hadolint clone),
// not part of the test suite; docs/rules/parity.md records its last result.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../server/src/core/analyze';
import { rules } from '../server/src/core/rules/index';

interface SpecCase { code: string; catches: boolean; onbuild: boolean; text: string; title: string; trusted: string[] }

/** A Haskell string literal at `s[i]` (escapes and string gaps), and the index after it. */
function hsString(s: string, i: number): [string, number] {
	let out = '';
	for (i++; s[i] !== '"'; i++) {
		if (s[i] !== '\\') { out += s[i]; continue; }
		const n = s[i + 1];
		if (/\s/.test(n)) { i = s.indexOf('\\', i + 1); continue; } // a string gap: \  …  \
		const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', '&': '' };
		if (n in simple) { out += simple[n]; i++; continue; }
		const digits = /^\d+/.exec(s.slice(i + 1));
		if (digits) { out += String.fromCharCode(Number(digits[0])); i += digits[0].length; continue; }
		out += n;
		i++;
	}
	return [out, i + 1];
}

/** `let name = [ "a", "b" ]` lists and `let name = "…"` strings of a block (a string is a one-line text). */
function lists(block: string): Map<string, string[]> {
	const found = new Map<string, string[]>();
	for (const m of block.matchAll(/let\s+(\w+)\s*=\s*"/g)) found.set(m[1], [hsString(block, m.index! + m[0].length - 1)[0]]);
	for (const m of block.matchAll(/let\s+(\w+)\s*=\s*\[/g)) {
		const items: string[] = [];
		let j = m.index! + m[0].length;
		for (;;) {
			while (/[\s,]/.test(block[j])) j++;
			if (block[j] !== '"') break;
			const [value, next] = hsString(block, j);
			items.push(value);
			j = next;
		}
		found.set(m[1], items);
	}
	return found;
}

function casesOf(spec: string): SpecCase[] {
	const cases: SpecCase[] = [];
	const starts = [...spec.matchAll(/\bit\s+"/g)].map(m => m.index! + m[0].length - 1);
	starts.forEach((start, k) => {
		const [title, end] = hsString(spec, start);
		const block = spec.slice(end, starts[k + 1] ?? spec.length);
		const named = lists(block);
		const trusted = [...(/allowedRegistries\s*=\s*\[([^\]]*)\]/.exec(block)?.[1] ?? '').matchAll(/"([^"]*)"/g)].map(m => m[1]);
		for (const m of block.matchAll(/(onBuildRuleCatchesNot|onBuildRuleCatches|ruleCatchesNot|ruleCatches)\s+"(DL\d+)"\s*/g)) {
			const at = m.index! + m[0].length;
			let text: string | undefined;
			if (block[at] === '"') text = hsString(block, at)[0];
			else {
				const list = /^\$\s*Text\.unlines\s+(\w+)/.exec(block.slice(at))?.[1];
				const single = /^(\w+)/.exec(block.slice(at))?.[1];
				if (list && named.has(list)) text = named.get(list)!.join('\n') + '\n';
				else if (single && named.get(single)?.length === 1) text = named.get(single)![0];
			}
			if (text !== undefined) cases.push({ code: m[2], catches: !m[1].endsWith('Not'), onbuild: m[1].startsWith('onBuild'), text, title, trusted });
		}
	});
	return cases;
}

function fires(c: SpecCase): boolean {
	// onBuildRuleCatches wraps the instruction in ONBUILD, as hadolint's test helper does.
	const text = c.onbuild ? c.text.replace(/^(RUN|COPY|ADD)\b/gm, 'ONBUILD $1') : c.text;
	const found = analyze(text, { now: new Date('2026-11-27T00:00:00Z'), offline: true, enabledOptionalRules: [c.code], trustedRegistries: c.trusted }).findings;
	return found.some(f => f.code === c.code);
}

function main(checkout: string | undefined): number {
	if (!checkout || !existsSync(path.join(checkout, 'test/Hadolint/Rule'))) {
		process.stderr.write('usage: hadolint-parity HADOLINT_CHECKOUT (a clone of github.com/hadolint/hadolint)\n');
		return 2;
	}
	let differ = 0;
	let total = 0;
	for (const code of rules.map(r => r.code).filter(c => c.startsWith('DL'))) {
		const file = path.join(checkout, `test/Hadolint/Rule/${code}Spec.hs`);
		if (!existsSync(file)) { process.stdout.write(`${code}: no spec in this checkout\n`); continue; }
		const cases = casesOf(readFileSync(file, 'utf8')).filter(c => c.code === code);
		const bad = cases.filter(c => fires(c) !== c.catches);
		total += cases.length;
		differ += bad.length;
		process.stdout.write(`${code}: ${cases.length - bad.length} of ${cases.length} spec cases agree\n`);
		for (const c of bad) process.stdout.write(`  ${c.catches ? 'missed' : 'extra '} ${JSON.stringify(c.onbuild ? `[onbuild] ${c.text}` : c.text)} (${c.title})\n`);
	}
	process.stdout.write(`${total - differ} of ${total} hadolint spec cases agree\n`);
	return differ ? 1 : 0;
}

if (require.main === module) process.exitCode = main(process.argv[2]);

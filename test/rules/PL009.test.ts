import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { MAX_EXPANDED_LENGTH } from '../../server/src/core/expansion';
import { globalArgs } from '../../server/src/core/image/fromImage';
import { defaultOptions } from '../../server/src/core/options';
import { parseDockerfile } from '../../server/src/core/parse';
import { assertCatches, assertCatchesNot, NOW } from '../helpers/analyze';

/** `ARG P0=x` then `count` ARGs each doubling the previous one: 2^count characters if expanded. */
function doubling(prefix: string, count: number): string[] {
	return [`ARG ${prefix}0=x`, ...Array.from({ length: count }, (_, i) => `ARG ${prefix}${i + 1}=\${${prefix}${i}}\${${prefix}${i}}`)];
}

// The first doubling ARG whose value passes the cap (1-based line of `ARG A<n>`, after `lead` lines).
const firstCappedLine = (lead: number) => lead + 1 + Math.ceil(Math.log2(MAX_EXPANDED_LENGTH + 1));

describe('PL009 variable expansion capped', () => {
	it('an ARG bomb before FROM: one finding on the first capped ARG, no rule fails, the FROM counts as unresolved', () => {
		const text = [...doubling('A', 39), 'FROM ubuntu:${A39}', 'RUN echo hi', ''].join('\n');
		const result = analyze(text, { now: NOW, offline: true });
		assert.deepEqual(result.ruleErrors, []);
		assert.deepEqual(result.findings.map(f => `${f.code}:${f.range.start.line + 1}`), [`PL009:${firstCappedLine(0)}`]);
		assert.match(result.findings[0].message, /`A\d+` expands to more than 16,384 characters/);
	});
	it('an ARG and ENV bomb inside a stage: said once, RUN checks skip the unknown value', () => {
		const text = ['FROM ubuntu:22.04', ...doubling('B', 39), 'ENV E=${B39}', 'RUN apt-get install -y $B39', ''].join('\n');
		const result = analyze(text, { now: NOW, offline: true });
		assert.deepEqual(result.ruleErrors, []);
		assert.deepEqual(result.findings.filter(f => f.code === 'PL009').map(f => f.range.start.line + 1), [firstCappedLine(1)]);
	});
	it('values under the cap still resolve', () => {
		const packages = Array.from({ length: 500 }, (_, i) => `pkg${i}`).join(' ');
		assertCatchesNot('PL009', `ARG TAG=22.04\nFROM ubuntu:\${TAG}\nARG PKGS="${packages}"\nRUN apt-get install -y $PKGS\n`);
		assertCatches('DL3007', 'ARG T=lat\nARG TAG=${T}est\nFROM ubuntu:${TAG}\n', [3]);
	});
	it('the global ARGs are resolved once per analysis: every rule reads the same table', () => {
		const parsed = parseDockerfile('ARG A=1\nARG B=${A}${A}\nFROM alpine:3.${B}\n');
		const ctx = { ...parsed, options: defaultOptions({ offline: true }) };
		const first = globalArgs(ctx);
		assert.equal(globalArgs(ctx), first);
		assert.equal(first.values.get('B'), '11');
		// Other build args are another input: resolved again.
		assert.notEqual(globalArgs({ ...ctx, options: defaultOptions({ buildArgs: { A: '2' } }) }).values.get('B'), '11');
	});
});

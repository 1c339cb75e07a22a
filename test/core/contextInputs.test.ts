// Issue 13 item 5: the analysis core's answers depend on its inputs only. A parse analysed again
// with other options gets answers for those options; the lifecycle overlay and reuse are options.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { bundledDataset } from '../../server/src/core/lifecycle/dataset';
import { defaultOptions, type AnalysisOptions } from '../../server/src/core/options';
import { parseDockerfile } from '../../server/src/core/parse';
import { ruleByCode } from '../../server/src/core/rules/index';
import type { RuleContext } from '../../server/src/core/rules/rule';
import { NOW } from '../helpers/analyze';

function codesOn(ctx: RuleContext, code: string): number[] {
	return [...ruleByCode(code)!.check(ctx)].map(f => f.range.start.line + 1);
}

describe('analysis inputs, not process state', () => {
	it('one parse, two sets of build args: FROM and RUN answers follow each', () => {
		const parsed = parseDockerfile('ARG TAG\nFROM ubuntu:${TAG}\nARG PKG\nRUN apt-get install -y ${PKG}\n');
		const withArgs = (buildArgs: Record<string, string>): RuleContext => ({ ...parsed, options: defaultOptions({ offline: true, now: NOW, buildArgs }) });
		assert.deepEqual(codesOn(withArgs({ TAG: 'latest', PKG: 'curl' }), 'DL3007'), [2]);
		assert.deepEqual(codesOn(withArgs({ TAG: '22.04', PKG: 'curl=8.5.0-2' }), 'DL3007'), []);
		assert.deepEqual(codesOn(withArgs({ TAG: '22.04', PKG: 'curl' }), 'DL3008'), [4]);
		assert.deepEqual(codesOn(withArgs({ TAG: '22.04', PKG: 'curl=8.5.0-2' }), 'DL3008'), []);
	});

	it('the lifecycle overlay is an option: two analyses side by side, each with its own data', () => {
		const text = 'FROM python:3.12.1-slim\n';
		const python = bundledDataset().products.python;
		const early: AnalysisOptions['lifecycleOverlay'] = { python: { ...python, releases: python.releases.map(r => (r.cycle === '3.12' ? { ...r, eol: '2026-01-31' } : r)) } };
		const codes = (options: Partial<AnalysisOptions>) => analyze(text, { offline: true, now: NOW, ...options }).findings.map(f => f.code);
		assert.ok(codes({ lifecycleOverlay: early }).includes('PL101'));
		assert.ok(!codes({}).includes('PL101'), 'the next analysis without it is not affected');
		assert.ok(codes({ lifecycleOverlay: early }).includes('PL101'));
	});

	it('reuse is an option that never changes the findings', () => {
		const text = 'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y curl\nARG X=1\nRUN echo $X && pip install flask\n';
		assert.deepEqual(analyze(text, { offline: true, now: NOW, reuse: true }).findings, analyze(text, { offline: true, now: NOW }).findings);
	});
});

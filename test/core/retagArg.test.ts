// A bump through an ARG default rewrites that default only when the ARG feeds that FROM alone
// (issue 17 item 2): otherwise other stages, ARGs or RUNs would change with it, unreviewed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { applyFixes } from '../../server/src/core/fix/applyFixes';
import { NOW } from '../helpers/analyze';

const analyzeText = (text: string) => analyze(text, { now: NOW, offline: true });
const bumpFixes = (text: string) => analyzeText(text).findings.filter(f => f.code === 'PL103').flatMap(f => f.fixes ?? []);

describe('bumps through an ARG default', () => {
	it('edits the default when only this FROM uses the ARG', () => {
		const text = 'ARG NODE=22.11.0-alpine\nFROM node:${NODE}\nRUN true\n';
		const fixed = applyFixes(text, analyzeText).text;
		assert.match(fixed, /^ARG NODE=22\.\d+\.\d+-alpine\nFROM node:\$\{NODE\}\nRUN true\n$/);
		assert.notEqual(fixed, text);
	});

	it('offers no edit when another FROM, another ARG or a stage reads the same ARG', () => {
		for (const text of [
			'ARG NODE=22.11.0-alpine\nFROM node:${NODE} AS build\nRUN true\nFROM node:${NODE}\nRUN true\n',
			'ARG NODE=22.11.0-alpine\nARG LABEL=v$NODE\nFROM node:${NODE}\nRUN true\n',
			'ARG NODE=22.11.0-alpine\nFROM node:${NODE}\nARG NODE\nRUN echo "$NODE" > /version\n',
		]) {
			assert.ok(analyzeText(text).findings.some(f => f.code === 'PL103'), text);
			assert.deepEqual(bumpFixes(text), [], text);
			assert.equal(applyFixes(text, analyzeText).text, text);
		}
	});
});

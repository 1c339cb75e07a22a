import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { rules } from '../../server/src/core/rules/index';

describe('rule registry', () => {
	const dir = path.join(__dirname, '../../server/src/core/rules');
	const files = readdirSync(dir).filter(f => /^(DL|PL)\d+\.ts$/.test(f)).map(f => f.replace(/\.ts$/, ''));

	it('registers every rule file, named by its code', () => {
		assert.deepEqual(rules.map(r => r.code).sort(), files.sort());
	});
	it('has unique codes, sorted', () => {
		const codes = rules.map(r => r.code);
		assert.equal(new Set(codes).size, codes.length);
		assert.deepEqual(codes, [...codes].sort());
	});
	it('gives every rule a title and a rationale', () => {
		for (const rule of rules) {
			assert.ok(rule.title.length > 10, rule.code);
			assert.ok(rule.rationale.length > 10, rule.code);
		}
	});
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { rules } from '../../server/src/core/rules/index';
import { defineRule } from '../../server/src/core/rules/rule';
import { applyManifest, applyReadme, BEGIN, END } from '../../scripts/gen-rule-docs';

const root = path.join(__dirname, '../..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const manifest = readFileSync(path.join(root, 'package.json'), 'utf8');

describe('generated rule docs and settings enums', () => {
	it('README rule table matches the registry (run npm run gen:rules)', () => {
		assert.ok(readme.includes(BEGIN) && readme.includes(END), 'README has the rule table markers');
		assert.equal(applyReadme(readme, rules), readme);
	});

	it('package.json rule-code enums match the registry (run npm run gen:rules)', () => {
		assert.equal(applyManifest(manifest, rules), manifest);
		const properties = JSON.parse(manifest).contributes.configuration.properties;
		assert.deepEqual(properties['patchlens.ignoredRules'].items.enum, rules.map(r => r.code).sort());
		assert.deepEqual(properties['patchlens.enabledRules'].items.enum, rules.filter(r => r.optional).map(r => r.code).sort());
	});

	it('notices drift: a new rule changes both files', () => {
		const extra = defineRule({ code: 'PL999', name: 'x', severity: 'info', title: 'A | new rule', rationale: '', *check() { /* none */ } });
		const next = [...rules, extra];
		const newReadme = applyReadme(readme, next);
		assert.notEqual(newReadme, readme);
		assert.match(newReadme, /\| \[PL999\]\(docs\/rules\/PL999\.md\) \| info \| {2}\| {2}\| A \\\| new rule \|/);
		assert.equal(applyReadme(newReadme, next), newReadme, 'idempotent');
		assert.ok(JSON.parse(applyManifest(manifest, next)).contributes.configuration.properties['patchlens.ignoredRules'].items.enum.includes('PL999'));
	});

	it('every registered rule has a docs page', () => {
		for (const rule of rules) assert.doesNotThrow(() => readFileSync(path.join(root, 'docs/rules', `${rule.code}.md`)), rule.code);
	});

	it('every docs page is headed with its rule\'s title, as the README table and SARIF name it', () => {
		for (const rule of rules) {
			const heading = readFileSync(path.join(root, 'docs/rules', `${rule.code}.md`), 'utf8').split('\n')[0];
			assert.equal(heading, `# ${rule.code} — ${rule.title}`);
		}
	});
});

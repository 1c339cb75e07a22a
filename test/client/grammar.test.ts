// The pragma injection grammar, tokenized by the same engine VS Code uses (vscode-textmate + oniguruma
// wasm) on top of VS Code's own Dockerfile grammar (fixtures/docker.tmLanguage.json, copied from VS Code).
import { test, before } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { Registry, INITIAL, parseRawGrammar, type IGrammar } from 'vscode-textmate';

const root = path.resolve(__dirname, '../..');
const files: Record<string, string> = {
	'source.dockerfile': path.join(__dirname, 'fixtures/docker.tmLanguage.json'),
	'patchlens.pragmas.injection': path.join(root, 'syntaxes/patchlens-pragmas.tmLanguage.json'),
};

let grammar: IGrammar;

before(async () => {
	const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
	await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
	const registry = new Registry({
		onigLib: Promise.resolve({
			createOnigScanner: sources => new oniguruma.OnigScanner(sources),
			createOnigString: text => new oniguruma.OnigString(text),
		}),
		loadGrammar: async scopeName => files[scopeName] ? parseRawGrammar(readFileSync(files[scopeName], 'utf8'), files[scopeName]) : null,
		// What package.json's `injectTo: ["source.dockerfile"]` does inside VS Code.
		getInjections: scopeName => scopeName === 'source.dockerfile' ? ['patchlens.pragmas.injection'] : undefined,
	});
	const loaded = await registry.loadGrammar('source.dockerfile');
	assert.ok(loaded, 'the Dockerfile grammar loads');
	grammar = loaded;
});

/** The scopes of the token that covers `fragment` (its first occurrence) in `line`. */
function scopesAt(line: string, fragment: string): string[] {
	const offset = line.indexOf(fragment);
	assert.ok(offset >= 0, `"${fragment}" occurs in "${line}"`);
	const { tokens } = grammar.tokenizeLine(line, INITIAL);
	const token = tokens.find(t => t.startIndex <= offset && offset < t.endIndex)!;
	assert.equal(line.slice(token.startIndex, token.endIndex), fragment, `"${fragment}" is one token in "${line}"`);
	return token.scopes;
}

test('the manifest contributes the grammar as an injection into source.dockerfile', () => {
	const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
	const entry = manifest.contributes.grammars.find((g: { path: string }) => g.path === './syntaxes/patchlens-pragmas.tmLanguage.json');
	assert.deepEqual(entry, { scopeName: 'patchlens.pragmas.injection', path: './syntaxes/patchlens-pragmas.tmLanguage.json', injectTo: ['source.dockerfile'] });
});

test('a hadolint ignore pragma: keyword, ignore=, and each rule code', () => {
	const line = '# hadolint ignore=DL3008,DL3009';
	assert.ok(scopesAt(line, 'hadolint').includes('keyword.control.directive.pragma.patchlens'));
	assert.ok(scopesAt(line, 'ignore').includes('keyword.other.ignore.pragma.patchlens'));
	assert.ok(scopesAt(line, '=').includes('keyword.operator.assignment.pragma.patchlens'));
	for (const code of ['DL3008', 'DL3009']) {
		assert.deepEqual(scopesAt(line, code), ['source.dockerfile', 'comment.line.number-sign.dockerfile', 'meta.pragma.patchlens', 'variable.other.constant.rule-code.hadolint.patchlens']);
	}
	assert.ok(scopesAt(line, ',').includes('punctuation.separator.comma.pragma.patchlens'));
	assert.ok(scopesAt(line, '#').includes('punctuation.definition.comment.dockerfile'));
});

test('global ignore and patchlens pragmas, with spaces and PL codes', () => {
	const global = '  # hadolint global ignore=DL3059';
	assert.ok(scopesAt(global, 'global').includes('storage.modifier.global.pragma.patchlens'));
	assert.ok(scopesAt(global, 'DL3059').includes('variable.other.constant.rule-code.hadolint.patchlens'));
	const own = '# patchlens ignore=PL101, DL3007';
	assert.ok(scopesAt(own, 'patchlens').includes('keyword.control.directive.pragma.patchlens'));
	assert.ok(scopesAt(own, 'PL101').includes('variable.other.constant.rule-code.patchlens'));
	assert.ok(scopesAt(own, 'DL3007').includes('variable.other.constant.rule-code.hadolint.patchlens'));
});

test('rule codes in an ordinary comment are highlighted, the rest stays a plain comment', () => {
	const line = '# pinned on purpose, see DL3007';
	assert.deepEqual(scopesAt(line, ' pinned on purpose, see '), ['source.dockerfile', 'comment.line.number-sign.dockerfile']);
	assert.ok(scopesAt(line, 'DL3007').includes('variable.other.constant.rule-code.hadolint.patchlens'));
	assert.ok(!scopesAt(line, 'DL3007').includes('meta.pragma.patchlens'));
});

test('no pragma or code outside comments, and near-misses are not codes', () => {
	const noRuleCode = (line: string) => grammar.tokenizeLine(line, INITIAL).tokens.every(t => !t.scopes.some(s => s.includes('rule-code') || s.includes('pragma')));
	assert.ok(noRuleCode('FROM python:3.12 AS DL3007'), 'a stage name is not a rule code');
	assert.ok(noRuleCode('RUN echo "# hadolint ignore=DL3008"'), 'a pragma inside a shell string is not a pragma');
	assert.ok(noRuleCode('# see DL30081 and PL1 or xDL3008'), 'DL30081 / PL1 / xDL3008 are not rule codes');
	assert.ok(noRuleCode('# hadolint ignored DL3008 is not a pragma but DL3008 is a code') === false, 'the code in it still is');
	const notPragma = grammar.tokenizeLine('# hadolint ignored DL3008', INITIAL).tokens;
	assert.ok(notPragma.every(t => !t.scopes.includes('meta.pragma.patchlens')), '"ignored" is no pragma');
});

test('keywords after a pragma line are still Dockerfile keywords (the injection ends with its line)', () => {
	let state = INITIAL;
	const first = grammar.tokenizeLine('# hadolint ignore=DL3006', state);
	state = first.ruleStack;
	const second = grammar.tokenizeLine('FROM ubuntu', state);
	const from = second.tokens.find(t => t.startIndex === 0)!;
	assert.ok(from.scopes.includes('keyword.other.special-method.dockerfile'), JSON.stringify(from.scopes));
	assert.ok(!from.scopes.some(s => s.startsWith('comment')));
});

// typescript-eslint's recommended set, plus the layering rules: the analysis core, the container-startup
// engine (startup/) and the CLI never import vscode or the LSP libraries, so the CLI and plain tests can use
// them; the engine never imports the extension or the CLI; the CLI never imports the extension; the
// performance benchmarks never import the tests. (tsc's project references reject most of these too.)
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const editor = { group: ['vscode', 'vscode-languageclient', 'vscode-languageclient/*', 'vscode-languageserver', 'vscode-languageserver/*'], message: 'The pure core, the startup engine and the CLI must not depend on VS Code or the LSP.' };
const extension = { regex: '^(\\.\\./)+client(/|$)', message: 'client/ is the VS Code extension only; shared code lives in server/ or startup/.' };
const cli = { regex: '^(\\.\\./)+cli(/|$)', message: 'Nothing imports the command line; shared code lives in server/ or startup/.' };
const tests = { regex: '^(\\.\\./)+test(/|$)', message: 'Benchmarks must not import tests; shared environment helpers live in scripts/env/.' };
const restrict = (...patterns) => ({ rules: { 'no-restricted-imports': ['error', { patterns }] } });

export default tseslint.config(
	{ ignores: ['**/out/**', 'node_modules/**', '**/*.d.ts', 'media/vendor/**', 'media/report/report.js', '.vscode-test/**'] },
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		files: ['**/*.ts'],
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			'@typescript-eslint/no-non-null-assertion': 'off',
			semi: ['error', 'always'],
			quotes: ['error', 'single', { avoidEscape: true, allowTemplateLiterals: true }],
		},
	},
	{ files: ['server/src/core/**/*.ts'], ...restrict(editor, extension, cli) },
	{ files: ['startup/src/**/*.ts'], ...restrict(editor, extension, cli) },
	{ files: ['cli/src/**/*.ts'], ...restrict(editor, extension) },
	{ files: ['bench/**/*.ts'], ...restrict(extension, cli, tests) },
	{ files: ['**/*.mjs', 'test/e2e/driver/**/*.js'], languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } } },
);

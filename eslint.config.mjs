// typescript-eslint's recommended set, plus the layering rule: the analysis core and the
// benchmark engine never import vscode or the LSP libraries, so the CLI and plain tests can use them.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const editorImports = {
	patterns: [
		{ group: ['vscode', 'vscode-languageclient', 'vscode-languageclient/*', 'vscode-languageserver', 'vscode-languageserver/*'], message: 'The pure core must not depend on VS Code or the LSP.' },
	],
};

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
	{ files: ['server/src/core/**/*.ts', 'client/src/bench/**/*.ts', 'cli/src/**/*.ts'], rules: { 'no-restricted-imports': ['error', editorImports] } },
	{ files: ['**/*.mjs', 'test/e2e/driver/**/*.js'], languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } } },
);

// @vscode/test-cli configuration: `npx vscode-test` downloads VS Code (desktop, Electron) and runs the
// same mocha suites as `npm run test:e2e` (which uses code-server here, where VS Code cannot be
// downloaded). Build first: `node esbuild.mjs` writes out/test/e2e/suite/*.test.js.
// The suites need the Docker engine and fixture images of `npm run env:up`.
import { defineConfig } from '@vscode/test-cli';
import { mkdtempSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The suites edit and export into their workspace, so they get a fresh copy of the fixture.
const scratch = mkdtempSync(join(tmpdir(), 'patchlens-vscode-test-'));
const workspace = join(scratch, 'workspace');
cpSync('test/fixtures/e2e-workspace', workspace, { recursive: true });

export default defineConfig({
	label: 'e2e',
	files: 'out/test/e2e/suite/*.test.js',
	version: '1.100.3',
	workspaceFolder: workspace,
	extensionDevelopmentPath: '.',
	// Benchmark results go to a throw-away store, not the user's.
	env: { PATCHLENS_RESULTS_DIR: join(scratch, 'results') },
	launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
	mocha: { ui: 'bdd', timeout: 60_000, color: true },
});

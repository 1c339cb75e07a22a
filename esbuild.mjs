// Bundles: client (extension host), language server, CLI, and the e2e test suite.
// `node esbuild.mjs [--watch] [--production]`
import * as esbuild from 'esbuild';
import { chmodSync, existsSync, readFileSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const common = {
	bundle: true,
	platform: 'node',
	target: 'node20',
	format: 'cjs',
	sourcemap: !production,
	minify: production,
	logLevel: 'warning',
	define: { PATCHLENS_VERSION: JSON.stringify(version) },
	// dockerode's optional native ssh helpers; the pure-JS fallbacks are used when absent.
	external: ['cpu-features', './crypto/build/Release/sshcrypto.node'],
};

// esbuild writes its outputs as 0644: the CLI would lose its exec bit on every build (and `npx patchlens`
// would fail with "Permission denied"). The plugin restores it after each build, watch rebuilds included.
const executable = outfile => ({
	name: 'executable',
	setup(build) {
		build.onEnd(() => { if (existsSync(outfile)) chmodSync(outfile, 0o755); });
	},
});

const builds = [
	{ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: [...common.external, 'vscode'] },
	{ ...common, entryPoints: ['server/src/server.ts'], outfile: 'server/out/server.js' },
	{ ...common, entryPoints: ['cli/src/patchlens.ts'], outfile: 'cli/out/patchlens.js', banner: { js: '#!/usr/bin/env node' }, plugins: [executable('cli/out/patchlens.js')] },
	{ ...common, entryPoints: ['test/e2e/suite/index.ts'], outfile: 'out/test/e2e/index.js', external: [...common.external, 'vscode', 'mocha'] },
	// The restricted-mode (untrusted workspace) suite: its own entry, run by test-e2e.sh without --disable-workspace-trust.
	{ ...common, entryPoints: ['test/e2e/untrusted/index.ts'], outfile: 'out/test/e2e/untrusted/index.js', external: [...common.external, 'vscode', 'mocha'] },
	// The same suites one file each, for @vscode/test-cli (.vscode-test.mjs), whose mocha loads them itself.
	{ ...common, entryPoints: ['test/e2e/suite/*.test.ts'], outdir: 'out/test/e2e/suite', external: [...common.external, 'vscode', 'mocha'] },
	// The report webview's script with Chart.js: a browser bundle under media/, shipped in the .vsix.
	{ entryPoints: ['client/webview/report.ts'], outfile: 'media/report/report.js', bundle: true, platform: 'browser', format: 'iife', target: 'es2022', minify: true, logLevel: 'warning' },
];

if (watch) {
	for (const options of builds) await (await esbuild.context(options)).watch();
} else {
	await Promise.all(builds.map(options => esbuild.build(options)));
}

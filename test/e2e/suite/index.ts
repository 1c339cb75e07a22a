// extensionTestsPath entry: runs the mocha suites inside the real VS Code extension host.
// Prints a closing `N passed, N failed` line so CI logs can be read at a glance.
// The same *.test.ts files run under @vscode/test-cli (.vscode-test.mjs), one bundle each.
import Mocha from 'mocha';

export function run(): Promise<void> {
	const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false });
	// Suites call describe/it at load time, so the globals must exist before they are required.
	mocha.suite.emit('pre-require', globalThis, 'e2e', mocha);
	/* eslint-disable @typescript-eslint/no-require-imports */
	require('./smoke.test');
	require('./quickFixes.test');
	require('./lensRefresh.test');
	require('./estimate.test'); // before the benchmark suite: the estimate shows while nothing is measured
	require('./benchmark.test');
	require('./rollout.test');
	require('./commands.test'); // last: it reads the results the benchmark suite leaves
	/* eslint-enable @typescript-eslint/no-require-imports */
	return new Promise((resolve, reject) => {
		const runner = mocha.run(failures => {
			const stats = runner.stats;
			if (stats?.pending) console.log(`e2e: ${stats.pending} skipped`);
			console.log(`e2e: ${stats?.passes ?? 0} passed, ${stats?.failures ?? failures} failed`);
			if (failures) reject(new Error(`${failures} tests failed.`));
			else resolve();
		});
	});
}

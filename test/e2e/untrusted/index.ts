// extensionTestsPath entry for the restricted-mode run (test-e2e.sh starts code-server WITH workspace
// trust, the folder untrusted): Patchlens must lint with bundled data only.
import Mocha from 'mocha';

export function run(): Promise<void> {
	const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false });
	mocha.suite.emit('pre-require', globalThis, 'e2e-untrusted', mocha);
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	require('./untrusted.test');
	return new Promise((resolve, reject) => {
		const runner = mocha.run(failures => {
			console.log(`e2e (untrusted): ${runner.stats?.passes ?? 0} passed, ${runner.stats?.failures ?? failures} failed`);
			if (failures) reject(new Error(`${failures} tests failed.`));
			else resolve();
		});
	});
}

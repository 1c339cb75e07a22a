// Shared bits of the benchmark suites: the fixture environment and leak checks against the real engine.
import { execFileSync } from 'node:child_process';

import { SHARED_HOST } from '../../scripts/env/fixtures';

export { fixture, fixtureEnv, SHARED_HOST, type FixtureEnv, type FixtureImage } from '../../scripts/env/fixtures';

/** Container ids carrying a label (e.g. `patchlens=<run id>`) on an engine. */
export function labelled(label: string, host = SHARED_HOST): string[] {
	return execFileSync('docker', ['-H', host, 'ps', '-aq', '--filter', `label=${label}`], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

export const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

export async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(100);
	}
}

/**
 * patchlens/fast:1 that sleeps 2 s before exiting: a difference large enough to stay clear of the noise
 * of a loaded, shared 2-CPU machine (patchlens/slow's 0.3 s does not always).
 */
export function sleepyImage(host = SHARED_HOST): string {
	const ref = 'patchlens-test/sleep:2';
	execFileSync('docker', ['-H', host, 'build', '-q', '-t', ref, '-'], { input: 'FROM patchlens/fast:1\nCMD ["sleep", "2"]\n', encoding: 'utf8' });
	return ref;
}

// Shared bits of the benchmark suites: the fixture environment and leak checks against the real engine.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface FixtureImage { ref: string; registryRef: string; imageId: string; digest: string; layerCount: number; compressedSize: number; layers: { digest: string; size: number }[] }
export interface FixtureEnv { dockerHost: string; registry: string; images: FixtureImage[] }

export function fixtureEnv(): FixtureEnv {
	return JSON.parse(readFileSync(process.env.PATCHLENS_ENV_JSON ?? `${process.env.PATCHLENS_ENV_DIR ?? '/tmp/patchlens-env'}/env.json`, 'utf8')) as FixtureEnv;
}

export function fixture(ref: string): FixtureImage {
	const image = fixtureEnv().images.find(i => i.ref === ref);
	if (!image) throw new Error(`fixture ${ref} missing from env.json; run scripts/env/up.sh`);
	return image;
}

/** The engine the environment built its fixtures on (env.json), so a scratch environment on a private dockerd works. */
export const SHARED_HOST = (() => {
	try {
		return fixtureEnv().dockerHost;
	} catch {
		return 'unix:///var/run/docker.sock';
	}
})();

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

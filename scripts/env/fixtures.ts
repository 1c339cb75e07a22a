// The fixture environment scripts/env/up.sh describes in env.json (engine, registries, images), read by
// the tests and the performance benchmarks alike.
import { readFileSync } from 'node:fs';

export interface FixtureImage { ref: string; registryRef: string; imageId: string; digest: string; layerCount: number; compressedSize: number; layers: { digest: string; size: number }[] }
export interface FixtureEnv { dockerHost: string; registry: string; images: FixtureImage[] }

export function fixtureEnv(): FixtureEnv {
	return JSON.parse(readFileSync(process.env.PATCHLENS_ENV_JSON ?? `${process.env.PATCHLENS_ENV_DIR ?? '/tmp/patchlens-env'}/env.json`, 'utf8')) as FixtureEnv;
}

/** The engine the environment built its fixtures on (env.json), so a scratch environment on a private dockerd works. */
export const SHARED_HOST = (() => {
	try {
		return fixtureEnv().dockerHost;
	} catch {
		return 'unix:///var/run/docker.sock';
	}
})();

export function fixture(ref: string): FixtureImage {
	const image = fixtureEnv().images.find(i => i.ref === ref);
	if (!image) throw new Error(`fixture ${ref} missing from env.json; run scripts/env/up.sh`);
	return image;
}

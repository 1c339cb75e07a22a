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

/** The private swarm-mode engine of scripts/env/swarm.sh and its rollout fixtures (all pushed to the registry). */
export interface SwarmEnv {
	dockerHost: string;
	nodeAddr: string;
	images: { service1: string; service2: string; stubborn: string; crash: string };
}

export function swarmEnv(): SwarmEnv {
	const env = fixtureEnv() as FixtureEnv & { swarm?: SwarmEnv; stateDir?: string };
	if (env.swarm) return env.swarm;
	// An environment brought up before env.json carried the swarm: swarm.sh's own record.
	const file = `${env.stateDir ?? '/tmp/patchlens-env'}/swarm.json`;
	try {
		return JSON.parse(readFileSync(file, 'utf8')) as SwarmEnv;
	} catch {
		throw new Error(`no private swarm described in env.json or ${file}; run scripts/env/up.sh (or scripts/env/swarm.sh up)`);
	}
}

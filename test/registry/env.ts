// The real test environment (scripts/env/up.sh): registries on 127.0.0.1:5000 / :5001 by default; a scratch
// environment (PATCHLENS_ENV_DIR) may put them and the engine elsewhere, so tests read them from env.json.
import { readFileSync } from 'node:fs';

export interface EnvImage {
	name: string;
	tag: string;
	repository: string;
	registryRef: string;
	digest: string;
	compressedSize: number;
	layers: { digest: string; size: number }[];
}

export interface TestEnv {
	dockerHost: string;
	registry: string;
	authRegistry: string;
	authUser: string;
	authPassword: string;
	images: EnvImage[];
}

const ENV_FILE = `${process.env.PATCHLENS_ENV_DIR ?? '/tmp/patchlens-env'}/env.json`;

/** The environment, or why tests needing it cannot run (they are skipped with that reason). */
export function loadEnv(): { env?: TestEnv; skip?: string } {
	try {
		return { env: JSON.parse(readFileSync(ENV_FILE, 'utf8')) };
	} catch {
		return { skip: `no ${ENV_FILE}: run scripts/env/up.sh` };
	}
}

/** Fails with a clear message when the environment was set up but its registry is down. */
export async function assertRegistryUp(host: string): Promise<void> {
	try {
		await fetch(`http://${host}/v2/`, { signal: AbortSignal.timeout(2000) });
	} catch {
		throw new Error(`registry ${host} does not answer: run scripts/env/up.sh`);
	}
}

export function image(env: TestEnv, ref: string): EnvImage {
	const found = env.images.find(i => `${i.name}:${i.tag}` === ref);
	if (!found) throw new Error(`fixture image ${ref} missing from env.json`);
	return found;
}

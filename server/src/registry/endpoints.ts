// Which URL serves a registry host. Docker Hub's API lives on registry-1.docker.io; loopback hosts
// are plain HTTP (Docker's insecure-registry default for 127.0.0.0/8); everything else is HTTPS.
// Mirrors (PATCHLENS_REGISTRY_MIRROR) redirect a host to another endpoint: for tests and air-gapped
// mirrors, so no test ever contacts a real public registry.
import { fail, ok, type Result } from './result';

export type EndpointMap = (host: string) => URL;

export const DOCKER_HUB_HOST = 'docker.io';
export const DOCKER_HUB_ENDPOINT = 'https://registry-1.docker.io';
/** The environment variable holding `host=url[,host=url…]` mirror mappings. */
export const MIRROR_ENV = 'PATCHLENS_REGISTRY_MIRROR';

const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?$/i;

export function isLoopbackHost(host: string): boolean {
	return LOOPBACK.test(host);
}

export function defaultRegistryEndpoint(host: string): URL {
	if (host === DOCKER_HUB_HOST) return new URL(DOCKER_HUB_ENDPOINT);
	return new URL(`${isLoopbackHost(host) ? 'http' : 'https'}://${host}`);
}

/** Endpoint mapping with mirrors taking precedence over the defaults. */
export function registryEndpoint(mirrors: ReadonlyMap<string, string> = new Map()): EndpointMap {
	return host => {
		const mirror = mirrors.get(host);
		return mirror ? new URL(mirror) : defaultRegistryEndpoint(host);
	};
}

/** Parses `docker.io=http://127.0.0.1:5000,ghcr.io=https://mirror.example`. */
export function parseMirrors(spec: string): Result<Map<string, string>> {
	const mirrors = new Map<string, string>();
	for (const entry of spec.split(',').map(s => s.trim()).filter(Boolean)) {
		const eq = entry.indexOf('=');
		const host = eq > 0 ? entry.slice(0, eq).trim() : '';
		const url = eq > 0 ? entry.slice(eq + 1).trim() : '';
		let parsed: URL | undefined;
		try {
			parsed = new URL(url);
		} catch {
			parsed = undefined;
		}
		if (!host || !parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
			return fail('malformed', `${MIRROR_ENV}: expected host=http(s)://url, got "${entry}"`);
		}
		mirrors.set(host, parsed.origin + parsed.pathname.replace(/\/+$/, ''));
	}
	return ok(mirrors);
}

export function mirrorsFromEnv(env: NodeJS.ProcessEnv = process.env): Result<Map<string, string>> {
	return parseMirrors(env[MIRROR_ENV] ?? '');
}

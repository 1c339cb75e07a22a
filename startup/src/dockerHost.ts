// Which Docker Engine to talk to, resolved like the docker CLI: explicit setting, DOCKER_HOST,
// DOCKER_CONTEXT / the current context of ~/.docker/config.json, then the default socket.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import type { DockerOptions } from 'dockerode';

export const DEFAULT_DOCKER_HOST = 'unix:///var/run/docker.sock';

export interface ResolvedHost {
	/** The engine address as the user writes it, e.g. unix:///var/run/docker.sock or ssh://me@box. */
	host: string;
	source: 'setting' | 'DOCKER_HOST' | 'context' | 'default';
	/** Name of the docker context the host came from. */
	context?: string;
}

export interface HostEnvironment {
	env?: NodeJS.ProcessEnv;
	home?: string;
	readFile?: (file: string) => string;
}

/** Resolves the engine address; `setting` is `patchlens.docker.host` or the CLI's --host (empty = unset). */
export function resolveDockerHost(setting: string | undefined, environment: HostEnvironment = {}): ResolvedHost {
	const env = environment.env ?? process.env;
	if (setting?.trim()) return { host: setting.trim(), source: 'setting' };
	if (env.DOCKER_HOST?.trim()) return { host: env.DOCKER_HOST.trim(), source: 'DOCKER_HOST' };
	const read = environment.readFile ?? (file => readFileSync(file, 'utf8'));
	const configDir = env.DOCKER_CONFIG || path.join(environment.home ?? homedir(), '.docker');
	const context = env.DOCKER_CONTEXT?.trim() || currentContext(configDir, read);
	if (context && context !== 'default') {
		const host = contextHost(configDir, context, read);
		if (host) return { host, source: 'context', context };
	}
	return { host: DEFAULT_DOCKER_HOST, source: 'default' };
}

function readJson(file: string, read: (file: string) => string): unknown {
	try {
		return JSON.parse(read(file));
	} catch {
		return undefined; // missing or unreadable config: the CLI ignores it too
	}
}

function currentContext(configDir: string, read: (file: string) => string): string | undefined {
	const config = readJson(path.join(configDir, 'config.json'), read) as { currentContext?: unknown } | undefined;
	return typeof config?.currentContext === 'string' ? config.currentContext : undefined;
}

function contextHost(configDir: string, name: string, read: (file: string) => string): string | undefined {
	const id = createHash('sha256').update(name).digest('hex');
	const meta = readJson(path.join(configDir, 'contexts', 'meta', id, 'meta.json'), read) as
		{ Endpoints?: { docker?: { Host?: unknown } } } | undefined;
	const host = meta?.Endpoints?.docker?.Host;
	return typeof host === 'string' && host ? host : undefined;
}

/** dockerode options for an address; throws a RangeError naming the address when it cannot be used. */
export function dockerOptions(host: string, env: NodeJS.ProcessEnv = process.env): DockerOptions {
	if (host.startsWith('unix://')) return { socketPath: host.slice('unix://'.length) || '/var/run/docker.sock' };
	if (host.startsWith('npipe://')) return { socketPath: host.slice('npipe://'.length) };
	let url: URL;
	try {
		url = new URL(host.includes('//') ? host : `tcp://${host}`);
	} catch {
		throw new RangeError(`cannot use Docker host "${host}" (expected unix://, tcp:// or ssh://)`);
	}
	if (url.protocol === 'ssh:') {
		return {
			protocol: 'ssh', host: url.hostname, port: url.port ? Number(url.port) : 22, username: decodeURIComponent(url.username) || undefined,
			sshOptions: { agent: env.SSH_AUTH_SOCK },
		} as DockerOptions;
	}
	if (url.protocol === 'tcp:' || url.protocol === 'http:' || url.protocol === 'https:') {
		const tls = url.protocol === 'https:' || env.DOCKER_TLS_VERIFY === '1' || url.port === '2376';
		const options: DockerOptions = { protocol: tls ? 'https' : 'http', host: url.hostname, port: Number(url.port || (tls ? 2376 : 2375)) };
		if (tls && env.DOCKER_CERT_PATH) {
			options.ca = readFileSync(path.join(env.DOCKER_CERT_PATH, 'ca.pem'));
			options.cert = readFileSync(path.join(env.DOCKER_CERT_PATH, 'cert.pem'));
			options.key = readFileSync(path.join(env.DOCKER_CERT_PATH, 'key.pem'));
		}
		return options;
	}
	throw new RangeError(`cannot use Docker host "${host}" (expected unix://, tcp:// or ssh://)`);
}

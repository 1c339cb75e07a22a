// Registry credentials from Docker's own config (`$DOCKER_CONFIG/config.json`, else ~/.docker):
// `credHelpers[host]`, then `credsStore`, then `auths[host].auth` / `identitytoken` — the order
// the docker CLI uses. Helpers are run as `docker-credential-<name> get` with the server URL on
// stdin. Secrets stay in memory and never reach a message.
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DOCKER_HUB_HOST } from './endpoints';
import { fail, ok, type Result } from './result';

export type Credentials =
	| { kind: 'basic'; username: string; password: string }
	/** An OAuth2 refresh token (`docker login` with SSO), exchanged at the token realm. */
	| { kind: 'identity-token'; token: string };

/** Credentials for a registry host (as in image references: `docker.io`, `ghcr.io`, `127.0.0.1:5001`). */
export type CredentialLookup = (host: string) => Promise<Result<Credentials | undefined>>;

export const NO_CREDENTIALS: CredentialLookup = async () => ok(undefined);

/** The key Docker stores Docker Hub credentials under. */
const DOCKER_HUB_SERVER = 'https://index.docker.io/v1/';
const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

interface DockerConfig {
	auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>;
	credsStore?: string;
	credHelpers?: Record<string, string>;
}

export interface DockerConfigOptions {
	/** Folder holding config.json; default `$DOCKER_CONFIG`, else `~/.docker`. */
	configDir?: string;
	env?: NodeJS.ProcessEnv;
	helperTimeoutMs?: number;
}

export function dockerConfigDir(env: NodeJS.ProcessEnv = process.env): string {
	return env.DOCKER_CONFIG || path.join(os.homedir(), '.docker');
}

/** A lookup reading Docker's config once, memoising per host for the session. */
export function dockerConfigCredentials(options: DockerConfigOptions = {}): CredentialLookup {
	const env = options.env ?? process.env;
	const file = path.join(options.configDir ?? dockerConfigDir(env), 'config.json');
	let config: Promise<Result<DockerConfig>> | undefined;
	const memo = new Map<string, Promise<Result<Credentials | undefined>>>();
	return host => {
		let found = memo.get(host);
		if (!found) {
			config ??= readConfig(file);
			found = config.then(c => c.ok ? lookup(c.value, host, env, options.helperTimeoutMs ?? 10_000) : c);
			memo.set(host, found);
		}
		return found;
	};
}

async function readConfig(file: string): Promise<Result<DockerConfig>> {
	let text: string;
	try {
		text = await fs.readFile(file, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ok({});
		return fail('malformed', `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
	}
	try {
		const parsed = JSON.parse(text) as unknown;
		return ok(parsed && typeof parsed === 'object' ? parsed as DockerConfig : {});
	} catch {
		// Not the parser's message: it may quote the file's text, secrets included.
		return fail('malformed', `${file} is not valid JSON`);
	}
}

async function lookup(config: DockerConfig, host: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Result<Credentials | undefined>> {
	const helper = helperFor(config, host);
	if (helper) {
		const fromHelper = await runHelper(helper, serverUrl(host), env, timeoutMs);
		if (!fromHelper.ok || fromHelper.value) return fromHelper;
	}
	return ok(fromAuths(config, host));
}

function helperFor(config: DockerConfig, host: string): string | undefined {
	for (const [key, name] of Object.entries(config.credHelpers ?? {})) {
		if (normaliseHost(key) === host && typeof name === 'string' && name) return name;
	}
	return typeof config.credsStore === 'string' && config.credsStore ? config.credsStore : undefined;
}

function serverUrl(host: string): string {
	return host === DOCKER_HUB_HOST ? DOCKER_HUB_SERVER : host;
}

/** `https://index.docker.io/v1/`, `http://127.0.0.1:5001`, `ghcr.io` → the host as references spell it. */
export function normaliseHost(key: string): string {
	const host = key.trim().replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '').toLowerCase();
	return DOCKER_HUB_ALIASES.has(host) ? DOCKER_HUB_HOST : host;
}

function fromAuths(config: DockerConfig, host: string): Credentials | undefined {
	for (const [key, entry] of Object.entries(config.auths ?? {})) {
		if (normaliseHost(key) !== host || !entry || typeof entry !== 'object') continue;
		if (typeof entry.identitytoken === 'string' && entry.identitytoken) return { kind: 'identity-token', token: entry.identitytoken };
		if (typeof entry.auth === 'string' && entry.auth) {
			const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
			const colon = decoded.indexOf(':');
			if (colon > 0) return { kind: 'basic', username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
		}
		if (typeof entry.username === 'string' && typeof entry.password === 'string') {
			return { kind: 'basic', username: entry.username, password: entry.password };
		}
	}
	return undefined;
}

/** Runs `docker-credential-<name> get`; "not found" is no credentials, not an error. */
function runHelper(name: string, server: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Result<Credentials | undefined>> {
	const program = `docker-credential-${name}`;
	return new Promise(resolve => {
		let stdout = '';
		let stderr = '';
		let settled = false;
		const done = (result: Result<Credentials | undefined>) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			resolve(result);
		};
		const child = spawn(program, ['get'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
		const timer = setTimeout(() => {
			child.kill();
			done(fail('timeout', `credential helper ${program} did not answer within ${timeoutMs} ms`));
		}, timeoutMs);
		child.stdout.on('data', d => (stdout += d));
		child.stderr.on('data', d => (stderr += d));
		child.on('error', error => {
			const code = (error as NodeJS.ErrnoException).code;
			done(fail('unauthorized', code === 'ENOENT'
				? `credential helper ${program} is not on PATH`
				: `credential helper ${program} could not run (${code ?? 'error'})`));
		});
		child.stdin.on('error', () => undefined);
		child.stdin.end(server);
		child.on('close', code => {
			if (code !== 0) {
				// Helpers print this exact text when they hold nothing for the server.
				if (/credentials not found/i.test(stdout + stderr)) return done(ok(undefined));
				// Output is not quoted: a misbehaving helper might echo the secret.
				return done(fail('unauthorized', `credential helper ${program} failed (exit ${code})`));
			}
			try {
				const answer = JSON.parse(stdout) as { Username?: unknown; Secret?: unknown };
				if (typeof answer.Secret !== 'string' || typeof answer.Username !== 'string') {
					return done(fail('malformed', `credential helper ${program} answered without Username/Secret`));
				}
				if (answer.Username === '<token>') return done(ok({ kind: 'identity-token', token: answer.Secret }));
				return done(ok({ kind: 'basic', username: answer.Username, password: answer.Secret }));
			} catch {
				return done(fail('malformed', `credential helper ${program} did not answer JSON`));
			}
		});
	});
}

// Registry authentication: answers a `WWW-Authenticate` challenge with Basic credentials or a
// Bearer token from the realm the registry names (Docker's token flow, anonymous or with
// credentials, including refresh-token exchange). Credentials go only to the registry they were
// stored for and to the token realm its own challenge names — over HTTPS, or over plain HTTP only
// to the registry's own host (a plain-HTTP registry already gets them in clear). Tokens are cached
// per registry/realm/service/scope until they expire; one request per key is in flight at a time.
import type { Credentials } from './credentials';
import { send, type HttpPolicy } from './http';
import { fail, ok, type Result } from './result';

export interface Challenge {
	scheme: 'basic' | 'bearer';
	params: Record<string, string>;
}

/** Parses the first challenge of a `WWW-Authenticate` header (RFC 9110 §11.6.1). */
export function parseChallenge(header: string | null): Challenge | undefined {
	const match = header?.trim().match(/^(\w+)\s*(.*)$/s);
	if (!match) return undefined;
	const scheme = match[1].toLowerCase();
	if (scheme !== 'basic' && scheme !== 'bearer') return undefined;
	const params: Record<string, string> = {};
	const param = /([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*,?\s*/gy;
	param.lastIndex = 0;
	const rest = match[2];
	let found: RegExpExecArray | null;
	while (param.lastIndex < rest.length && (found = param.exec(rest))) {
		params[found[1].toLowerCase()] = found[2] !== undefined ? found[2].replace(/\\(.)/g, '$1') : found[3];
	}
	return { scheme, params };
}

export function basicHeader(credentials: { username: string; password: string }): string {
	return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
}

interface CachedToken {
	header: string;
	expiresAt: number;
}

/** Token answers live this long when the realm does not say (Docker's default). */
const DEFAULT_TOKEN_SECONDS = 60;
const MAX_TOKEN_BYTES = 1024 * 1024;

export class TokenCache {
	private readonly tokens = new Map<string, CachedToken>();
	/** Token requests in flight: concurrent lookups of one registry and scope share one. */
	readonly pending = new Map<string, Promise<Result<string>>>();
	/** The scheme each registry origin asked for last: lets later requests authenticate up front. */
	private readonly challenges = new Map<string, Challenge>();

	remember(origin: string, challenge: Challenge): void {
		this.challenges.set(origin, challenge);
	}

	challengeFor(origin: string): Challenge | undefined {
		return this.challenges.get(origin);
	}

	get(key: string, now = Date.now()): string | undefined {
		const token = this.tokens.get(key);
		return token && token.expiresAt > now ? token.header : undefined;
	}

	set(key: string, header: string, expiresAt: number): void {
		this.tokens.set(key, { header, expiresAt });
	}
}

/** Includes the registry: a token fetched with one registry's credentials never serves another. */
export function tokenKey(registry: URL, challenge: Challenge, scope: string): string {
	return `${registry.origin}|${challenge.params.realm}|${challenge.params.service ?? ''}|${scope}`;
}

/**
 * May stored credentials go to this realm? HTTPS: yes (Docker Hub's realm is auth.docker.io, not
 * the registry's host). Plain HTTP: only to the host of a plain-HTTP registry — in practice a
 * loopback registry and its token service on another port. Another host over plain HTTP, even
 * another loopback address, gets nothing: 127.0.0.2 may be a tunnel to anywhere.
 */
export function realmMayReceiveCredentials(realm: URL, registry: URL): boolean {
	if (realm.protocol === 'https:') return true;
	return registry.protocol === 'http:' && realm.hostname === registry.hostname;
}

/**
 * The Authorization header answering `challenge` for `scope`, fetching a token when needed.
 * `registryUrl` is the registry the challenge came from (the caller checked its origin).
 */
export async function answerChallenge(
	challenge: Challenge, scope: string, registryUrl: URL, credentials: Credentials | undefined,
	tokens: TokenCache, policy: HttpPolicy,
): Promise<Result<string>> {
	if (challenge.scheme === 'basic') {
		if (credentials?.kind !== 'basic') return fail('unauthorized', 'the registry requires a user name and password');
		return ok(basicHeader(credentials));
	}
	const key = tokenKey(registryUrl, challenge, scope);
	const cached = tokens.get(key);
	if (cached) return ok(cached);
	const running = tokens.pending.get(key);
	if (running) return running;
	const request = fetchToken(challenge, scope, registryUrl, credentials, policy).then(result => {
		if (result.ok) tokens.set(key, result.value.header, result.value.expiresAt);
		return result.ok ? ok(result.value.header) : result;
	}).finally(() => tokens.pending.delete(key));
	tokens.pending.set(key, request);
	return request;
}

async function fetchToken(
	challenge: Challenge, scope: string, registryUrl: URL, credentials: Credentials | undefined, policy: HttpPolicy,
): Promise<Result<CachedToken>> {
	let realm: URL;
	try {
		realm = new URL(challenge.params.realm ?? '');
	} catch {
		return fail('malformed', 'the registry sent a Bearer challenge without a valid realm');
	}
	if (realm.protocol !== 'https:' && realm.protocol !== 'http:') return fail('malformed', 'the token realm is not an HTTP(S) URL');
	const usable = realmMayReceiveCredentials(realm, registryUrl) ? credentials : undefined;
	const started = Date.now();
	// A token answer is a few KB of JSON.
	policy = { ...policy, maxBodyBytes: MAX_TOKEN_BYTES };
	const response = usable?.kind === 'identity-token'
		? await send({
			method: 'POST', url: realm,
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: usable.token, service: challenge.params.service ?? '', scope, client_id: 'patchlens' }).toString(),
		}, policy)
		: await send({ method: 'GET', url: tokenUrl(realm, challenge, scope), headers: usable?.kind === 'basic' ? { authorization: basicHeader(usable) } : {} }, policy);
	if (!response.ok) return fail(response.error.kind, `token request to ${realm.host} failed: ${response.error.message}`);
	const { status, body } = response.value;
	if (status === 401 || status === 403) {
		return fail('unauthorized', usable ? `the token service ${realm.host} rejected the stored credentials` : `the token service ${realm.host} refused anonymous access`, status);
	}
	if (status !== 200) return fail('server', `the token service ${realm.host} answered ${status}`, status);
	const token = parseTokenAnswer(body);
	if (!token.ok) return fail('malformed', `the token service ${realm.host} ${token.error.message}`);
	const lifetime = token.value.lifetime ?? DEFAULT_TOKEN_SECONDS;
	// Renew a little early: a token that expires in flight costs a 401 round trip.
	return ok({ header: `Bearer ${token.value.token}`, expiresAt: started + lifetime * 1000 - Math.min(10_000, lifetime * 100) });
}

function parseTokenAnswer(body: Buffer): Result<{ token: string; lifetime?: number }> {
	let answer: { token?: unknown; access_token?: unknown; expires_in?: unknown };
	try {
		answer = JSON.parse(body.toString('utf8'));
	} catch {
		return fail('malformed', 'did not answer JSON');
	}
	const token = typeof answer?.token === 'string' && answer.token ? answer.token : typeof answer?.access_token === 'string' ? answer.access_token : '';
	// Tokens are visible ASCII (JWTs, base64): a line break would smuggle headers into later requests.
	if (!/^[!-~]+$/.test(token)) return fail('malformed', 'answered without a usable token');
	const lifetime = typeof answer.expires_in === 'number' && Number.isFinite(answer.expires_in) && answer.expires_in > 0 ? answer.expires_in : undefined;
	return ok(lifetime === undefined ? { token } : { token, lifetime });
}

function tokenUrl(realm: URL, challenge: Challenge, scope: string): URL {
	const url = new URL(realm);
	if (challenge.params.service) url.searchParams.set('service', challenge.params.service);
	url.searchParams.set('scope', scope);
	return url;
}

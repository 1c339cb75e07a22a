// Registry authentication: answers a `WWW-Authenticate` challenge with Basic credentials or a
// Bearer token from the realm the registry names (Docker's token flow, anonymous or with
// credentials, including refresh-token exchange). Credentials go only to the registry they were
// stored for and to its token realm; tokens are cached per realm/service/scope until they expire.
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

export class TokenCache {
	private readonly tokens = new Map<string, CachedToken>();
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

export function tokenKey(challenge: Challenge, scope: string): string {
	return `${challenge.params.realm}|${challenge.params.service ?? ''}|${scope}`;
}

/**
 * The Authorization header answering `challenge` for `scope`, fetching a token when needed.
 * `registryUrl` is the registry the challenge came from: credentials are never sent over plain
 * HTTP to a realm unless the registry itself is plain HTTP (loopback test registries).
 */
export async function answerChallenge(
	challenge: Challenge, scope: string, registryUrl: URL, credentials: Credentials | undefined,
	tokens: TokenCache, policy: HttpPolicy,
): Promise<Result<string>> {
	if (challenge.scheme === 'basic') {
		if (credentials?.kind !== 'basic') return fail('unauthorized', 'the registry requires a user name and password');
		return ok(basicHeader(credentials));
	}
	const cached = tokens.get(tokenKey(challenge, scope));
	if (cached) return ok(cached);
	let realm: URL;
	try {
		realm = new URL(challenge.params.realm ?? '');
	} catch {
		return fail('malformed', 'the registry sent a Bearer challenge without a valid realm');
	}
	if (realm.protocol !== 'https:' && realm.protocol !== 'http:') return fail('malformed', 'the token realm is not an HTTP(S) URL');
	const mayCarrySecrets = realm.protocol === 'https:' || registryUrl.protocol === 'http:';
	const usable = mayCarrySecrets ? credentials : undefined;
	const started = Date.now();
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
	let answer: { token?: unknown; access_token?: unknown; expires_in?: unknown; issued_at?: unknown };
	try {
		answer = JSON.parse(body.toString('utf8'));
	} catch {
		return fail('malformed', `the token service ${realm.host} did not answer JSON`);
	}
	const token = typeof answer.token === 'string' && answer.token ? answer.token : typeof answer.access_token === 'string' ? answer.access_token : '';
	if (!token) return fail('malformed', `the token service ${realm.host} answered without a token`);
	const lifetime = typeof answer.expires_in === 'number' && answer.expires_in > 0 ? answer.expires_in : DEFAULT_TOKEN_SECONDS;
	const header = `Bearer ${token}`;
	// Renew a little early: a token that expires in flight costs a 401 round trip.
	tokens.set(tokenKey(challenge, scope), header, started + lifetime * 1000 - Math.min(10_000, lifetime * 100));
	return ok(header);
}

function tokenUrl(realm: URL, challenge: Challenge, scope: string): URL {
	const url = new URL(realm);
	if (challenge.params.service) url.searchParams.set('service', challenge.params.service);
	url.searchParams.set('scope', scope);
	return url;
}

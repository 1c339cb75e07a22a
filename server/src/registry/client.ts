// OCI distribution API client: tag lists (paginated), the digest a tag points at (the multi-arch
// index's, never one architecture's), and the compressed layers of one platform's image.
// Authentication per registry (auth.ts, credentials.ts), retries (http.ts), and an optional
// on-disk cache (cache.ts). Every method returns a typed Result. Each lookup (one public call) has
// one time limit covering its requests, retries and waits; the client's `signal` ends them all (a
// run's deadline); a registry that fails as a whole is not asked again for a while (breaker.ts).
// Every value — live or cached — passes the same validator before anyone sees it.
import { createHash } from 'node:crypto';
import { isTag } from '../core/image/grammar';
import { answerChallenge, parseChallenge, TokenCache, type Challenge } from './auth';
import { RegistryBreaker } from './breaker';
import type { DiskCache, Validator } from './cache';
import { NO_CREDENTIALS, normaliseHost, type CredentialLookup, type Credentials } from './credentials';
import { registryEndpoint, type EndpointMap } from './endpoints';
import { DEFAULT_POLICY, send, type HttpPolicy, type HttpResponse } from './http';
import { DIGEST_PATTERN, formatPlatform, isManifest, LINUX_AMD64, MANIFEST_ACCEPT, parseManifest, selectPlatform, type Layer, type Manifest, type Platform } from './manifest';
import { fail, ok, type Result } from './result';
import { collectTags, DEFAULT_TAG_LIMITS, type TagLimits } from './tagList';

/** What the client needs of an image reference: `docker.io` + `library/python`. */
export interface RepositoryRef {
	registry: string;
	path: string;
}

export interface RegistryClientOptions {
	/** Host → API endpoint; default Docker Hub's real host for docker.io, https elsewhere, http on loopback. */
	endpoint?: EndpointMap;
	credentials?: CredentialLookup;
	/** No cache when absent. */
	cache?: DiskCache;
	/** Freshness of answers that can change (tag lists, tag → digest). */
	mutableTtlMs?: number;
	http?: Partial<HttpPolicy>;
	/** Tags asked for per page. */
	pageSize?: number;
	userAgent?: string;
	/** Ends every lookup when it aborts (a run's deadline); a string reason is the message. */
	signal?: AbortSignal;
	/** How long a registry that failed as a whole is not asked again. */
	breakerMs?: number;
	/** The breaker's clock. */
	now?: () => number;
	tagLimits?: Partial<TagLimits>;
}

export interface ManifestAnswer {
	digest: string;
	manifest: Manifest;
}

export const DEFAULT_MUTABLE_TTL_MS = 60 * 60 * 1000;
/** Content addressed by digest never changes. */
const IMMUTABLE_TTL_MS = 30 * 24 * 60 * 60 * 1000;
const DEFAULT_BREAKER_MS = 5 * 60_000;
/** The distribution spec asks registries to accept manifests up to 4 MiB: no real one is larger. */
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

const isDigestAnswer: Validator<string> = (value): value is string => typeof value === 'string' && DIGEST_PATTERN.test(value);
const isManifestAnswer: Validator<ManifestAnswer> = (value): value is ManifestAnswer => {
	const answer = value as Partial<ManifestAnswer> | null;
	return !!answer && typeof answer === 'object' && isDigestAnswer(answer.digest) && isManifest(answer.manifest);
};

const isJsonObject: Validator<Record<string, unknown>> = (value): value is Record<string, unknown> =>
	!!value && typeof value === 'object' && !Array.isArray(value);

export class RegistryClient {
	private readonly endpoint: EndpointMap;
	private readonly credentials: CredentialLookup;
	private readonly policy: HttpPolicy;
	private readonly tokens = new TokenCache();
	private readonly inflight = new Map<string, Promise<Result<unknown>>>();
	private readonly breaker: RegistryBreaker;
	private readonly tagLimits: TagLimits;
	private readonly isTagList: Validator<string[]>;

	constructor(private readonly options: RegistryClientOptions = {}) {
		this.endpoint = options.endpoint ?? registryEndpoint();
		this.credentials = options.credentials ?? NO_CREDENTIALS;
		this.policy = { ...DEFAULT_POLICY, ...options.http };
		this.breaker = new RegistryBreaker(options.breakerMs ?? DEFAULT_BREAKER_MS, options.now);
		const limits = this.tagLimits = { ...DEFAULT_TAG_LIMITS, ...options.tagLimits };
		this.isTagList = (value): value is string[] => Array.isArray(value) && value.length <= limits.maxTags && value.every(isTag);
	}

	/** Every tag of the repository, following `Link: <…>; rel="next"` pages, within the tag limits. */
	tags(repo: RepositoryRef): Promise<Result<string[]>> {
		return this.cached(repo, `tags|${this.origin(repo)}|${repo.path}`, this.mutableTtl, this.isTagList, policy => this.fetchTags(repo, policy));
	}

	/** The digest `tag` points at now: the image index's for multi-arch images. */
	digest(repo: RepositoryRef, tag: string): Promise<Result<string>> {
		return this.cached(repo, `digest|${this.origin(repo)}|${repo.path}|${tag}`, this.mutableTtl, isDigestAnswer, policy => this.fetchDigest(repo, tag, policy));
	}

	/** The manifest (index or image) a tag or digest names, with its digest. */
	manifest(repo: RepositoryRef, reference: string): Promise<Result<ManifestAnswer>> {
		const ttl = DIGEST_PATTERN.test(reference) ? IMMUTABLE_TTL_MS : this.mutableTtl;
		return this.cached(repo, `manifest|${this.origin(repo)}|${repo.path}|${reference}`, ttl, isManifestAnswer, policy => this.fetchManifest(repo, reference, policy));
	}

	/** Compressed layers of the image for `platform` (default linux/amd64), as stored in the registry. */
	async layers(repo: RepositoryRef, reference: string, platform: Platform = LINUX_AMD64): Promise<Result<Layer[]>> {
		const top = await this.manifest(repo, reference);
		if (!top.ok) return top;
		// A single-platform image: its platform is only in the config blob, not worth a fetch here.
		if (top.value.manifest.kind === 'image') return ok(top.value.manifest.layers);
		const entry = selectPlatform(top.value.manifest.manifests, platform);
		if (!entry) {
			const offered = top.value.manifest.manifests.flatMap(d => d.platform && d.platform.os !== 'unknown' ? [formatPlatform(d.platform)] : []);
			return fail('not-found', `${describe(repo)}:${reference} has no ${formatPlatform(platform)} image (has ${offered.join(', ') || 'none'})`);
		}
		const image = await this.manifest(repo, entry.digest);
		if (!image.ok) return image;
		if (image.value.manifest.kind !== 'image') return fail('malformed', `${describe(repo)}@${entry.digest} is a nested index`);
		return ok(image.value.manifest.layers);
	}

	/** One JSON document by digest (a platform manifest or an image config), verified against it; cached for good. */
	document(repo: RepositoryRef, kind: 'manifests' | 'blobs', digest: string): Promise<Result<Record<string, unknown>>> {
		return this.cached(repo, `document|${this.origin(repo)}|${repo.path}|${kind}|${digest}`, IMMUTABLE_TTL_MS, isJsonObject, policy => this.fetchDocument(repo, kind, digest, policy));
	}

	private async fetchDocument(repo: RepositoryRef, kind: 'manifests' | 'blobs', digest: string, policy: HttpPolicy): Promise<Result<Record<string, unknown>>> {
		if (!DIGEST_PATTERN.test(digest)) return fail('malformed', `"${digest}" is not a digest`);
		const url = apiUrl(this.endpoint(repo.registry), `${repo.path}/${kind}/${digest}`);
		// Image configs are small JSON like manifests: the same body cap.
		const response = await this.request(repo, 'GET', url, kind === 'manifests' ? MANIFEST_ACCEPT : 'application/json, */*', { ...policy, maxBodyBytes: MAX_MANIFEST_BYTES });
		if (!response.ok) return response;
		const body = response.value.body;
		if (`sha256:${createHash('sha256').update(body).digest('hex')}` !== digest) return fail('malformed', `${describe(repo)}@${digest}: the registry sent content with another digest`);
		try {
			const json: unknown = JSON.parse(body.toString('utf8'));
			return json && typeof json === 'object' && !Array.isArray(json) ? ok(json as Record<string, unknown>) : fail('malformed', `${describe(repo)}@${digest} is not a JSON object`);
		} catch {
			return fail('malformed', `${describe(repo)}@${digest} is not valid JSON`);
		}
	}

	private get mutableTtl(): number {
		return this.options.mutableTtlMs ?? DEFAULT_MUTABLE_TTL_MS;
	}

	private origin(repo: RepositoryRef): string {
		return this.endpoint(repo.registry).origin;
	}

	/**
	 * Disk cache first; concurrent callers of one key share one request; failures are not cached.
	 * A live answer passes `validate` like a cached one. One time limit covers the whole lookup.
	 */
	private cached<T>(repo: RepositoryRef, key: string, ttlMs: number, validate: Validator<T>, load: (policy: HttpPolicy) => Promise<Result<T>>): Promise<Result<T>> {
		const running = this.inflight.get(key) as Promise<Result<T>> | undefined;
		if (running) return running;
		const work = (async (): Promise<Result<T>> => {
			const hit = await this.options.cache?.get(key, validate, ttlMs);
			if (hit !== undefined) return ok(hit);
			const origin = this.origin(repo);
			const refused = this.breaker.refusal<T>(origin, describe(repo)) ?? this.pastDeadline<T>(repo);
			if (refused) return refused;
			const breaker = this.breaker.signal(origin);
			let result = await load(this.lookupPolicy(breaker));
			if (result.ok && !validate(result.value)) result = fail('malformed', `${describe(repo)}: the registry's answer is not valid`);
			result = this.breaker.record(origin, result, breaker, describe(repo));
			if (result.ok) await this.options.cache?.set(key, result.value);
			return result;
		})().finally(() => this.inflight.delete(key));
		this.inflight.set(key, work);
		return work;
	}

	private pastDeadline<T>(repo: RepositoryRef): Result<T> | undefined {
		const signal = this.options.signal;
		if (!signal?.aborted) return undefined;
		return fail('timeout', `${describe(repo)}: ${typeof signal.reason === 'string' ? signal.reason : 'cancelled'}`);
	}

	/** The lookup's time limit, the run's deadline and the registry's breaker, as one policy. */
	private lookupPolicy(breaker: AbortSignal): HttpPolicy {
		const signals = [breaker, this.options.signal, this.policy.signal].filter((s): s is AbortSignal => !!s);
		return { ...this.policy, deadline: Date.now() + this.policy.timeoutMs, signal: AbortSignal.any(signals) };
	}

	private fetchTags(repo: RepositoryRef, policy: HttpPolicy): Promise<Result<string[]>> {
		const first = apiUrl(this.endpoint(repo.registry), `${repo.path}/tags/list`);
		first.searchParams.set('n', String(this.options.pageSize ?? 1000));
		return collectTags(first, (url, maxBytes) => this.request(repo, 'GET', url, 'application/json', { ...policy, maxBodyBytes: Math.min(maxBytes, policy.maxBodyBytes ?? Infinity) }), this.tagLimits, describe(repo));
	}

	private async fetchDigest(repo: RepositoryRef, tag: string, policy: HttpPolicy): Promise<Result<string>> {
		if (!isTag(tag)) return fail('malformed', `"${tag}" is not a valid tag`);
		const url = apiUrl(this.endpoint(repo.registry), `${repo.path}/manifests/${tag}`);
		const head = await this.request(repo, 'HEAD', url, MANIFEST_ACCEPT, policy);
		if (!head.ok) return withTag(head, tag);
		const digest = head.value.headers.get('docker-content-digest');
		if (digest && DIGEST_PATTERN.test(digest)) return ok(digest);
		// Some registries omit the header on HEAD: the digest is the hash of the manifest bytes.
		const full = await this.manifest(repo, tag);
		return full.ok ? ok(full.value.digest) : full;
	}

	private async fetchManifest(repo: RepositoryRef, reference: string, policy: HttpPolicy): Promise<Result<ManifestAnswer>> {
		if (!isTag(reference) && !DIGEST_PATTERN.test(reference)) return fail('malformed', `"${reference}" is neither a tag nor a digest`);
		const url = apiUrl(this.endpoint(repo.registry), `${repo.path}/manifests/${reference}`);
		const response = await this.request(repo, 'GET', url, MANIFEST_ACCEPT, { ...policy, maxBodyBytes: MAX_MANIFEST_BYTES });
		if (!response.ok) return withTag(response, reference);
		const { body, headers } = response.value;
		const computed = `sha256:${createHash('sha256').update(body).digest('hex')}`;
		if (DIGEST_PATTERN.test(reference) && computed !== reference) {
			return fail('malformed', `${describe(repo)}@${reference}: the registry sent content with another digest`);
		}
		const parsed = parseManifest(body, headers.get('content-type') ?? '');
		if (!parsed.ok) return fail('malformed', `${describe(repo)}:${reference}: ${parsed.error.message}`);
		const declared = headers.get('docker-content-digest');
		return ok({ digest: declared && DIGEST_PATTERN.test(declared) ? declared : computed, manifest: parsed.value });
	}

	/** One API call with authentication: answers a 401 challenge once, then maps statuses to kinds. */
	private async request(repo: RepositoryRef, method: 'GET' | 'HEAD', url: URL, accept: string, policy: HttpPolicy): Promise<Result<HttpResponse>> {
		const base = this.endpoint(repo.registry);
		const headers: Record<string, string> = { accept, 'user-agent': this.options.userAgent ?? 'patchlens' };
		const known = this.tokens.challengeFor(base.origin);
		const first = known ? await this.authorize(repo, base, known, policy) : undefined;
		let response = await send({ method, url, headers: withAuthorization(headers, first?.answer) }, policy);
		if (response.ok && response.value.status === 401) {
			const auth = await this.answer401(repo, base, response.value, known, first, policy);
			if (!auth.ok) return auth;
			response = await send({ method, url, headers: withAuthorization(headers, auth.value.answer) }, policy);
			if (response.ok && response.value.status === 401) return this.unauthorized(repo, base, auth.value.credentials);
		}
		if (!response.ok) return fail(response.error.kind, `${describe(repo)}: ${response.error.message}`, response.error.status);
		const { status } = response.value;
		if (status >= 200 && status < 300) return response;
		if (status === 404) return fail('not-found', `${describe(repo)}: not found`, status);
		if (status === 403) return fail('unauthorized', `${describe(repo)}: access denied (403)`, status);
		return fail('server', `${describe(repo)}: unexpected answer ${status}`, status);
	}

	private async authorize(repo: RepositoryRef, base: URL, challenge: Challenge, policy: HttpPolicy): Promise<Authorization> {
		const credentials = await this.credentialsFor(base);
		const answer = await answerChallenge(challenge, `repository:${repo.path}:pull`, base, credentials.ok ? credentials.value : undefined, this.tokens, policy);
		return { credentials, answer };
	}

	/** How to answer a 401, or why it is not answered. */
	private async answer401(
		repo: RepositoryRef, base: URL, response: HttpResponse, known: Challenge | undefined, first: Authorization | undefined, policy: HttpPolicy,
	): Promise<Result<Authorization>> {
		// Only the registry's own origin may ask for its credentials: a redirect target that
		// answers 401 would otherwise choose where they go (its own realm).
		if (response.url.origin !== base.origin) {
			return fail('unauthorized', `${describe(repo)}: redirected to ${response.url.host}, which asks for authentication; credentials for ${normaliseHost(base.host)} are not sent there`, 401);
		}
		const challenge = parseChallenge(response.headers.get('www-authenticate'));
		if (!challenge) return fail('unauthorized', `${describe(repo)}: the registry answered 401 without an authentication challenge`, 401);
		if (sameChallenge(known, challenge) && first?.answer.ok) return this.unauthorized(repo, base, first.credentials);
		this.tokens.remember(base.origin, challenge);
		const auth = await this.authorize(repo, base, challenge, policy);
		if (auth.answer.ok) return ok(auth);
		const { error } = auth.answer;
		const anonymous = !(auth.credentials.ok && auth.credentials.value);
		if (error.kind === 'unauthorized' && anonymous) return this.unauthorized(repo, base, auth.credentials);
		return fail(error.kind, `${describe(repo)}: ${error.message}${credentialNote(auth.credentials)}`, error.status);
	}

	private credentialsFor(base: URL): Promise<Result<Credentials | undefined>> {
		// Credentials are looked up for the host actually contacted: a mirror never gets Docker Hub's.
		return this.credentials(normaliseHost(base.host));
	}

	private unauthorized(repo: RepositoryRef, base: URL, credentials: Result<Credentials | undefined> | undefined): Result<never> {
		const host = normaliseHost(base.host);
		const message = credentials?.ok && credentials.value
			? `${describe(repo)}: the registry rejected the stored credentials for ${host}`
			// Docker Hub answers 401, not 404, for repositories that do not exist.
			: `${describe(repo)}: authentication required (or no such repository); run \`docker login ${host}\` if it is private`;
		return fail('unauthorized', `${message}${credentialNote(credentials)}`, 401);
	}
}

interface Authorization {
	credentials: Result<Credentials | undefined>;
	answer: Result<string>;
}

function withAuthorization(headers: Record<string, string>, answer: Result<string> | undefined): Record<string, string> {
	return answer?.ok ? { ...headers, authorization: answer.value } : headers;
}

function describe(repo: RepositoryRef): string {
	return `${repo.registry}/${repo.path}`;
}

function apiUrl(base: URL, rest: string): URL {
	return new URL(`${base.pathname.replace(/\/+$/, '')}/v2/${rest}`, base);
}

function withTag<T>(result: Result<T>, reference: string): Result<T> {
	if (result.ok || result.error.kind !== 'not-found') return result;
	return fail('not-found', `${result.error.message.replace(/: not found$/, '')}:${reference} not found`, result.error.status);
}

function sameChallenge(a: Challenge | undefined, b: Challenge): boolean {
	return !!a && a.scheme === b.scheme && a.params.realm === b.params.realm && a.params.service === b.params.service;
}

function credentialNote(credentials: Result<Credentials | undefined> | undefined): string {
	return credentials && !credentials.ok ? ` (${credentials.error.message})` : '';
}

// OCI distribution API client: tag lists (paginated), the digest a tag points at (the multi-arch
// index's, never one architecture's), and the compressed layers of one platform's image.
// Authentication per registry (auth.ts, credentials.ts), retries and time limits (http.ts), and an
// optional on-disk cache (cache.ts). Every method returns a typed Result.
import { createHash } from 'node:crypto';
import { answerChallenge, parseChallenge, TokenCache, type Challenge } from './auth';
import type { DiskCache } from './cache';
import { NO_CREDENTIALS, normaliseHost, type CredentialLookup, type Credentials } from './credentials';
import { registryEndpoint, type EndpointMap } from './endpoints';
import { DEFAULT_POLICY, send, type HttpPolicy, type HttpResponse } from './http';
import { DIGEST_PATTERN, formatPlatform, LINUX_AMD64, MANIFEST_ACCEPT, parseManifest, selectPlatform, type Layer, type Manifest, type Platform } from './manifest';
import { fail, ok, type Result } from './result';

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
}

export const DEFAULT_MUTABLE_TTL_MS = 60 * 60 * 1000;
/** Content addressed by digest never changes. */
const IMMUTABLE_TTL_MS = 30 * 24 * 60 * 60 * 1000;
const MAX_PAGES = 100;
/** Tags as the distribution spec allows them; anything else never reaches a URL. */
const TAG_PATTERN = /^[\w][\w.-]{0,127}$/;

export class RegistryClient {
	private readonly endpoint: EndpointMap;
	private readonly credentials: CredentialLookup;
	private readonly policy: HttpPolicy;
	private readonly tokens = new TokenCache();
	private readonly inflight = new Map<string, Promise<Result<unknown>>>();

	constructor(private readonly options: RegistryClientOptions = {}) {
		this.endpoint = options.endpoint ?? registryEndpoint();
		this.credentials = options.credentials ?? NO_CREDENTIALS;
		this.policy = { ...DEFAULT_POLICY, ...options.http };
	}

	/** Every tag of the repository, following `Link: <…>; rel="next"` pages. */
	tags(repo: RepositoryRef): Promise<Result<string[]>> {
		return this.cached(`tags|${this.origin(repo)}|${repo.path}`, this.mutableTtl, () => this.fetchTags(repo));
	}

	/** The digest `tag` points at now: the image index's for multi-arch images. */
	digest(repo: RepositoryRef, tag: string): Promise<Result<string>> {
		return this.cached(`digest|${this.origin(repo)}|${repo.path}|${tag}`, this.mutableTtl, () => this.fetchDigest(repo, tag));
	}

	/** The manifest (index or image) a tag or digest names, with its digest. */
	manifest(repo: RepositoryRef, reference: string): Promise<Result<{ digest: string; manifest: Manifest }>> {
		const ttl = DIGEST_PATTERN.test(reference) ? IMMUTABLE_TTL_MS : this.mutableTtl;
		return this.cached(`manifest|${this.origin(repo)}|${repo.path}|${reference}`, ttl, () => this.fetchManifest(repo, reference));
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
		return this.cached(`document|${this.origin(repo)}|${repo.path}|${kind}|${digest}`, IMMUTABLE_TTL_MS, () => this.fetchDocument(repo, kind, digest));
	}

	private async fetchDocument(repo: RepositoryRef, kind: 'manifests' | 'blobs', digest: string): Promise<Result<Record<string, unknown>>> {
		if (!DIGEST_PATTERN.test(digest)) return fail('malformed', `"${digest}" is not a digest`);
		const url = apiUrl(this.endpoint(repo.registry), `${repo.path}/${kind}/${digest}`);
		const response = await this.request(repo, 'GET', url, kind === 'manifests' ? MANIFEST_ACCEPT : 'application/json, */*');
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

	/** Disk cache first; concurrent callers of one key share one request. Failures are not cached. */
	private cached<T>(key: string, ttlMs: number, load: () => Promise<Result<T>>): Promise<Result<T>> {
		const running = this.inflight.get(key) as Promise<Result<T>> | undefined;
		if (running) return running;
		const work = (async (): Promise<Result<T>> => {
			const hit = await this.options.cache?.get<T>(key, ttlMs);
			if (hit !== undefined) return ok(hit);
			const result = await load();
			if (result.ok) await this.options.cache?.set(key, result.value);
			return result;
		})().finally(() => this.inflight.delete(key));
		this.inflight.set(key, work);
		return work;
	}

	private async fetchTags(repo: RepositoryRef): Promise<Result<string[]>> {
		const base = this.endpoint(repo.registry);
		let url: URL | undefined = apiUrl(base, `${repo.path}/tags/list`);
		url.searchParams.set('n', String(this.options.pageSize ?? 1000));
		const tags: string[] = [];
		const seen = new Set<string>();
		for (let page = 0; url && page < MAX_PAGES; page++) {
			seen.add(url.href);
			const response = await this.request(repo, 'GET', url, 'application/json');
			if (!response.ok) return response;
			const { body, headers } = response.value;
			const type = headers.get('content-type') ?? '';
			if (!/\bjson\b/i.test(type)) return fail('malformed', `${describe(repo)}: tag list came as ${type || 'no content type'}, not JSON`);
			let parsed: { tags?: unknown };
			try {
				parsed = JSON.parse(body.toString('utf8'));
			} catch {
				return fail('malformed', `${describe(repo)}: tag list is not valid JSON`);
			}
			// distribution answers `"tags": null` for a repository whose tags were all deleted.
			if (parsed?.tags !== null && (!Array.isArray(parsed?.tags) || parsed.tags.some(t => typeof t !== 'string'))) {
				return fail('malformed', `${describe(repo)}: tag list has no "tags" array`);
			}
			tags.push(...(parsed.tags as string[] | null ?? []));
			const next = nextLink(headers.get('link'), response.value.url);
			// A next page on another origin would receive our token: stop instead.
			url = next && next.origin === base.origin && !seen.has(next.href) ? next : undefined;
		}
		return ok([...new Set(tags)]);
	}

	private async fetchDigest(repo: RepositoryRef, tag: string): Promise<Result<string>> {
		if (!TAG_PATTERN.test(tag)) return fail('malformed', `"${tag}" is not a valid tag`);
		const url = apiUrl(this.endpoint(repo.registry), `${repo.path}/manifests/${tag}`);
		const head = await this.request(repo, 'HEAD', url, MANIFEST_ACCEPT);
		if (!head.ok) return withTag(head, tag);
		const digest = head.value.headers.get('docker-content-digest');
		if (digest && DIGEST_PATTERN.test(digest)) return ok(digest);
		// Some registries omit the header on HEAD: the digest is the hash of the manifest bytes.
		const full = await this.manifest(repo, tag);
		return full.ok ? ok(full.value.digest) : full;
	}

	private async fetchManifest(repo: RepositoryRef, reference: string): Promise<Result<{ digest: string; manifest: Manifest }>> {
		if (!TAG_PATTERN.test(reference) && !DIGEST_PATTERN.test(reference)) return fail('malformed', `"${reference}" is neither a tag nor a digest`);
		const url = apiUrl(this.endpoint(repo.registry), `${repo.path}/manifests/${reference}`);
		const response = await this.request(repo, 'GET', url, MANIFEST_ACCEPT);
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
	private async request(repo: RepositoryRef, method: 'GET' | 'HEAD', url: URL, accept: string): Promise<Result<HttpResponse>> {
		const base = this.endpoint(repo.registry);
		const scope = `repository:${repo.path}:pull`;
		const headers: Record<string, string> = { accept, 'user-agent': this.options.userAgent ?? 'patchlens' };
		let credentials: Result<Credentials | undefined> | undefined;
		const known = this.tokens.challengeFor(base.origin);
		let authorization: string | undefined;
		if (known) {
			credentials = await this.credentialsFor(base);
			const answer = await answerChallenge(known, scope, base, credentials.ok ? credentials.value : undefined, this.tokens, this.policy);
			if (answer.ok) authorization = answer.value;
		}
		let response = await send({ method, url, headers: authorization ? { ...headers, authorization } : headers }, this.policy);
		if (response.ok && response.value.status === 401) {
			const challenge = parseChallenge(response.value.headers.get('www-authenticate'));
			if (!challenge) return fail('unauthorized', `${describe(repo)}: the registry answered 401 without an authentication challenge`, 401);
			const retried = sameChallenge(known, challenge) && authorization !== undefined;
			if (retried) return this.unauthorized(repo, base, credentials);
			this.tokens.remember(base.origin, challenge);
			credentials ??= await this.credentialsFor(base);
			const answer = await answerChallenge(challenge, scope, base, credentials.ok ? credentials.value : undefined, this.tokens, this.policy);
			if (!answer.ok) {
				const anonymous = !(credentials.ok && credentials.value);
				if (answer.error.kind === 'unauthorized' && anonymous) return this.unauthorized(repo, base, credentials);
				return fail(answer.error.kind, `${describe(repo)}: ${answer.error.message}${credentialNote(credentials)}`, answer.error.status);
			}
			response = await send({ method, url, headers: { ...headers, authorization: answer.value } }, this.policy);
			if (response.ok && response.value.status === 401) return this.unauthorized(repo, base, credentials);
		}
		if (!response.ok) return fail(response.error.kind, `${describe(repo)}: ${response.error.message}`, response.error.status);
		const { status } = response.value;
		if (status >= 200 && status < 300) return response;
		if (status === 404) return fail('not-found', `${describe(repo)}: not found`, status);
		if (status === 403) return fail('unauthorized', `${describe(repo)}: access denied (403)`, status);
		return fail('server', `${describe(repo)}: unexpected answer ${status}`, status);
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

/** The `rel="next"` target of a Link header (RFC 8288), resolved against the request URL. */
export function nextLink(header: string | null, base: URL): URL | undefined {
	if (!header) return undefined;
	for (const part of header.split(/,(?=\s*<)/)) {
		const match = part.match(/^\s*<([^>]*)>(.*)$/);
		if (match && /;\s*rel="?next"?/i.test(match[2])) {
			try {
				return new URL(match[1], base);
			} catch {
				return undefined;
			}
		}
	}
	return undefined;
}

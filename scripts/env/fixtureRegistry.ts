// A small, real OCI distribution server for the suites and bench/hostileRegistry.ts, on a loopback
// address (127.0.0.1 by default, 127.0.0.2 for a second host; random port), for the cases the
// local docker-registry cannot play: Docker Hub's Bearer token flow (realm on this server), tag
// pagination, multi-arch indexes, scripted failures (401, 429 + Retry-After, 5xx, slow answers,
// malformed JSON, wrong content types) and hostile answers (endless chunked bodies, answers that
// never come, routes a test writes itself). It records every request it receives, bodies included.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedResponse {
	status: number;
	headers?: Record<string, string>;
	body?: string;
	/** Wait this long before answering (for time-limit tests). */
	delayMs?: number;
	/** Answer headers, then chunks of this many bytes without Content-Length until the client hangs up. */
	floodChunkBytes?: number;
	/** Never answer (the connection stays open until the client gives up). */
	hang?: boolean;
}

/** A route a test writes itself; true when it answered. */
export type Route = (req: IncomingMessage, url: URL, res: ServerResponse) => boolean;

export interface RecordedRequest {
	method: string;
	path: string;
	authorization?: string;
	body?: string;
}

interface StoredManifest {
	body: string;
	mediaType: string;
	digest: string;
}

export interface FixtureRegistryOptions {
	/** Require Bearer tokens on /v2/ (Docker Hub style); off: open registry. */
	bearer?: boolean;
	/** When set, the token realm only issues tokens to these Basic credentials. */
	user?: { username: string; password: string };
	/** Seconds a token lives. */
	tokenLifetime?: number;
	/** Loopback address to listen on (two addresses = two hosts for cross-origin tests). */
	host?: '127.0.0.1' | '127.0.0.2';
	/** Delay before the token realm answers (to hold concurrent token requests in flight). */
	tokenDelayMs?: number;
}

export class FixtureRegistry {
	readonly requests: RecordedRequest[] = [];
	private server?: Server;
	private readonly repos = new Map<string, { tags: string[]; manifests: Map<string, StoredManifest> }>();
	private readonly scripts: { match: RegExp; responses: ScriptedResponse[] }[] = [];
	private readonly tokens = new Set<string>();
	private readonly routes: { match: RegExp; route: Route }[] = [];
	/** Bytes written by flood answers so far. */
	flooded = 0;
	port = 0;

	constructor(private readonly options: FixtureRegistryOptions = {}) {}

	get host(): string {
		return this.options.host ?? '127.0.0.1';
	}

	get url(): string {
		return `http://${this.host}:${this.port}`;
	}

	async start(): Promise<this> {
		this.server = createServer((req, res) => void this.handle(req, res));
		await new Promise<void>(resolve => this.server!.listen(0, this.host, resolve));
		this.port = (this.server.address() as AddressInfo).port;
		return this;
	}

	async stop(): Promise<void> {
		this.server?.closeAllConnections();
		await new Promise(resolve => this.server?.close(resolve));
	}

	/** Stores a manifest under its digest and, if given, a tag; returns the digest. */
	putManifest(repo: string, manifest: object, mediaType: string, tag?: string): string {
		const body = JSON.stringify(manifest);
		const digest = `sha256:${createHash('sha256').update(body).digest('hex')}`;
		const entry = this.repos.get(repo) ?? { tags: [] as string[], manifests: new Map<string, StoredManifest>() };
		this.repos.set(repo, entry);
		const stored = { body, mediaType, digest };
		entry.manifests.set(digest, stored);
		if (tag) {
			entry.manifests.set(tag, stored);
			if (!entry.tags.includes(tag)) entry.tags.push(tag);
		}
		return digest;
	}

	/** The next requests whose path matches answer these responses, in order, before normal handling. */
	script(match: RegExp, ...responses: ScriptedResponse[]): void {
		this.scripts.push({ match, responses });
	}

	/** Requests whose path matches are answered by `route` (when it answers) before anything else. */
	route(match: RegExp, route: Route): void {
		this.routes.push({ match, route });
	}

	/** Requests to the API (not the token realm) so far. */
	apiRequests(): RecordedRequest[] {
		return this.requests.filter(r => r.path.startsWith('/v2/'));
	}

	/**
	 * Distinct API requests: undici and node:http may resend an idempotent request whose socket
	 * closed under it, which says nothing about how often the client asked.
	 */
	distinctApiRequests(): number {
		return new Set(this.apiRequests().map(r => `${r.method} ${r.path}`)).size;
	}

	reset(): void {
		this.requests.length = 0;
		this.scripts.length = 0;
		this.routes.length = 0;
		this.flooded = 0;
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', this.url);
		const body = await readBody(req);
		this.requests.push({ method: req.method ?? '', path: url.pathname + url.search, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}), ...(body ? { body } : {}) });
		if (this.routes.some(r => r.match.test(url.pathname) && r.route(req, url, res))) return;
		const script = this.scripts.find(s => s.match.test(url.pathname) && s.responses.length);
		if (script) return this.answerScripted(script.responses.shift()!, req, res);
		if (url.pathname === '/token') {
			if (this.options.tokenDelayMs) await new Promise(r => setTimeout(r, this.options.tokenDelayMs));
			return this.token(req, url, res);
		}
		if (this.options.bearer && !this.tokens.has((req.headers.authorization ?? '').replace(/^Bearer /, ''))) {
			const repo = url.pathname.match(/^\/v2\/(.+?)\/(?:tags|manifests)\//)?.[1];
			res.writeHead(401, {
				'content-type': 'application/json',
				'www-authenticate': `Bearer realm="${this.url}/token",service="fixture.test"${repo ? `,scope="repository:${repo}:pull"` : ''}`,
			});
			res.end('{"errors":[{"code":"UNAUTHORIZED"}]}');
			return;
		}
		const tagsMatch = url.pathname.match(/^\/v2\/(.+)\/tags\/list$/);
		if (tagsMatch) return this.tagList(tagsMatch[1], url, res);
		const manifestMatch = url.pathname.match(/^\/v2\/(.+)\/manifests\/([^/]+)$/);
		if (manifestMatch) {
			const stored = this.repos.get(manifestMatch[1])?.manifests.get(decodeURIComponent(manifestMatch[2]));
			if (!stored) return json(res, 404, { errors: [{ code: 'MANIFEST_UNKNOWN' }] });
			res.writeHead(200, { 'content-type': stored.mediaType, 'docker-content-digest': stored.digest, 'content-length': Buffer.byteLength(stored.body) });
			res.end(req.method === 'HEAD' ? undefined : stored.body);
			return;
		}
		json(res, 404, { errors: [{ code: 'NAME_UNKNOWN' }] });
	}

	private async answerScripted(scripted: ScriptedResponse, req: IncomingMessage, res: ServerResponse): Promise<void> {
		if (scripted.hang) return;
		if (scripted.delayMs) await new Promise(r => setTimeout(r, scripted.delayMs));
		if (res.destroyed) return;
		res.writeHead(scripted.status, scripted.headers ?? {});
		if (scripted.floodChunkBytes && req.method !== 'HEAD') return this.flood(res, scripted.floodChunkBytes);
		res.end(req.method === 'HEAD' ? undefined : scripted.body ?? '');
	}

	/** Writes chunks as fast as the client reads them, forever; stops when the client hangs up. */
	private flood(res: ServerResponse, chunkBytes: number): void {
		const chunk = Buffer.alloc(chunkBytes, 0x61);
		const pump = () => {
			while (!res.destroyed) {
				this.flooded += chunk.length;
				if (!res.write(chunk)) return void res.once('drain', pump);
			}
		};
		res.on('close', () => res.removeAllListeners('drain'));
		pump();
	}

	private tagList(repo: string, url: URL, res: ServerResponse): void {
		const entry = this.repos.get(repo);
		if (!entry) return json(res, 404, { errors: [{ code: 'NAME_UNKNOWN' }] });
		const all = [...entry.tags].sort();
		const n = Number(url.searchParams.get('n') ?? all.length);
		const last = url.searchParams.get('last');
		const from = last ? all.findIndex(t => t > last) : 0;
		const page = from < 0 ? [] : all.slice(from, from + n);
		const headers: Record<string, string> = {};
		if (from >= 0 && from + n < all.length) headers.link = `</v2/${repo}/tags/list?n=${n}&last=${encodeURIComponent(page[page.length - 1])}>; rel="next"`;
		json(res, 200, { name: repo, tags: page }, headers);
	}

	private token(req: IncomingMessage, url: URL, res: ServerResponse): void {
		const user = this.options.user;
		if (user) {
			const expected = `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`;
			if (req.headers.authorization !== expected) return json(res, 401, { details: 'incorrect username or password' });
		}
		if (!url.searchParams.get('scope')?.startsWith('repository:')) return json(res, 400, { details: 'scope required' });
		const token = randomBytes(16).toString('hex');
		this.tokens.add(token);
		json(res, 200, { token, access_token: token, expires_in: this.options.tokenLifetime ?? 300, issued_at: new Date().toISOString() });
	}
}

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	res.writeHead(status, { 'content-type': 'application/json', ...headers });
	res.end(JSON.stringify(body));
}

/** A single-platform image manifest with the given layer sizes (digests derived from an id). */
export function imageManifest(id: string, layerSizes: number[]): object {
	const digest = (s: string) => `sha256:${createHash('sha256').update(s).digest('hex')}`;
	return {
		schemaVersion: 2,
		mediaType: 'application/vnd.oci.image.manifest.v1+json',
		config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: digest(`${id}-config`), size: 100 },
		layers: layerSizes.map((size, i) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: digest(`${id}-layer-${i}`), size })),
	};
}

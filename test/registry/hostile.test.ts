// The registry client against hostile registries on two loopback hosts (127.0.0.1 = the registry
// the user trusts, 127.0.0.2 = another host): credentials and request bodies stay with their
// origin, answers are streamed and capped, tag lists are capped in total, and time is bounded per
// lookup and per registry. Each case here was reproduced against the client before it was fixed.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { RegistryClient, type RegistryClientOptions } from '../../server/src/registry/client';
import type { CredentialLookup, Credentials } from '../../server/src/registry/credentials';
import { registryEndpoint } from '../../server/src/registry/endpoints';
import { FailureNotices, imageReferencesIn, RegistryFactsStore } from '../../server/src/registry/facts';
import { nextHop } from '../../server/src/registry/http';
import { MEDIA_TYPES } from '../../server/src/registry/manifest';
import { ok, type Result } from '../../server/src/registry/result';
import { FixtureRegistry, imageManifest, json } from './fixtureServer';

const SECRET = 'R3fresh-T0ken-Secret';
const PASSWORD = 'Pa55word-of-A';
const app = { registry: 'a.test', path: 'acme/app' };

/** Credentials stored for host `a` only, as `docker login a` would leave them. */
function storedFor(a: FixtureRegistry, credentials: Credentials): CredentialLookup {
	return async host => ok(host === `${a.host}:${a.port}` ? credentials : undefined);
}

function clientFor(a: FixtureRegistry, options: RegistryClientOptions = {}): RegistryClient {
	return new RegistryClient({
		endpoint: registryEndpoint(new Map([['a.test', a.url]])),
		http: { timeoutMs: 2000, maxRetries: 2, retryBaseMs: 20, maxRetryDelayMs: 10_000 },
		...options,
	});
}

function errorOf<T>(result: Result<T>): { kind: string; message: string } {
	assert.equal(result.ok, false, `expected a failure, got ${JSON.stringify(result).slice(0, 300)}`);
	return (result as { ok: false; error: { kind: string; message: string } }).error;
}

/** Everything `server` received that could carry a secret. */
function secretsSeenBy(server: FixtureRegistry): string {
	return server.requests.map(r => `${r.authorization ?? ''} ${r.body ?? ''}`).join('\n');
}

describe('hostile registries: credentials stay with their origin', () => {
	const a = new FixtureRegistry({ bearer: true, host: '127.0.0.1' });
	const b = new FixtureRegistry({ bearer: true, host: '127.0.0.2' });
	before(async () => {
		await a.start();
		await b.start();
		a.putManifest('acme/app', imageManifest('app', [5]), MEDIA_TYPES.dockerManifest, '1.0');
		b.putManifest('acme/app', imageManifest('app', [5]), MEDIA_TYPES.dockerManifest, '1.0');
	});
	after(async () => { await a.stop(); await b.stop(); });
	afterEach(() => { a.reset(); b.reset(); });

	it('does not replay a token POST (refresh token in its body) on a 307 to another host', async () => {
		a.script(/^\/token$/, { status: 307, headers: { location: `${b.url}/token` } });
		const result = await clientFor(a, { credentials: storedFor(a, { kind: 'identity-token', token: SECRET }) }).tags(app);
		assert.ok(!result.ok);
		assert.match(errorOf(result).message, /redirect of a request with a body to another host \(127\.0\.0\.2:\d+\) refused/);
		assert.equal(b.requests.length, 0, JSON.stringify(b.requests));
		assert.ok(a.requests.some(r => r.body?.includes(SECRET)), 'the registry\'s own realm got the refresh token');
	});

	it('strips Basic credentials from a token GET redirected to another host', async () => {
		a.script(/^\/token$/, { status: 307, headers: { location: `${b.url}/token` } });
		await clientFor(a, { credentials: storedFor(a, { kind: 'basic', username: 'alice', password: PASSWORD }) }).tags(app);
		assert.ok(b.requests.length > 0, 'followed without credentials');
		assert.ok(!secretsSeenBy(b).includes('Basic'), secretsSeenBy(b));
	});

	it('does not answer a challenge from the host a redirect led to with the registry\'s credentials', async () => {
		a.script(/\/tags\/list$/, { status: 307, headers: { location: `${b.url}/v2/acme/app/tags/list` } });
		const basic = { kind: 'basic' as const, username: 'alice', password: PASSWORD };
		const result = await clientFor(a, { credentials: storedFor(a, basic) }).tags(app);
		const error = errorOf(result);
		assert.equal(error.kind, 'unauthorized');
		assert.match(error.message, /redirected to 127\.0\.0\.2:\d+, which asks for authentication; credentials for 127\.0\.0\.1:\d+ are not sent there/);
		assert.ok(!b.requests.some(r => r.path.startsWith('/token')), 'no token request to the other host');
		assert.ok(!secretsSeenBy(b).includes(Buffer.from(`alice:${PASSWORD}`).toString('base64')));
	});

	it('sends no credentials to a plain-HTTP realm on another host, even another loopback address', async () => {
		const foreignRealm = `Bearer realm="${b.url}/token",service="a.test"`;
		a.script(/\/tags\/list$/, ...Array.from({ length: 3 }, () => ({ status: 401, headers: { 'www-authenticate': foreignRealm } })));
		await clientFor(a, { credentials: storedFor(a, { kind: 'basic', username: 'alice', password: PASSWORD }) }).tags(app);
		const tokenRequests = b.requests.filter(r => r.path.startsWith('/token'));
		assert.equal(tokenRequests.length, 1, 'asked anonymously');
		assert.equal(tokenRequests[0].authorization, undefined);
	});

	it('sends credentials to a plain-HTTP realm on the loopback registry\'s own host (another port)', async () => {
		const sameHost = new FixtureRegistry({ bearer: true, host: '127.0.0.1', user: { username: 'alice', password: PASSWORD } });
		await sameHost.start();
		try {
			a.script(/\/tags\/list$/, { status: 401, headers: { 'www-authenticate': `Bearer realm="${sameHost.url}/token",service="a.test"` } });
			await clientFor(a, { credentials: storedFor(a, { kind: 'basic', username: 'alice', password: PASSWORD }) }).tags(app);
			assert.match(sameHost.requests.find(r => r.path.startsWith('/token'))?.authorization ?? '', /^Basic /);
		} finally {
			await sameHost.stop();
		}
	});

	it('never follows https to http, nor a body to another origin; a body stays on a same-origin 307', () => {
		const hop = (url: string, body?: string) => ({ method: body ? 'POST' as const : 'GET' as const, url: new URL(url), headers: { authorization: 'Bearer t', 'content-type': 'x' }, ...(body ? { body } : {}) });
		const down = nextHop(hop('https://registry.example/v2/'), 302, 'http://registry.example/v2/');
		assert.ok(!down.ok && /from https to plain http/.test(down.error.message));
		assert.ok(!nextHop(hop('https://a.example/token', SECRET), 308, 'https://b.example/token').ok);
		const same = nextHop(hop('https://a.example/token', SECRET), 307, '/token2');
		assert.ok(same.ok && same.value.body === SECRET && same.value.method === 'POST' && same.value.headers.authorization === 'Bearer t');
		const see = nextHop(hop('https://a.example/token', SECRET), 303, 'https://b.example/done');
		assert.ok(see.ok && see.value.body === undefined && see.value.method === 'GET' && see.value.headers.authorization === undefined);
	});
});

describe('hostile registries: one token request per registry and scope', () => {
	const a = new FixtureRegistry({ bearer: true, tokenDelayMs: 300 });
	before(async () => {
		await a.start();
		a.putManifest('acme/app', imageManifest('app', [5]), MEDIA_TYPES.dockerManifest, '1.0');
	});
	after(() => a.stop());

	it('shares the token request of concurrent lookups', async () => {
		const client = clientFor(a);
		const results = await Promise.all([client.tags(app), client.digest(app, '1.0'), client.layers(app, '1.0')]);
		assert.ok(results.every(r => r.ok), JSON.stringify(results));
		assert.equal(a.requests.filter(r => r.path.startsWith('/token')).length, 1);
	});
});

describe('hostile registries: memory', () => {
	const a = new FixtureRegistry();
	before(() => a.start());
	after(() => a.stop());
	afterEach(() => a.reset());

	it('stops reading a chunked answer without Content-Length at the cap', async () => {
		a.script(/\/manifests\//, { status: 200, headers: { 'content-type': MEDIA_TYPES.dockerManifest }, floodChunkBytes: 256 * 1024 });
		const error = errorOf(await clientFor(a).manifest(app, '1.0'));
		assert.equal(error.kind, 'too-large');
		assert.match(error.message, /larger than 4 MB/, 'manifests: the distribution spec\'s 4 MiB');
		assert.ok(a.flooded < 64 * 1024 * 1024, `the server wrote ${a.flooded} bytes`);
	});

	it('cuts endless Link pages at the total tag limit and says so', async () => {
		let served = 0;
		a.route(/\/tags\/list$/, (_req, url, res) => {
			const page = Number(url.searchParams.get('page') ?? 0);
			served++;
			json(res, 200, { name: 'acme/app', tags: Array.from({ length: 1000 }, (_, i) => `p${page}-${i}`) }, { link: `</v2/acme/app/tags/list?page=${page + 1}>; rel="next"` });
			return true;
		});
		const error = errorOf(await clientFor(a, { tagLimits: { maxTags: 5000 } }).tags(app));
		assert.equal(error.kind, 'truncated');
		assert.match(error.message, /tag list cut at 5000 tags/);
		assert.ok(served <= 6, `${served} pages read`);
	});

	it('cuts tag lists at the total byte limit', async () => {
		a.route(/\/tags\/list$/, (_req, url, res) => {
			const page = Number(url.searchParams.get('page') ?? 0);
			json(res, 200, { name: 'acme/app', tags: Array.from({ length: 100 }, (_, i) => `${'x'.repeat(100)}-${page}-${i}`) }, { link: `</v2/acme/app/tags/list?page=${page + 1}>; rel="next"` });
			return true;
		});
		const error = errorOf(await clientFor(a, { tagLimits: { maxBytes: 64 * 1024 } }).tags(app));
		assert.equal(error.kind, 'truncated');
		assert.match(error.message, /cut at 65536 bytes/);
	});

	it('reads a page of 200,000 tags without overflowing the stack (issue 20), and cuts it past the default limit', async () => {
		const body = JSON.stringify({ name: 'acme/app', tags: Array.from({ length: 200_000 }, (_, i) => `t${i}`) });
		a.route(/\/tags\/list$/, (_req, _url, res) => {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(body);
			return true;
		});
		const all = await clientFor(a, { tagLimits: { maxTags: 300_000 } }).tags(app);
		assert.ok(all.ok && all.value.length === 200_000);
		const cut = errorOf(await clientFor(a).tags(app));
		assert.equal(cut.kind, 'truncated');
		assert.match(cut.message, /cut at 50000 tags/);
	});
});

describe('hostile registries: time', () => {
	const a = new FixtureRegistry();
	before(async () => {
		await a.start();
	});
	after(() => a.stop());
	afterEach(() => a.reset());
	const fromLines = (n: number) => Array.from({ length: n }, (_, i) => `FROM acme/app${i}:1.0`).join('\n') + '\n';
	const storeFor = (options: RegistryClientOptions) => new RegistryFactsStore(new RegistryClient({
		endpoint: registryEndpoint(new Map([['docker.io', a.url]])), ...options,
	}));

	it('gives up at once when Retry-After would pass the lookup\'s time limit', async () => {
		a.script(/\/tags\/list$/, ...Array.from({ length: 5 }, () => ({ status: 429, headers: { 'retry-after': '2' } })));
		const error = errorOf(await clientFor(a, { http: { timeoutMs: 500, maxRetries: 3, retryBaseMs: 20, maxRetryDelayMs: 10_000 } }).tags(app));
		assert.equal(error.kind, 'rate-limited');
		assert.match(error.message, /the next attempt would pass the time limit/);
		assert.equal(a.apiRequests().length, 1);
	});

	it('ends a drip-fed body at the lookup\'s time limit', async () => {
		const timers: NodeJS.Timeout[] = [];
		a.route(/\/tags\/list$/, (_req, _url, res) => {
			res.writeHead(200, { 'content-type': 'application/json' });
			timers.push(setInterval(() => res.write(' '), 50));
			return true;
		});
		try {
			const error = errorOf(await clientFor(a, { http: { timeoutMs: 400, maxRetries: 3, retryBaseMs: 20, maxRetryDelayMs: 1000 } }).tags(app));
			assert.equal(error.kind, 'timeout');
		} finally {
			timers.forEach(clearInterval);
		}
	});

	it('asks a rate-limiting registry once per run, not once per lookup (4 FROMs)', { timeout: 60_000 }, async () => {
		a.script(/^\/v2\//, ...Array.from({ length: 50 }, () => ({ status: 429, headers: { 'retry-after': '10' } })));
		const told: string[] = [];
		const { failures } = await storeFor({ http: { timeoutMs: 500, maxRetries: 3, retryBaseMs: 20, maxRetryDelayMs: 10_000 } }).prefetch(imageReferencesIn(fromLines(4)));
		new FailureNotices(m => told.push(m)).report(failures);
		assert.ok(a.distinctApiRequests() <= 4, `${a.distinctApiRequests()} distinct requests`);
		assert.equal(failures.length, 12, 'tags, digest and size of each FROM');
		assert.ok(failures.every(f => f.error.kind === 'rate-limited'));
		assert.equal(told.length, 1);
	});

	it('stops asking a registry that does not answer (12 FROMs)', { timeout: 120_000 }, async () => {
		a.script(/^\/v2\//, ...Array.from({ length: 50 }, () => ({ status: 200, hang: true })));
		const { failures } = await storeFor({ http: { timeoutMs: 300, maxRetries: 3, retryBaseMs: 20, maxRetryDelayMs: 10_000 } }).prefetch(imageReferencesIn(fromLines(12)));
		assert.ok(a.distinctApiRequests() <= 4, `${a.distinctApiRequests()} distinct requests`);
		assert.equal(failures.length, 36);
		assert.ok(failures.every(f => f.error.kind === 'timeout'));
	});

	it('ends every lookup at the run\'s deadline', { timeout: 60_000 }, async () => {
		a.script(/^\/v2\//, ...Array.from({ length: 50 }, () => ({ status: 200, hang: true })));
		const controller = new AbortController();
		setTimeout(() => controller.abort('the run\'s registry deadline of 300 ms passed'), 300);
		const { failures } = await storeFor({ http: { timeoutMs: 20_000 }, signal: controller.signal }).prefetch(imageReferencesIn(fromLines(2)));
		assert.equal(failures.length, 6);
		assert.ok(failures.every(f => f.error.kind === 'timeout' && /deadline of 300 ms passed/.test(f.error.message)), JSON.stringify(failures));
	});
});

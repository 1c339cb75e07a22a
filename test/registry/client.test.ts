// The registry client against a real HTTP server on 127.0.0.1 (fixtureServer.ts): the Bearer
// token flow, pagination, multi-arch indexes, retries, time limits and malformed answers.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { DiskCache } from '../../server/src/registry/cache';
import { RegistryClient, type RegistryClientOptions } from '../../server/src/registry/client';
import type { CredentialLookup } from '../../server/src/registry/credentials';
import { registryEndpoint } from '../../server/src/registry/endpoints';
import { MEDIA_TYPES } from '../../server/src/registry/manifest';
import { ok, type Result } from '../../server/src/registry/result';
import { FixtureRegistry, imageManifest } from './fixtureServer';

const PASSWORD = 's3cret-Pa55word';
const creds = { kind: 'basic' as const, username: 'alice', password: PASSWORD };

function clientFor(registry: FixtureRegistry, options: RegistryClientOptions = {}, log: string[] = []): RegistryClient {
	return new RegistryClient({
		endpoint: registryEndpoint(new Map([['fixture.test', registry.url]])),
		http: { timeoutMs: 1000, maxRetries: 2, retryBaseMs: 20, maxRetryDelayMs: 3000, log: line => log.push(line) },
		...options,
	});
}

const repo = { registry: 'fixture.test', path: 'library/python' };

function errorOf<T>(result: Result<T>) {
	assert.equal(result.ok, false, `expected a failure, got ${JSON.stringify(result)}`);
	return (result as { ok: false; error: { kind: string; message: string } }).error;
}

describe('registry client: Docker Hub style token flow', () => {
	const registry = new FixtureRegistry({ bearer: true });
	let indexDigest = '';
	let amd64Digest = '';
	before(async () => {
		await registry.start();
		amd64Digest = registry.putManifest('library/python', imageManifest('amd64', [1000, 2000, 30]), MEDIA_TYPES.ociManifest);
		const arm = registry.putManifest('library/python', imageManifest('arm64', [900, 1900]), MEDIA_TYPES.ociManifest);
		indexDigest = registry.putManifest('library/python', {
			schemaVersion: 2,
			mediaType: MEDIA_TYPES.ociIndex,
			manifests: [
				{ mediaType: MEDIA_TYPES.ociManifest, digest: amd64Digest, size: 500, platform: { os: 'linux', architecture: 'amd64' } },
				{ mediaType: MEDIA_TYPES.ociManifest, digest: arm, size: 500, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
				{ mediaType: MEDIA_TYPES.ociManifest, digest: amd64Digest, size: 500, platform: { os: 'unknown', architecture: 'unknown' } },
			],
		}, MEDIA_TYPES.ociIndex, '3.12.1-slim');
		for (const tag of ['3.12.0-slim', '3.12.2-slim', '3.13.0-slim', '3.13.1-slim']) registry.putManifest('library/python', imageManifest(tag, [1]), MEDIA_TYPES.ociManifest, tag);
	});
	after(() => registry.stop());
	afterEach(() => registry.reset());

	it('answers the challenge with an anonymous token, then reuses it', async () => {
		const client = clientFor(registry);
		const tags = await client.tags(repo);
		assert.deepEqual(tags, ok(['3.12.0-slim', '3.12.1-slim', '3.12.2-slim', '3.13.0-slim', '3.13.1-slim']));
		const digest = await client.digest(repo, '3.12.1-slim');
		assert.deepEqual(digest, ok(indexDigest));
		const tokenRequests = registry.requests.filter(r => r.path.startsWith('/token'));
		assert.equal(tokenRequests.length, 1, JSON.stringify(registry.requests));
		assert.match(tokenRequests[0].path, /service=fixture\.test/);
		assert.match(tokenRequests[0].path, /scope=repository%3Alibrary%2Fpython%3Apull/);
		assert.equal(tokenRequests[0].authorization, undefined, 'anonymous: no credentials sent to the realm');
		// 401 once, then every API request carries the token.
		assert.deepEqual(registry.apiRequests().map(r => !!r.authorization), [false, true, true]);
	});

	it('reports the multi-arch index digest, never one architecture\'s', async () => {
		const digest = await clientFor(registry).digest(repo, '3.12.1-slim');
		assert.ok(digest.ok);
		assert.equal(digest.value, indexDigest);
		assert.notEqual(digest.value, amd64Digest);
	});

	it('sums the layers of the requested platform from the index', async () => {
		const client = clientFor(registry);
		const amd64 = await client.layers(repo, '3.12.1-slim');
		assert.ok(amd64.ok);
		assert.deepEqual(amd64.value.map(l => l.size), [1000, 2000, 30]);
		const arm = await client.layers(repo, '3.12.1-slim', { os: 'linux', architecture: 'arm64', variant: 'v8' });
		assert.ok(arm.ok);
		assert.equal(arm.value.reduce((s, l) => s + l.size, 0), 2800);
		const missing = errorOf(await client.layers(repo, '3.12.1-slim', { os: 'windows', architecture: 'amd64' }));
		assert.equal(missing.kind, 'not-found');
		assert.match(missing.message, /no windows\/amd64 image \(has linux\/amd64, linux\/arm64\/v8\)/);
	});

	it('follows Link pagination', async () => {
		const tags = await clientFor(registry, { pageSize: 2 }).tags(repo);
		assert.ok(tags.ok);
		assert.equal(tags.value.length, 5);
		const pages = registry.apiRequests().filter(r => r.path.includes('/tags/list') && r.authorization);
		assert.deepEqual(pages.map(r => r.path), [
			'/v2/library/python/tags/list?n=2',
			'/v2/library/python/tags/list?n=2&last=3.12.1-slim',
			'/v2/library/python/tags/list?n=2&last=3.13.0-slim',
		]);
	});

	it('maps an unknown tag and repository to not-found', async () => {
		const client = clientFor(registry);
		const tag = errorOf(await client.digest(repo, '9.9'));
		assert.equal(tag.kind, 'not-found');
		assert.match(tag.message, /fixture\.test\/library\/python:9\.9 not found/);
		assert.equal(errorOf(await client.tags({ registry: 'fixture.test', path: 'library/nope' })).kind, 'not-found');
	});

	it('retries a 429 after the Retry-After it names, then succeeds', async () => {
		registry.script(/\/manifests\//, { status: 429, headers: { 'retry-after': '1' } });
		// The lookup's time limit covers the wait: it must be longer than the Retry-After.
		const client = clientFor(registry, { http: { timeoutMs: 5000, maxRetries: 2, retryBaseMs: 20, maxRetryDelayMs: 3000 } });
		const started = Date.now();
		const digest = await client.digest(repo, '3.12.1-slim');
		const elapsed = Date.now() - started;
		assert.deepEqual(digest, ok(indexDigest));
		// At least the 1 s asked for; the upper bound only rules out a default back-off of minutes (a busy
		// 2-core machine adds seconds, so no tighter bound is a property of the code).
		assert.ok(elapsed >= 950 && elapsed < 30_000, `waited ${elapsed} ms`);
		assert.equal(registry.apiRequests().filter(r => r.path.includes('/manifests/')).length, 2 + 1 /* 401 challenge */);
	});

	it('gives up at once when Retry-After is longer than it may wait', async () => {
		registry.script(/\/tags\/list/, { status: 429, headers: { 'retry-after': '3600' } });
		const started = Date.now();
		const error = errorOf(await clientFor(registry).tags(repo));
		assert.equal(error.kind, 'rate-limited');
		assert.ok(Date.now() - started < 30_000, 'did not wait for the hour it was told'); // not a timing: the wrong behaviour waits 3600 s
		assert.equal(registry.apiRequests().length, 1);
	});

	it('retries a 500 with backoff, then succeeds', async () => {
		registry.script(/\/tags\/list/, { status: 500, body: 'oops' });
		const tags = await clientFor(registry).tags(repo);
		assert.ok(tags.ok);
		assert.equal(registry.apiRequests().length, 3, '500, then 401 challenge, then 200');
	});

	it('stops after a bounded number of retries on a permanent 503', async () => {
		const always = Array.from({ length: 10 }, () => ({ status: 503 }));
		registry.script(/\/tags\/list/, ...always);
		const error = errorOf(await clientFor(registry).tags(repo));
		assert.equal(error.kind, 'server');
		assert.match(error.message, /server error 503 after 3 attempts/);
		assert.equal(registry.apiRequests().length, 3, 'one attempt + maxRetries 2');
	});

	it('times out a slow answer within the per-request limit', async () => {
		registry.script(/\/tags\/list/, { status: 200, delayMs: 3000, body: '{}' });
		const started = Date.now();
		const error = errorOf(await clientFor(registry, { http: { timeoutMs: 300, maxRetries: 2 } }).tags(repo));
		const elapsed = Date.now() - started;
		assert.equal(error.kind, 'timeout');
		assert.match(error.message, /timed out after 300 ms/);
		// Below the 3 s the slow answer takes: the client gave up instead of waiting for it (a busy machine
		// stretches the 300 ms, so no tighter bound is a property of the code).
		assert.ok(elapsed >= 250 && elapsed < 2900, `took ${elapsed} ms`);
	});

	it('reports malformed JSON and wrong content types as malformed', async () => {
		registry.script(/\/tags\/list/, { status: 200, headers: { 'content-type': 'application/json' }, body: '{"tags": [1, ' });
		const broken = errorOf(await clientFor(registry).tags(repo));
		assert.equal(broken.kind, 'malformed');
		assert.match(broken.message, /not valid JSON/);
		registry.script(/\/tags\/list/, { status: 200, headers: { 'content-type': 'text/html' }, body: '<html>captive portal</html>' });
		const html = errorOf(await clientFor(registry).tags(repo));
		assert.equal(html.kind, 'malformed');
		assert.match(html.message, /text\/html, not JSON/);
		registry.script(/\/manifests\//, { status: 200, headers: { 'content-type': 'text/html' }, body: '<html></html>' });
		const manifest = errorOf(await clientFor(registry).layers(repo, '3.12.1-slim'));
		assert.equal(manifest.kind, 'malformed');
		assert.match(manifest.message, /expected a manifest, got content type text\/html/);
	});

	it('rejects content whose digest is not the one asked for', async () => {
		const tampered = JSON.stringify(imageManifest('evil', [1]));
		registry.script(/\/manifests\/sha256:/, { status: 200, headers: { 'content-type': MEDIA_TYPES.ociManifest }, body: tampered });
		const error = errorOf(await clientFor(registry).manifest(repo, amd64Digest));
		assert.equal(error.kind, 'malformed');
		assert.match(error.message, /another digest/);
	});

	it('reports a 401 without a challenge as unauthorized', async () => {
		registry.script(/\/tags\/list/, { status: 401 });
		const error = errorOf(await clientFor(registry).tags(repo));
		assert.equal(error.kind, 'unauthorized');
		assert.match(error.message, /without an authentication challenge/);
	});

	it('maps a refused connection to network', async () => {
		const closed = new FixtureRegistry();
		await closed.start();
		await closed.stop();
		const error = errorOf(await clientFor(closed).tags(repo));
		assert.equal(error.kind, 'network');
		assert.match(error.message, /connection refused/);
	});
});

describe('registry client: credentials at the token realm', () => {
	const registry = new FixtureRegistry({ bearer: true, user: { username: 'alice', password: PASSWORD } });
	const other = new FixtureRegistry();
	before(async () => {
		await registry.start();
		await other.start();
		registry.putManifest('acme/app', imageManifest('app', [5]), MEDIA_TYPES.dockerManifest, '1.0');
		other.putManifest('acme/app', imageManifest('app', [5]), MEDIA_TYPES.dockerManifest, '1.0');
	});
	after(async () => { await registry.stop(); await other.stop(); });
	afterEach(() => { registry.reset(); other.reset(); });
	const app = { registry: 'fixture.test', path: 'acme/app' };

	it('without credentials: unauthorized, with the docker login hint', async () => {
		const error = errorOf(await clientFor(registry).tags(app));
		assert.equal(error.kind, 'unauthorized');
		assert.match(error.message, new RegExp(`authentication required \\(or no such repository\\); run \`docker login 127\\.0\\.0\\.1:${registry.port}\` if it is private`));
	});

	it('with credentials: Basic to the realm only, Bearer to the registry', async () => {
		const asked: string[] = [];
		const lookup: CredentialLookup = async host => { asked.push(host); return ok(creds); };
		const tags = await clientFor(registry, { credentials: lookup }).tags(app);
		assert.deepEqual(tags, ok(['1.0']));
		assert.deepEqual(asked, [`127.0.0.1:${registry.port}`], 'credentials are looked up for the host contacted');
		const basic = `Basic ${Buffer.from(`alice:${PASSWORD}`).toString('base64')}`;
		assert.equal(registry.requests.find(r => r.path.startsWith('/token'))!.authorization, basic);
		assert.ok(registry.apiRequests().every(r => r.authorization === undefined || r.authorization.startsWith('Bearer ')));
	});

	it('never puts the password in errors or logs when the credentials are wrong', async () => {
		const log: string[] = [];
		const wrong = { kind: 'basic' as const, username: 'alice', password: `${PASSWORD}-wrong` };
		const error = errorOf(await clientFor(registry, { credentials: async () => ok(wrong) }, log).tags(app));
		assert.equal(error.kind, 'unauthorized');
		assert.match(error.message, /rejected the stored credentials/);
		const everything = JSON.stringify(error) + log.join('\n');
		assert.ok(log.length > 0);
		for (const secret of [PASSWORD, Buffer.from(`alice:${wrong.password}`).toString('base64')]) assert.ok(!everything.includes(secret));
	});

	it('drops credentials on a redirect to another origin', async () => {
		registry.script(/\/manifests\//, { status: 307, headers: { location: `${other.url}/v2/acme/app/manifests/1.0` } });
		// A registry answering Basic challenges: the first request already carries credentials.
		const basicRegistry = new FixtureRegistry();
		await basicRegistry.start();
		try {
			basicRegistry.script(/\/manifests\//,
				{ status: 401, headers: { 'www-authenticate': 'Basic realm="x"' } },
				{ status: 307, headers: { location: `${other.url}/v2/acme/app/manifests/1.0` } });
			const client = clientFor(basicRegistry, { credentials: async () => ok(creds) });
			const digest = await client.digest(app, '1.0');
			assert.ok(digest.ok, JSON.stringify(digest));
			assert.equal(basicRegistry.requests[1].authorization?.startsWith('Basic '), true, 'the registry itself got Basic');
			assert.equal(other.requests.length, 1);
			assert.equal(other.requests[0].authorization, undefined, 'the other origin got no credentials');
		} finally {
			await basicRegistry.stop();
		}
	});
});

describe('registry client: on-disk cache', () => {
	const registry = new FixtureRegistry();
	before(async () => {
		await registry.start();
		registry.putManifest('library/alpine', imageManifest('alpine', [10, 20]), MEDIA_TYPES.dockerManifest, '3.20');
	});
	after(() => registry.stop());
	afterEach(() => registry.reset());
	const alpine = { registry: 'fixture.test', path: 'library/alpine' };

	it('answers a second client from disk without a request, until the TTL passes', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'patchlens-cache-'));
		let now = Date.now();
		const cache = () => new DiskCache({ dir, ttlMs: 60_000, now: () => now });
		const first = await clientFor(registry, { cache: cache(), mutableTtlMs: 60_000 }).tags(alpine);
		assert.deepEqual(first, ok(['3.20']));
		assert.deepEqual(await clientFor(registry, { cache: cache(), mutableTtlMs: 60_000 }).digest(alpine, '3.20'), (await clientFor(registry).digest(alpine, '3.20')));
		registry.reset();
		const second = await clientFor(registry, { cache: cache(), mutableTtlMs: 60_000 }).tags(alpine);
		assert.deepEqual(second, first);
		assert.equal(registry.requests.length, 0, 'served from the cache');
		now += 61_000;
		const third = await clientFor(registry, { cache: cache(), mutableTtlMs: 60_000 }).tags(alpine);
		assert.deepEqual(third, first);
		assert.equal(registry.requests.length, 1, 'expired: asked again');
	});

	it('does not cache failures', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'patchlens-cache-'));
		const cache = new DiskCache({ dir, ttlMs: 60_000 });
		registry.script(/\/tags\/list/, { status: 404 });
		assert.equal(errorOf(await clientFor(registry, { cache }).tags(alpine)).kind, 'not-found');
		assert.deepEqual(await clientFor(registry, { cache }).tags(alpine), ok(['3.20']));
	});

	it('shares one request between concurrent callers', async () => {
		const client = clientFor(registry);
		const results = await Promise.all([client.tags(alpine), client.tags(alpine), client.tags(alpine)]);
		assert.ok(results.every(r => r.ok));
		assert.equal(registry.requests.length, 1);
	});
});

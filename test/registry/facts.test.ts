// Facts for analysis: which lookups a Dockerfile needs, the session store's freshness and failure
// back-off, the once-per-registry notices; plus the small parsers the client relies on.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { parseChallenge } from '../../server/src/registry/auth';
import { RegistryBreaker } from '../../server/src/registry/breaker';
import { RegistryClient } from '../../server/src/registry/client';
import { normaliseHost } from '../../server/src/registry/credentials';
import { parseMirrors, registryEndpoint } from '../../server/src/registry/endpoints';
import { FailureNotices, fetchRegistryFacts, imageReferencesIn, RegistryFactsStore } from '../../server/src/registry/facts';
import { parseRetryAfter } from '../../server/src/registry/http';
import { MEDIA_TYPES } from '../../server/src/registry/manifest';
import { FixtureRegistry, imageManifest } from './fixtureServer';

describe('registry facts for a Dockerfile', () => {
	const registry = new FixtureRegistry();
	let digest = '';
	before(async () => {
		await registry.start();
		digest = registry.putManifest('library/python', imageManifest('py', [1000, 234]), MEDIA_TYPES.dockerManifest, '3.12.1-slim');
		registry.putManifest('library/python', imageManifest('py2', [1]), MEDIA_TYPES.dockerManifest, 'latest');
	});
	after(() => registry.stop());
	afterEach(() => registry.reset());
	const client = (now?: () => number) => new RegistryClient({ endpoint: registryEndpoint(new Map([['docker.io', registry.url]])), http: { timeoutMs: 1000, maxRetries: 0 }, ...(now ? { now, breakerMs: 30_000 } : {}) });

	it('resolves FROM lines with ARGs and skips stages, scratch and unresolvable references', () => {
		const refs = imageReferencesIn('ARG V=3.12.1-slim\nFROM python:$V AS a\nFROM a\nFROM scratch\nFROM $MISSING\nFROM ghcr.io/acme/app@sha256:' + 'c'.repeat(64) + '\n');
		assert.deepEqual(refs.map(r => `${r.registry}/${r.path}:${r.tag ?? ''}@${r.digest ?? ''}`), ['docker.io/library/python:3.12.1-slim@', `ghcr.io/acme/app:@sha256:${'c'.repeat(64)}`]);
	});

	it('fetches tags and the digest and compressed size of each tag once, keyed registry/path', async () => {
		const { facts, failures } = await fetchRegistryFacts('FROM python:3.12.1-slim\nFROM python:3.12.1-slim AS again\nFROM python\n', client());
		assert.deepEqual(failures, []);
		assert.deepEqual(facts.tags('docker.io/library/python'), ['3.12.1-slim', 'latest']);
		assert.equal(facts.digest('docker.io/library/python', '3.12.1-slim'), digest);
		assert.ok(facts.digest('docker.io/library/python', 'latest'));
		assert.equal(facts.tags('docker.io/library/node'), undefined);
		assert.equal(facts.compressedSize!('docker.io/library/python', '3.12.1-slim'), 1234);
		assert.equal(facts.compressedSize!('docker.io/library/python', 'latest'), 1);
		// One tag list, one HEAD (digest) and one GET (layers) per distinct tag; no candidates beyond them.
		assert.deepEqual(registry.requests.map(r => `${r.method} ${r.path.replace(/\?.*/, '')}`).sort(), [
			'GET /v2/library/python/manifests/3.12.1-slim', 'GET /v2/library/python/manifests/latest',
			'GET /v2/library/python/tags/list', 'HEAD /v2/library/python/manifests/3.12.1-slim', 'HEAD /v2/library/python/manifests/latest',
		]);
	});

	it('reports change only when new facts arrive, and does not re-ask while fresh', async () => {
		let now = 1_000_000;
		const store = new RegistryFactsStore(client(), { now: () => now, freshMs: 60_000 });
		const refs = imageReferencesIn('FROM python:3.12.1-slim\n');
		assert.equal((await store.prefetch(refs)).changed, true);
		registry.reset();
		assert.equal((await store.prefetch(refs)).changed, false);
		assert.equal(registry.requests.length, 0);
		now += 61_000;
		assert.equal((await store.prefetch(refs)).changed, false, 'asked again, same answers');
		assert.equal(registry.requests.length, 3, 'tags, digest and layers');
	});

	it('backs off a failing registry instead of asking on every keystroke', async () => {
		let now = 1_000_000;
		const store = new RegistryFactsStore(client(() => now), { now: () => now, retryFailedAfterMs: 30_000 });
		registry.script(/./, ...Array.from({ length: 10 }, () => ({ status: 503 })));
		const refs = imageReferencesIn('FROM python:3.12.1-slim\n');
		const first = await store.prefetch(refs);
		assert.equal(first.failures.length, 3, 'tags, digest and layers');
		assert.equal(first.failures[0].error.kind, 'server');
		const asked = registry.requests.length;
		assert.deepEqual(await store.prefetch(refs), { changed: false, failures: [] });
		assert.equal(registry.requests.length, asked);
		now += 31_000;
		registry.reset();
		assert.equal((await store.prefetch(refs)).changed, true, 'retried after the back-off, registry healthy again');
	});

	it('tells once per registry, and never for not-found', () => {
		const told: string[] = [];
		const notices = new FailureNotices(m => told.push(m));
		notices.report([{ registry: 'docker.io', error: { kind: 'not-found', message: 'x not found' } }]);
		notices.report([{ registry: 'docker.io', error: { kind: 'timeout', message: 'timed out' } }, { registry: 'ghcr.io', error: { kind: 'network', message: 'host not found' } }]);
		notices.report([{ registry: 'docker.io', error: { kind: 'server', message: '500' } }]);
		assert.deepEqual(told, [
			'registry docker.io lookups failed (timed out); using bundled data only.',
			'registry ghcr.io lookups failed (host not found); using bundled data only.',
		]);
	});

	it('names the root cause when the first failure seen is a lookup the breaker refused', () => {
		const told: string[] = [];
		const breaker = new RegistryBreaker(30_000);
		const signal = breaker.signal('docker.io');
		breaker.record('docker.io', { ok: false, error: { kind: 'rate-limited', message: 'library/python: rate limited (429)', status: 429 } }, signal, 'library/python');
		const refused = breaker.refusal('docker.io', 'library/node');
		assert.ok(refused && !refused.ok);
		assert.match(refused.error.message, /^library\/node: not asked, the registry failed moments ago \(library\/python: rate limited \(429\)\)$/);
		const again = new RegistryBreaker(30_000);
		again.record('docker.io', refused, again.signal('docker.io'), 'library/node');
		const twice = again.refusal('docker.io', 'library/debian');
		assert.ok(twice && !twice.ok);
		assert.equal(twice.error.cause?.message, 'library/python: rate limited (429)', 'a refusal of a refusal still points at the first failure');
		new FailureNotices(m => told.push(m)).report([{ registry: 'docker.io', error: refused.error }]);
		assert.deepEqual(told, ['registry docker.io lookups failed (library/python: rate limited (429)); using bundled data only.']);
	});
});

describe('registry parsers', () => {
	it('maps hosts to endpoints: Docker Hub, loopback over HTTP, mirrors', () => {
		const endpoint = registryEndpoint();
		assert.equal(endpoint('docker.io').href, 'https://registry-1.docker.io/');
		assert.equal(endpoint('127.0.0.1:5000').href, 'http://127.0.0.1:5000/');
		assert.equal(endpoint('localhost:5000').href, 'http://localhost:5000/');
		assert.equal(endpoint('ghcr.io').href, 'https://ghcr.io/');
		const mirrors = parseMirrors('docker.io=http://127.0.0.1:5000/, ghcr.io=https://mirror.example/ghcr');
		assert.ok(mirrors.ok);
		assert.equal(registryEndpoint(mirrors.value)('docker.io').href, 'http://127.0.0.1:5000/');
		assert.equal(registryEndpoint(mirrors.value)('ghcr.io').href, 'https://mirror.example/ghcr');
		const bad = parseMirrors('docker.io');
		assert.ok(!bad.ok && /expected host=http\(s\):\/\/url/.test(bad.error.message));
	});

	it('parses Bearer and Basic challenges', () => {
		assert.deepEqual(parseChallenge('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/python:pull"'), {
			scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/python:pull' },
		});
		assert.deepEqual(parseChallenge('Basic realm="Registry Realm"'), { scheme: 'basic', params: { realm: 'Registry Realm' } });
		assert.equal(parseChallenge('Negotiate abc'), undefined);
		assert.equal(parseChallenge(null), undefined);
	});

	it('parses Retry-After seconds and HTTP dates', () => {
		assert.equal(parseRetryAfter('3'), 3000);
		assert.equal(parseRetryAfter('Fri, 27 Nov 2026 10:00:05 GMT', Date.parse('2026-11-27T10:00:00Z')), 5000);
		assert.equal(parseRetryAfter('soon'), undefined);
	});

	it('normalises Docker config keys to reference hosts', () => {
		assert.equal(normaliseHost('https://index.docker.io/v1/'), 'docker.io');
		assert.equal(normaliseHost('http://127.0.0.1:5001'), '127.0.0.1:5001');
		assert.equal(normaliseHost('ghcr.io'), 'ghcr.io');
	});
});

describe('registry facts store across documents', () => {
	const registry = new FixtureRegistry();
	before(async () => {
		await registry.start();
		registry.putManifest('library/alpine', imageManifest('a', [1]), MEDIA_TYPES.dockerManifest, '3.20');
	});
	after(() => registry.stop());

	it('tells a document analysed before another document\'s lookup landed that facts changed', async () => {
		const store = new RegistryFactsStore(new RegistryClient({ endpoint: registryEndpoint(new Map([['docker.io', registry.url]])) }));
		const refs = imageReferencesIn('FROM alpine:3.20\n');
		const seenByB = store.snapshot();
		const seenByA = store.snapshot();
		assert.equal((await store.prefetch(refs)).changed, true, 'document A\'s lookup');
		assert.equal((await store.prefetch(refs)).changed, false, 'document B finds everything fresh…');
		assert.equal(store.changedSince(seenByB), true, '…but its analysis is older than the facts');
		assert.equal(store.changedSince(seenByA), true);
		assert.equal(store.changedSince(store.snapshot()), false);
	});
});

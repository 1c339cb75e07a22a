// The registry client against the real docker-registry instances of the test environment:
// 127.0.0.1:5000 (open) and 127.0.0.1:5001 (htpasswd), with credentials from a temp DOCKER_CONFIG.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { parseImageReference, type ImageReference } from '../../server/src/core/image/reference';
import { RegistryClient } from '../../server/src/registry/client';
import { dockerConfigCredentials } from '../../server/src/registry/credentials';
import { MEDIA_TYPES } from '../../server/src/registry/manifest';
import { assertRegistryUp, image, loadEnv, type TestEnv } from './env';

const { env, skip } = loadEnv();

function ref(text: string): ImageReference {
	const parsed = parseImageReference(text);
	assert.ok(parsed.ok, text);
	return parsed.ref;
}

function client(options: ConstructorParameters<typeof RegistryClient>[0] = {}): RegistryClient {
	return new RegistryClient({ http: { timeoutMs: 5000, maxRetries: 1, retryBaseMs: 50 }, ...options });
}

function dockerConfig(config: object): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'patchlens-docker-config-'));
	writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config));
	return dir;
}

describe('registry client against the local registry 127.0.0.1:5000', { skip }, () => {
	const e = env as TestEnv;
	before(() => assertRegistryUp(e.registry));

	it('lists the pushed tags', async () => {
		const tags = await client().tags(ref(`${e.registry}/library/python`));
		assert.ok(tags.ok, JSON.stringify(tags));
		for (const t of ['3.12.1-slim', '3.12.11-slim']) assert.ok(tags.value.includes(t), `${t} in ${tags.value}`);
	});

	it('asks for pages of one tag and still gets every tag (docker-registry 2.8 ignores n on tag lists)', async () => {
		const tags = await client({ pageSize: 1 }).tags(ref(`${e.registry}/library/python`));
		assert.ok(tags.ok);
		assert.ok(tags.value.length >= 2);
	});

	it('reports the digest docker recorded when it pushed the image', async () => {
		const python = image(e, 'python:3.12.1-slim');
		const digest = await client().digest(ref(python.registryRef), python.tag);
		assert.ok(digest.ok, JSON.stringify(digest));
		const repoDigests = execFileSync('docker', ['-H', e.dockerHost, 'inspect', '--format', '{{json .RepoDigests}}', 'python:3.12.1-slim'], { encoding: 'utf8' });
		const pushed = (JSON.parse(repoDigests) as string[]).find(d => d.startsWith(`${e.registry}/library/python@`));
		assert.equal(`${e.registry}/library/python@${digest.value}`, pushed);
		assert.equal(digest.value, python.digest);
	});

	it('reports layer sizes equal to the pushed blobs', async () => {
		const big = image(e, 'patchlens/big-layer:1');
		const layers = await client().layers(ref(big.registryRef), big.tag);
		assert.ok(layers.ok, JSON.stringify(layers));
		assert.deepEqual(layers.value, big.layers);
		for (const layer of layers.value) {
			const blob = await fetch(`http://${e.registry}/v2/${big.repository}/blobs/${layer.digest}`, { method: 'HEAD' });
			assert.equal(Number(blob.headers.get('content-length')), layer.size, layer.digest);
		}
		assert.equal(layers.value.reduce((s, l) => s + l.size, 0), big.compressedSize);
	});

	it('reports not-found for an unknown tag', async () => {
		const digest = await client().digest(ref(`${e.registry}/library/python`), 'no-such-tag');
		assert.equal(!digest.ok && digest.error.kind, 'not-found');
	});

	it('digests a pushed multi-arch index as the index, and picks the platform\'s layers', async () => {
		const python = image(e, 'python:3.12.1-slim');
		const node = image(e, 'node:20.11.0-alpine3.19');
		const { indexDigest } = await pushIndex(e, 'patchlens/registry-test-index', 'multi', [
			{ from: python.repository, tag: python.tag, platform: { os: 'linux', architecture: 'amd64' } },
			{ from: node.repository, tag: node.tag, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
		]);
		const target = ref(`${e.registry}/patchlens/registry-test-index:multi`);
		const c = client();
		const digest = await c.digest(target, 'multi');
		assert.ok(digest.ok);
		assert.equal(digest.value, indexDigest);
		assert.notEqual(digest.value, python.digest);
		const amd64 = await c.layers(target, 'multi');
		assert.ok(amd64.ok);
		assert.deepEqual(amd64.value, python.layers);
		const arm64 = await c.layers(target, 'multi', { os: 'linux', architecture: 'arm64' });
		assert.ok(arm64.ok);
		assert.deepEqual(arm64.value, node.layers);
	});
});

describe('registry client against the htpasswd registry 127.0.0.1:5001', { skip }, () => {
	const e = env as TestEnv;
	let python: ImageReference;
	before(async () => {
		await assertRegistryUp(e.registry);
		python = ref(`${e.authRegistry}/library/python`);
	});

	it('is refused without credentials, with a docker login hint', async () => {
		const tags = await client({ credentials: dockerConfigCredentials({ configDir: dockerConfig({}) }) }).tags(python);
		assert.ok(!tags.ok);
		assert.equal(tags.error.kind, 'unauthorized');
		assert.ok(tags.error.message.includes(`docker login ${e.authRegistry}`), tags.error.message);
	});

	it('reads base64 `auths` credentials from DOCKER_CONFIG', async () => {
		const auth = Buffer.from(`${e.authUser}:${e.authPassword}`).toString('base64');
		const configDir = dockerConfig({ auths: { [`http://${e.authRegistry}`]: { auth } } });
		const c = client({ credentials: dockerConfigCredentials({ env: { ...process.env, DOCKER_CONFIG: configDir } }) });
		const tags = await c.tags(python);
		assert.ok(tags.ok, JSON.stringify(tags));
		assert.ok(tags.value.includes('3.12.1-slim'));
		const digest = await c.digest(python, '3.12.1-slim');
		assert.ok(digest.ok);
		assert.equal(digest.value, image(e, 'python:3.12.1-slim').digest);
	});

	it('never shows the password when the stored one is wrong', async () => {
		const wrong = `${e.authPassword}-wrong`;
		const auth = Buffer.from(`${e.authUser}:${wrong}`).toString('base64');
		const log: string[] = [];
		const c = client({
			credentials: dockerConfigCredentials({ configDir: dockerConfig({ auths: { [e.authRegistry]: { auth } } }) }),
			http: { timeoutMs: 5000, maxRetries: 0, log: line => log.push(line) },
		});
		const tags = await c.tags(python);
		assert.ok(!tags.ok);
		assert.equal(tags.error.kind, 'unauthorized');
		assert.ok(tags.error.message.includes(`rejected the stored credentials for ${e.authRegistry}`), tags.error.message);
		const everything = `${JSON.stringify(tags)}\n${log.join('\n')}`;
		for (const secret of [wrong, auth, e.authPassword]) assert.ok(!everything.includes(secret), 'secret leaked');
	});

	for (const key of ['credHelpers', 'credsStore'] as const) {
		it(`runs docker-credential-testhelper from ${key}, passing the server URL on stdin`, async () => {
			const bin = mkdtempSync(path.join(tmpdir(), 'patchlens-helper-'));
			const stdinFile = path.join(bin, 'stdin');
			const helper = path.join(bin, 'docker-credential-testhelper');
			writeFileSync(helper, [
				'#!/bin/sh',
				'server=$(cat)',
				`printf '%s' "$server" > '${stdinFile}'`,
				'[ "$1" = get ] || exit 3',
				`if [ "$server" = '${e.authRegistry}' ]; then`,
				`  printf '{"ServerURL":"%s","Username":"${e.authUser}","Secret":"${e.authPassword}"}' "$server"`,
				'else echo "credentials not found in native keychain"; exit 1; fi',
			].join('\n') + '\n');
			chmodSync(helper, 0o755);
			const config = key === 'credHelpers' ? { credHelpers: { [e.authRegistry]: 'testhelper' } } : { credsStore: 'testhelper' };
			const lookup = dockerConfigCredentials({ configDir: dockerConfig(config), env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
			const tags = await client({ credentials: lookup }).tags(python);
			assert.ok(tags.ok, JSON.stringify(tags));
			assert.equal(readFileSync(stdinFile, 'utf8'), e.authRegistry);
			// Hosts the helper knows nothing about: no credentials, no error.
			assert.deepEqual(await lookup('ghcr.io'), { ok: true, value: undefined });
		});
	}

	it('explains a credential helper that is not installed', async () => {
		const lookup = dockerConfigCredentials({ configDir: dockerConfig({ credsStore: 'patchlens-absent' }) });
		const tags = await client({ credentials: lookup }).tags(python);
		assert.ok(!tags.ok);
		assert.equal(tags.error.kind, 'unauthorized');
		assert.match(tags.error.message, /docker-credential-patchlens-absent is not on PATH/);
	});
});

/** Builds a Docker manifest list in `repo:tag` from single-arch images of other repositories (blob mounts + manifest PUTs). */
async function pushIndex(e: TestEnv, repo: string, tag: string, entries: { from: string; tag: string; platform: object }[]): Promise<{ indexDigest: string }> {
	const base = `http://${e.registry}/v2`;
	const manifests = [];
	for (const entry of entries) {
		const got = await fetch(`${base}/${entry.from}/manifests/${entry.tag}`, { headers: { accept: MEDIA_TYPES.dockerManifest } });
		const body = Buffer.from(await got.arrayBuffer());
		const mediaType = got.headers.get('content-type')!;
		const digest = got.headers.get('docker-content-digest')!;
		const parsed = JSON.parse(body.toString()) as { config: { digest: string }; layers: { digest: string }[] };
		for (const blob of [parsed.config.digest, ...parsed.layers.map(l => l.digest)]) {
			const mount = await fetch(`${base}/${repo}/blobs/uploads/?mount=${blob}&from=${entry.from}`, { method: 'POST' });
			assert.equal(mount.status, 201, `mount ${blob}`);
		}
		const put = await fetch(`${base}/${repo}/manifests/${digest}`, { method: 'PUT', headers: { 'content-type': mediaType }, body });
		assert.equal(put.status, 201, `put ${digest}: ${await put.text()}`);
		manifests.push({ mediaType, digest, size: body.length, platform: entry.platform });
	}
	const index = JSON.stringify({ schemaVersion: 2, mediaType: MEDIA_TYPES.dockerList, manifests });
	const put = await fetch(`${base}/${repo}/manifests/${tag}`, { method: 'PUT', headers: { 'content-type': MEDIA_TYPES.dockerList }, body: index });
	assert.equal(put.status, 201, await put.text());
	return { indexDigest: put.headers.get('docker-content-digest')! };
}

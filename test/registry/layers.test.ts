// Layer look-ups without pulling (issue 14) against the real local registries: compressed sizes and media
// types as pushed, diff ids equal to what the engine lists after a pull, other platforms and 401s reported.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { parseImageReference } from '../../server/src/core/image/reference';
import { RegistryClient } from '../../server/src/registry/client';
import { dockerConfigCredentials } from '../../server/src/registry/credentials';
import { remoteImage } from '../../server/src/registry/layers';
import { LINUX_AMD64 } from '../../server/src/registry/manifest';
import { assertRegistryUp, image, loadEnv, type TestEnv } from './env';

const { env, skip } = loadEnv();

function repo(text: string) {
	const parsed = parseImageReference(text);
	assert.ok(parsed.ok, text);
	return { registry: parsed.ref.registry, path: parsed.ref.path };
}

const client = (options: ConstructorParameters<typeof RegistryClient>[0] = {}) =>
	new RegistryClient({ http: { timeoutMs: 5000, maxRetries: 0 }, ...options });
const noCredentials = () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'patchlens-docker-config-'));
	writeFileSync(path.join(dir, 'config.json'), '{}');
	return dockerConfigCredentials({ configDir: dir });
};

describe('registry layer look-ups without pulling', { skip }, () => {
	const e = env as TestEnv;
	before(() => assertRegistryUp(e.registry));

	it('gives the pushed layers with compressed sizes, media types and the engine\'s diff ids', async () => {
		const fixture = image(e, 'python:3.12.11-slim');
		const got = await remoteImage(client(), repo(fixture.registryRef), fixture.tag, LINUX_AMD64);
		assert.ok(got.ok, JSON.stringify(got));
		assert.deepEqual(got.value.layers.map(l => ({ digest: l.digest, size: l.size })), fixture.layers);
		assert.ok(got.value.layers.every(l => /tar/.test(l.mediaType)));
		// What the engine lists for the same image once it holds it: the diff ids match position by position.
		const engineLayers = JSON.parse(execFileSync('docker', ['image', 'inspect', '--format', '{{json .RootFS.Layers}}', fixture.registryRef], { encoding: 'utf8' }));
		assert.deepEqual(got.value.layers.map(l => l.diffId), engineLayers);
		assert.equal(got.value.platform, 'linux/amd64');
	});

	it('reports an image of another platform as such, not as missing', async () => {
		const fixture = image(e, 'alpine:3.20');
		const got = await remoteImage(client(), repo(fixture.registryRef), fixture.tag, { os: 'linux', architecture: 'arm64' });
		assert.ok(!got.ok);
		assert.match(got.error.message, /is a linux\/amd64 image; this engine runs linux\/arm64/);
	});

	it('says "authentication required" on a 401 without credentials', async () => {
		const got = await remoteImage(client({ credentials: noCredentials() }), repo(`${e.authRegistry}/library/python`), '3.12.1-slim', LINUX_AMD64);
		assert.ok(!got.ok);
		assert.equal(got.error.kind, 'unauthorized');
	});
});

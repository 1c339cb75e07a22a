// Engine address resolution: setting > DOCKER_HOST > DOCKER_CONTEXT / currentContext > default socket.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { dockerOptions, resolveDockerHost } from '../../startup/src/dockerHost';

function home(config: object | undefined, contexts: Record<string, string>): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'patchlens-home-'));
	mkdirSync(path.join(dir, '.docker'));
	if (config) writeFileSync(path.join(dir, '.docker', 'config.json'), JSON.stringify(config));
	for (const [name, host] of Object.entries(contexts)) {
		const meta = path.join(dir, '.docker', 'contexts', 'meta', createHash('sha256').update(name).digest('hex'));
		mkdirSync(meta, { recursive: true });
		writeFileSync(path.join(meta, 'meta.json'), JSON.stringify({ Name: name, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }));
	}
	return dir;
}

describe('Docker host resolution', () => {
	const h = home({ currentContext: 'remote' }, { remote: 'ssh://me@build-box', other: 'tcp://127.0.0.1:2375' });

	it('prefers the explicit setting, then DOCKER_HOST', () => {
		assert.deepEqual(resolveDockerHost('unix:///custom.sock', { env: { DOCKER_HOST: 'tcp://x:1' }, home: h }), { host: 'unix:///custom.sock', source: 'setting' });
		assert.deepEqual(resolveDockerHost('  ', { env: { DOCKER_HOST: 'tcp://127.0.0.1:2375' }, home: h }), { host: 'tcp://127.0.0.1:2375', source: 'DOCKER_HOST' });
	});

	it('reads the current context from config.json and its meta.json (sha256 of the name)', () => {
		assert.deepEqual(resolveDockerHost(undefined, { env: {}, home: h }), { host: 'ssh://me@build-box', source: 'context', context: 'remote' });
		assert.deepEqual(resolveDockerHost(undefined, { env: { DOCKER_CONTEXT: 'other' }, home: h }), { host: 'tcp://127.0.0.1:2375', source: 'context', context: 'other' });
		assert.deepEqual(resolveDockerHost(undefined, { env: { DOCKER_CONFIG: path.join(h, '.docker') }, home: '/nonexistent' }).context, 'remote');
	});

	it('falls back to the default socket for the default context, a missing context or no config', () => {
		const fallback = { host: 'unix:///var/run/docker.sock', source: 'default' };
		assert.deepEqual(resolveDockerHost(undefined, { env: { DOCKER_CONTEXT: 'default' }, home: h }), fallback);
		assert.deepEqual(resolveDockerHost(undefined, { env: { DOCKER_CONTEXT: 'gone' }, home: h }), fallback);
		assert.deepEqual(resolveDockerHost(undefined, { env: {}, home: home(undefined, {}) }), fallback);
		const broken = home(undefined, {});
		writeFileSync(path.join(broken, '.docker', 'config.json'), '{not json');
		assert.deepEqual(resolveDockerHost(undefined, { env: {}, home: broken }), fallback);
	});

	it('turns addresses into dockerode options', () => {
		assert.deepEqual(dockerOptions('unix:///var/run/docker.sock'), { socketPath: '/var/run/docker.sock' });
		assert.deepEqual(dockerOptions('tcp://127.0.0.1:2375', {}), { protocol: 'http', host: '127.0.0.1', port: 2375 });
		assert.deepEqual(dockerOptions('127.0.0.1:2376', {}), { protocol: 'https', host: '127.0.0.1', port: 2376 });
		assert.deepEqual(dockerOptions('ssh://me@box:2222', { SSH_AUTH_SOCK: '/agent' }), { protocol: 'ssh', host: 'box', port: 2222, username: 'me', sshOptions: { agent: '/agent' } });
		assert.throws(() => dockerOptions('ftp://x'), /cannot use Docker host "ftp:\/\/x"/);
	});
});

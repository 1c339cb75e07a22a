// The client over real TLS (a throw-away certificate for 127.0.0.1 made with openssl, trusted by
// this test process only): an HTTPS registry is never followed down to plain HTTP, and its
// credentials never go to a plain-HTTP token realm; over HTTPS the token flow works.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { RegistryClient } from '../../server/src/registry/client';
import { registryEndpoint } from '../../server/src/registry/endpoints';
import { ok } from '../../server/src/registry/result';
import { FixtureRegistry, json } from './fixtureServer';

const PASSWORD = 'tls-Pa55word';
const BASIC = `Basic ${Buffer.from(`alice:${PASSWORD}`).toString('base64')}`;
const app = { registry: 'a.test', path: 'acme/app' };

/** A self-signed certificate for IP 127.0.0.1, or why there is none. */
function certificate(): { key: Buffer; cert: Buffer } | string {
	const dir = mkdtempSync(path.join(tmpdir(), 'patchlens-tls-'));
	const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1',
		'-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { encoding: 'utf8' });
	if (made.error || made.status !== 0) return `openssl could not make a certificate: ${made.error?.message ?? made.stderr}`;
	return { key: readFileSync(path.join(dir, 'key.pem')), cert: readFileSync(path.join(dir, 'cert.pem')) };
}

const tls = certificate();

describe('HTTPS registries', { skip: typeof tls === 'string' ? tls : undefined }, () => {
	const plain = new FixtureRegistry({ host: '127.0.0.2' });
	const seen: { path: string; authorization?: string }[] = [];
	let answer: (url: URL, res: import('node:http').ServerResponse) => void = () => undefined;
	let server: https.Server;
	let origin = '';
	const savedCa = https.globalAgent.options.ca;
	before(async () => {
		const { key, cert } = tls as { key: Buffer; cert: Buffer };
		// Trusted by this process's global agent only: no environment variable, no system store.
		https.globalAgent.options.ca = cert;
		server = https.createServer({ key, cert }, (req, res) => {
			const url = new URL(req.url ?? '/', origin);
			seen.push({ path: url.pathname, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
			answer(url, res);
		});
		await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
		origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
		await plain.start();
	});
	after(async () => {
		https.globalAgent.options.ca = savedCa;
		server.closeAllConnections();
		await new Promise(resolve => server.close(resolve));
		await plain.stop();
	});
	afterEach(() => { seen.length = 0; plain.reset(); });
	const client = () => new RegistryClient({
		endpoint: registryEndpoint(new Map([['a.test', origin]])),
		credentials: async host => ok(host === new URL(origin).host ? { kind: 'basic', username: 'alice', password: PASSWORD } : undefined),
		http: { timeoutMs: 3000, maxRetries: 0 },
	});

	it('answers an HTTPS realm on the registry with the credentials', async () => {
		answer = (url, res) => {
			if (url.pathname === '/token') return json(res, seen.at(-1)?.authorization === BASIC ? 200 : 401, { token: 'tok' });
			if (seen.at(-1)?.authorization !== 'Bearer tok') return json(res, 401, {}, { 'www-authenticate': `Bearer realm="${origin}/token",service="a.test"` });
			json(res, 200, { name: 'acme/app', tags: ['1.0'] });
		};
		assert.deepEqual(await client().tags(app), ok(['1.0']));
	});

	it('refuses a redirect from https down to http', async () => {
		answer = (_url, res) => { res.writeHead(302, { location: `${plain.url}/v2/acme/app/tags/list` }); res.end(); };
		const result = await client().tags(app);
		assert.ok(!result.ok && /from https to plain http \(127\.0\.0\.2:\d+\) refused/.test(result.error.message), JSON.stringify(result));
		assert.equal(plain.requests.length, 0);
	});

	it('asks a plain-HTTP realm named by an HTTPS registry for a token anonymously', async () => {
		answer = (_url, res) => json(res, 401, {}, { 'www-authenticate': `Bearer realm="${plain.url}/token",service="a.test"` });
		await client().tags(app);
		const asked = plain.requests.filter(r => r.path.startsWith('/token'));
		assert.equal(asked.length, 1);
		assert.equal(asked[0].authorization, undefined);
	});
});

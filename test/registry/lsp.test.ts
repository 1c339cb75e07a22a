// Online mode end to end: the bundled language server, told the workspace is trusted, looks the
// FROM lines up in a real registry (docker.io mirrored to 127.0.0.1:5000) and re-publishes PL106.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { openDocument, startServer, type LspSession } from '../../scripts/lspClient';
import { assertRegistryUp, image, loadEnv, type TestEnv } from './env';
import { MEDIA_TYPES } from '../../server/src/registry/manifest';
import { FixtureRegistry, imageManifest } from './fixtureServer';

const { env, skip } = loadEnv();
const STALE = `sha256:${'0'.repeat(64)}`;
const codes = (p: PublishDiagnosticsParams) => p.diagnostics.map(d => d.code);

function serverEnv(mirror: string): NodeJS.ProcessEnv {
	return {
		...process.env,
		PATCHLENS_REGISTRY_MIRROR: `docker.io=${mirror}`,
		XDG_CACHE_HOME: mkdtempSync(path.join(tmpdir(), 'patchlens-lsp-cache-')),
		DOCKER_CONFIG: mkdtempSync(path.join(tmpdir(), 'patchlens-lsp-docker-')),
	};
}

describe('language server online mode against the local registry', { skip }, () => {
	const e = env as TestEnv;
	let session: LspSession;
	before(async () => {
		await assertRegistryUp(e.registry);
		session = await startServer({ online: true }, { env: serverEnv(`http://${e.registry}`), initializationOptions: { workspaceTrusted: true } });
	});
	after(() => session.close());

	it('publishes at once, then PL106 with the registry\'s digest when the lookup lands', async () => {
		const uri = 'file:///online/Dockerfile';
		const current = image(e, 'python:3.12.1-slim').digest;
		const first = session.nextDiagnostics(uri);
		const withFacts = session.nextDiagnostics(uri, p => codes(p).includes('PL106'));
		await openDocument(session, uri, `FROM python:3.12.1-slim@${STALE}\n`);
		assert.ok(!codes(await first).includes('PL106'), 'the first analysis does not wait for the network');
		const published = await withFacts;
		assert.equal(published.version, 1);
		const pl106 = published.diagnostics.find(d => d.code === 'PL106')!;
		assert.equal(pl106.severity, 2);
		assert.match(pl106.message, new RegExp(`now points to ${current.slice(0, 19)}`));
		const actions = await session.connection.sendRequest('textDocument/codeAction', {
			textDocument: { uri }, range: pl106.range, context: { diagnostics: [pl106] },
		}) as { title: string; edit?: { changes?: Record<string, { newText: string }[]> } }[];
		const refresh = actions.find(a => a.title.startsWith('Refresh the digest'));
		assert.ok(refresh, JSON.stringify(actions.map(a => a.title)));
		assert.equal(refresh.edit!.changes![uri][0].newText, `:3.12.1-slim@${current}`);
	});

	it('does not flag a digest that is current', async () => {
		const uri = 'file:///online/current/Dockerfile';
		const digest = image(e, 'python:3.12.11-slim').digest;
		// The tag was not looked up yet: a second publication follows the lookup.
		const second = session.nextDiagnostics(uri, p => p.version === 1, 10_000).then(() => session.nextDiagnostics(uri, () => true, 10_000));
		await openDocument(session, uri, `FROM python:3.12.11-slim@${digest}\n`);
		assert.ok(!codes(await second).includes('PL106'));
	});
});

describe('language server online mode: trust and failures', () => {
	const fixture = new FixtureRegistry();
	before(() => fixture.start());
	after(() => fixture.stop());

	it('makes no registry request when the client did not say the workspace is trusted', async () => {
		const session = await startServer({ online: true }, { env: serverEnv(fixture.url) });
		try {
			const uri = 'file:///untrusted/Dockerfile';
			const published = session.nextDiagnostics(uri);
			await openDocument(session, uri, `FROM python:3.12.1-slim@${STALE}\n`);
			await published;
			await new Promise(r => setTimeout(r, 300));
			assert.equal(fixture.requests.length, 0);
		} finally {
			await session.close();
		}
	});

	it('says once per registry that it fell back to bundled data, however often it is asked', async () => {
		const closed = new FixtureRegistry();
		await closed.start();
		await closed.stop();
		const session = await startServer({ online: true }, { env: serverEnv(closed.url), initializationOptions: { workspaceTrusted: true } });
		const messages: { type: number; message: string }[] = [];
		session.connection.onNotification('window/showMessage', (m: { type: number; message: string }) => { messages.push(m); });
		try {
			for (const [i, image] of ['python:3.12.1-slim', 'node:20.11.0-alpine3.19', 'debian:bookworm-slim'].entries()) {
				const uri = `file:///failing/${i}/Dockerfile`;
				const published = session.nextDiagnostics(uri);
				await openDocument(session, uri, `FROM ${image}\n`);
				await published;
			}
			const deadline = Date.now() + 5000;
			while (!messages.length && Date.now() < deadline) await new Promise(r => setTimeout(r, 50));
			await new Promise(r => setTimeout(r, 300));
			assert.equal(messages.length, 1, JSON.stringify(messages));
			assert.equal(messages[0].type, 2, 'a warning');
			assert.match(messages[0].message, /registry docker\.io lookups failed \(.*connection refused\); using bundled data only/);
			assert.equal(session.process.exitCode, null);
		} finally {
			await session.close();
		}
	});
});

describe('language server online mode: typing while lookups run', () => {
	const fixture = new FixtureRegistry();
	let current = '';
	before(async () => {
		await fixture.start();
		current = fixture.putManifest('library/python', imageManifest('py', [1]), MEDIA_TYPES.dockerManifest, '3.12.1-slim');
	});
	after(() => fixture.stop());

	it('never publishes for an old version when a slow lookup lands after an edit', async () => {
		// The first lookups take 700 ms; the user edits meanwhile.
		fixture.script(/\/tags\/list/, { status: 200, delayMs: 700, headers: { 'content-type': 'application/json' }, body: '{"name":"library/python","tags":["3.12.1-slim"]}' });
		const session = await startServer({ online: true }, { env: serverEnv(fixture.url), initializationOptions: { workspaceTrusted: true } });
		const published: PublishDiagnosticsParams[] = [];
		// A waiter that records every publication and never resolves (one handler per method in jsonrpc).
		session.nextDiagnostics('file:///typing/Dockerfile', p => { published.push(p); return false; }, 5_000).catch(() => undefined);
		try {
			const uri = 'file:///typing/Dockerfile';
			const first = session.nextDiagnostics(uri);
			await openDocument(session, uri, `FROM python:3.12.1-slim@${STALE}\n`);
			await first;
			const withFacts = session.nextDiagnostics(uri, p => p.version === 2 && codes(p).includes('PL106'));
			await session.connection.sendNotification('textDocument/didChange', {
				textDocument: { uri, version: 2 },
				contentChanges: [{ text: `FROM python:3.12.1-slim@${STALE} AS app\n` }],
			});
			const final = await withFacts;
			assert.match(final.diagnostics.find(d => d.code === 'PL106')!.message, new RegExp(current.slice(0, 19)));
			await new Promise(r => setTimeout(r, 300));
			const versions = published.filter(p => p.uri === uri).map(p => p.version);
			assert.ok(versions.indexOf(1) < versions.indexOf(2), JSON.stringify(versions));
			assert.deepEqual(versions.filter((v, i) => i > versions.indexOf(2) && v !== 2), [], `nothing for version 1 after version 2: ${versions}`);
			assert.ok(!published.some(p => p.version === 1 && codes(p).includes('PL106')), 'the lookup that started for version 1 was not published for it');
		} finally {
			await session.close();
		}
	});
});

// Bump candidates looked up in the real local registry (docker.io mirrored to 127.0.0.1:5000): a
// digest-pinned FROM is offered the new tag pinned to its real digest, and titles carry the
// compressed sizes the registry reports (env.json has them).
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { analyze } from '../../server/src/core/analyze';
import { RegistryClient } from '../../server/src/registry/client';
import { registryEndpoint } from '../../server/src/registry/endpoints';
import { fetchRegistryFacts } from '../../server/src/registry/facts';
import { NOW } from '../helpers/analyze';
import { openDocument, startServer, type LspSession } from '../../scripts/lspClient';
import { assertRegistryUp, image, loadEnv, type TestEnv } from './env';

const { env, skip } = loadEnv();
const PYTHON = 'docker.io/library/python';
// Sizes in titles come from env.json (what this machine's registry holds), never written down.
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

describe('bump candidates against the local registry', { skip }, () => {
	const e = env as TestEnv;
	const client = () => new RegistryClient({ endpoint: registryEndpoint(new Map([['docker.io', `http://${e.registry}`]])), http: { timeoutMs: 5000 } });
	before(() => assertRegistryUp(e.registry));

	it('keeps a digest pin: the candidate the live tag list yields is looked up and pinned to its real digest', async () => {
		const old = image(e, 'python:3.12.1-slim');
		const next = image(e, 'python:3.12.11-slim');
		const text = `FROM python:3.12.1-slim@${old.digest}\n`;
		const { facts, failures } = await fetchRegistryFacts(text, client(), { now: NOW });
		assert.deepEqual(failures, []);
		// The registry holds just these two tags, so the latest 3.12 patch with `-slim` is 3.12.11-slim.
		assert.deepEqual([...facts.tags(PYTHON)!].sort(), ['3.12.1-slim', '3.12.11-slim']);
		assert.equal(facts.digest(PYTHON, '3.12.11-slim'), next.digest);
		assert.equal(facts.compressedSize!(PYTHON, old.digest), old.compressedSize);
		assert.equal(facts.compressedSize!(PYTHON, '3.12.11-slim'), next.compressedSize);
		const pl103 = analyze(text, { now: NOW, offline: false, registryFacts: facts }).findings.find(f => f.code === 'PL103');
		assert.ok(pl103, 'PL103 fires for 3.12.1-slim');
		const fix = pl103.fixes![0];
		assert.equal(fix.title, `Bump to python:3.12.11-slim (latest 3.12 patch) (${mb(old.compressedSize)} → ${mb(next.compressedSize)} compressed), pinned to its digest — settles PL103`);
		assert.equal(fix.edits[0].newText, `:3.12.11-slim@${next.digest}`);
	});

	it('measures an unpinned FROM by its tag, and looks up no candidate digest it does not need', async () => {
		const old = image(e, 'python:3.12.1-slim');
		const next = image(e, 'python:3.12.11-slim');
		const text = 'FROM python:3.12.1-slim\n';
		const { facts, failures } = await fetchRegistryFacts(text, client(), { now: NOW });
		assert.deepEqual(failures, []);
		assert.equal(facts.digest(PYTHON, '3.12.11-slim'), undefined);
		assert.equal(facts.compressedSize!(PYTHON, '3.12.1-slim'), old.compressedSize);
		const fix = analyze(text, { now: NOW, offline: false, registryFacts: facts }).findings.find(f => f.code === 'PL103')!.fixes![0];
		assert.equal(fix.title, `Bump to python:3.12.11-slim (latest 3.12 patch) (${mb(old.compressedSize)} → ${mb(next.compressedSize)} compressed) — settles PL103`);
		assert.equal(fix.edits[0].newText, ':3.12.11-slim');
	});

	it('sizes every FROM, and invents no bump the live tag list does not have', async () => {
		const text = 'FROM node:20.11.0-alpine3.19\nFROM python:3.12.11-slim\n';
		const { facts, failures } = await fetchRegistryFacts(text, client(), { now: NOW });
		assert.deepEqual(failures, []);
		assert.equal(facts.compressedSize!(PYTHON, '3.12.11-slim'), image(e, 'python:3.12.11-slim').compressedSize);
		assert.equal(facts.compressedSize!('docker.io/library/node', '20.11.0-alpine3.19'), image(e, 'node:20.11.0-alpine3.19').compressedSize);
		// The live node tag list has no newer 20.x alpine3.19 build: no bump is invented.
		const node = analyze(text, { now: NOW, offline: false, registryFacts: facts }).findings.filter(f => f.code === 'PL103');
		assert.deepEqual(node, []);
	});
});

describe('language server: digest-pinned bump against the local registry', { skip }, () => {
	const e = env as TestEnv;
	let session: LspSession;
	before(async () => {
		await assertRegistryUp(e.registry);
		session = await startServer({ online: true }, {
			env: {
				...process.env,
				PATCHLENS_REGISTRY_MIRROR: `docker.io=http://${e.registry}`,
				XDG_CACHE_HOME: mkdtempSync(path.join(tmpdir(), 'patchlens-lsp-cache-')),
				DOCKER_CONFIG: mkdtempSync(path.join(tmpdir(), 'patchlens-lsp-docker-')),
			},
			initializationOptions: { workspaceTrusted: true },
		});
	});
	after(() => session.close());

	it('offers the bump pinned to the new tag\'s digest, with sizes, once lookups land', async () => {
		const uri = 'file:///online/pinned/Dockerfile';
		const old = image(e, 'python:3.12.1-slim');
		const next = image(e, 'python:3.12.11-slim');
		const live = (p: PublishDiagnosticsParams) => p.diagnostics.some(d => d.code === 'PL103' && d.message.includes('3.12.11-slim'));
		const published = session.nextDiagnostics(uri, live, 15_000);
		await openDocument(session, uri, `FROM python:3.12.1-slim@${old.digest}\n`);
		const pl103 = (await published).diagnostics.find(d => d.code === 'PL103')!;
		const actions = await session.connection.sendRequest('textDocument/codeAction', {
			textDocument: { uri }, range: pl103.range, context: { diagnostics: [pl103] },
		}) as { title: string; edit?: { changes?: Record<string, { newText: string }[]> } }[];
		const bump = actions.find(a => a.title.startsWith('Bump to python:3.12.11-slim'));
		assert.ok(bump, JSON.stringify(actions.map(a => a.title)));
		assert.equal(bump.title, `Bump to python:3.12.11-slim (latest 3.12 patch) (${mb(old.compressedSize)} → ${mb(next.compressedSize)} compressed), pinned to its digest — settles PL103`);
		assert.equal(bump.edit!.changes![uri][0].newText, `:3.12.11-slim@${next.digest}`);
	});
});

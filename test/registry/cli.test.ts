// `patchlens check` online: facts from the registry before analysis, one stderr line per failing registry.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { image, loadEnv, type TestEnv } from './env';
import { FixtureRegistry } from './fixtureServer';

const CLI = path.join(__dirname, '../../cli/out/patchlens.js');
const STALE = `sha256:${'0'.repeat(64)}`;
const { env, skip } = loadEnv();

function workspace(files: Record<string, string>): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'patchlens-cli-online-'));
	for (const [name, text] of Object.entries(files)) {
		mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
		writeFileSync(path.join(dir, name), text);
	}
	return dir;
}

function run(args: string[], mirror: string) {
	const r = spawnSync(process.execPath, [CLI, ...args], {
		encoding: 'utf8',
		env: { ...process.env, NO_COLOR: '1', PATCHLENS_REGISTRY_MIRROR: `docker.io=${mirror}`, DOCKER_CONFIG: mkdtempSync(path.join(tmpdir(), 'patchlens-cli-docker-')) },
	});
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('patchlens check online', () => {
	it('reports PL106 from the registry\'s digest and caches the answers in --cache-dir', { skip }, () => {
		const e = env as TestEnv;
		const dir = workspace({ Dockerfile: `FROM python:3.12.1-slim@${STALE}\n` });
		const cache = path.join(dir, 'cache');
		const r = run(['check', '--format', 'json', '--cache-dir', cache, path.join(dir, 'Dockerfile')], `http://${e.registry}`);
		assert.equal(r.stderr, '');
		const pl106 = JSON.parse(r.stdout).filter((f: { code: string }) => f.code === 'PL106');
		assert.equal(pl106.length, 1, r.stdout);
		assert.match(pl106[0].message, new RegExp(image(e, 'python:3.12.1-slim').digest.slice(0, 19)));
		assert.ok(readdirSync(path.join(cache, 'registry')).filter(f => f.endsWith('.json')).length >= 2, 'tags and digest cached');
		assert.equal(run(['check', '--offline', '--format', 'json', path.join(dir, 'Dockerfile')], `http://${e.registry}`).stdout.includes('PL106'), false);
	});

	it('falls back to bundled data with one stderr line per registry', async () => {
		const closed = new FixtureRegistry();
		await closed.start();
		await closed.stop();
		const dir = workspace({
			'a/Dockerfile': `FROM python:3.12.1-slim@${STALE}\nFROM node:20.11.0-alpine3.19\n`,
			'b/Dockerfile': 'FROM debian:bookworm-slim\nFROM 127.0.0.1:1/acme/app:1\n',
		});
		const r = run(['check', '--format', 'json', '--cache-dir', path.join(dir, 'cache'), '--registry-timeout', '2000', dir], closed.url);
		const lines = r.stderr.trim().split('\n');
		assert.equal(lines.length, 2, r.stderr);
		assert.match(lines[0], /^patchlens: registry docker\.io lookups failed \(.*connection refused\); using bundled data only\.$/);
		assert.match(lines[1], /^patchlens: registry 127\.0\.0\.1:1 lookups failed/);
		assert.ok(Array.isArray(JSON.parse(r.stdout)), 'findings are still reported');
		assert.ok(!r.stdout.includes('PL106'));
	});
});

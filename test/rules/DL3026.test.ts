import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertCatches, assertCatchesNot } from '../helpers/analyze';

describe('DL3026 trusted registries', () => {
	it('does not fire without a list (hadolint: empty allows any)', () => {
		assertCatchesNot('DL3026', 'FROM random.com/debian\n');
	});
	it('fires on registries outside the list, as an error', () => {
		const [f] = assertCatches('DL3026', 'FROM random.com/debian\nFROM docker.io/debian\nFROM debian\n', [1], { trustedRegistries: ['docker.io'] });
		assert.equal(f.severity, 'error');
		assert.match(f.message, /`random\.com`/);
		assertCatches('DL3026', 'FROM debian\n', [1], { trustedRegistries: ['ghcr.io'] });
	});
	it('accepts hub.docker.com for Docker Hub, wildcards and path prefixes', () => {
		assertCatchesNot('DL3026', 'FROM debian\n', { trustedRegistries: ['hub.docker.com'] });
		assertCatchesNot('DL3026', 'FROM eu.gcr.io/x/app:1\nFROM us.gcr.io/y/app:1\n', { trustedRegistries: ['*.gcr.io'] });
		assertCatchesNot('DL3026', 'FROM registry.corp.example/app\n', { trustedRegistries: ['registry.*'] });
		assertCatchesNot('DL3026', 'FROM gcr.io/project/sub/app:1\n', { trustedRegistries: ['gcr.io/project'] });
		assertCatches('DL3026', 'FROM gcr.io/projectx/app:1\nFROM gcr.io/other/app:1\n', [1, 2], { trustedRegistries: ['gcr.io/project'] });
		assertCatchesNot('DL3026', 'FROM anything.example/app\n', { trustedRegistries: ['*'] });
	});
	it('never judges scratch, stages or unresolvable ARGs', () => {
		assertCatchesNot('DL3026', 'FROM scratch\nFROM ghcr.io/a/b:1 AS base\nFROM base\nARG IMG\nFROM ${IMG}\n', { trustedRegistries: ['ghcr.io'] });
		assertCatchesNot('DL3026', 'ARG REG\nFROM ${REG}/app:1\n', { trustedRegistries: ['ghcr.io'] });
	});
});

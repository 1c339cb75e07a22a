import { describe, it } from 'node:test';
import { assertCatches, assertCatchesNot } from '../helpers/analyze';

describe('DL3007 latest tag', () => {
	it('fires on :latest', () => {
		assertCatches('DL3007', 'FROM debian:latest\nFROM ghcr.io/acme/app:latest AS x\n', [1, 2]);
	});
	it('does not fire on other tags, digests or untagged images', () => {
		assertCatchesNot('DL3007', 'FROM debian:12\nFROM debian:latest@sha256:' + 'b'.repeat(64) + '\nFROM debian\n');
	});
	it('can be switched off by a severity override or an ignore', () => {
		assertCatchesNot('DL3007', 'FROM debian:latest\n', { severityOverrides: { DL3007: 'off' } });
		assertCatchesNot('DL3007', 'FROM debian:latest\n', { ignored: ['DL3007'] });
	});
});

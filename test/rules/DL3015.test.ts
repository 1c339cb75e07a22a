import { describe, it } from 'node:test';
import { assertCatches, assertCatchesNot } from '../helpers/analyze';
import { assertFix } from '../helpers/fix';

describe('DL3015 --no-install-recommends', () => {
	it('fires on apt-get install without it', () => {
		assertCatches('DL3015', 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n', [2]);
	});
	it('accepts the flag and the APT option', () => {
		assertCatchesNot('DL3015', 'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl\nRUN apt-get -o APT::Install-Recommends=false install -y curl\n');
	});
	it('is fooled neither by quotes nor by echo', () => {
		assertCatchesNot('DL3015', `FROM debian:12\nRUN echo "apt-get install -y curl"\n`);
		assertCatches('DL3015', `FROM debian:12\nRUN echo --no-install-recommends && apt-get install -y curl\n`, [2]);
	});
	it('adds the flag after install, also in heredocs', () => {
		assertFix('DL3015', 'FROM debian:12\nRUN apt-get install -y curl\n', { expected: 'FROM debian:12\nRUN apt-get install --no-install-recommends -y curl\n' });
		assertFix('DL3015', 'FROM debian:12\nRUN <<EOF\napt-get install -y curl\nEOF\n', { expected: 'FROM debian:12\nRUN <<EOF\napt-get install --no-install-recommends -y curl\nEOF\n' });
	});
});

describe('DL3015 with flags from variables', () => {
	it('fires on known values without the flag and stays quiet on unknown ones', () => {
		assertCatches('DL3015', 'FROM debian:12\nARG APT_OPTS=-y\nRUN apt-get install $APT_OPTS curl\n', [3]);
		assertCatchesNot('DL3015', 'FROM debian:12\nARG APT_OPTS="-y --no-install-recommends"\nRUN apt-get install $APT_OPTS curl\n');
		assertCatchesNot('DL3015', 'FROM debian:12\nRUN apt-get install -y $APT_OPTS curl\n');
	});
});

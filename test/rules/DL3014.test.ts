import { describe, it } from 'node:test';
import { assertCatches, assertCatchesNot } from '../helpers/analyze';
import { assertFix, assertNoFix } from '../helpers/fix';

describe('DL3014 apt-get -y', () => {
	it('fires on apt-get install without a yes switch', () => {
		assertCatches('DL3014', 'FROM debian:12\nRUN apt-get update && apt-get install curl\n', [2]);
	});
	it('accepts -y, --yes, --assume-yes, clusters, -qq and -q=2', () => {
		assertCatchesNot('DL3014', 'FROM debian:12\nRUN apt-get install -y a\nRUN apt-get install --yes a\nRUN apt-get --assume-yes install a\nRUN apt-get install -qy a\nRUN apt-get -qq install a\nRUN apt-get -q -q install a\nRUN apt-get -q=2 install a\n');
	});
	it('takes flags from an ENV value and sees sudo', () => {
		assertCatchesNot('DL3014', 'FROM debian:12\nENV APT_FLAGS="-y --no-install-recommends"\nRUN apt-get install $APT_FLAGS curl\n');
		assertCatches('DL3014', 'FROM debian:12\nRUN sudo apt-get install curl\n', [2]);
	});
	it('adds -y after install', () => {
		assertFix('DL3014', 'FROM debian:12\nRUN apt-get update && apt-get install \\\n    curl\n', {
			expected: 'FROM debian:12\nRUN apt-get update && apt-get install -y \\\n    curl\n',
		});
		assertFix('DL3014', `FROM debian:12\nRUN sh -c 'apt-get install curl'\n`, { expected: `FROM debian:12\nRUN sh -c 'apt-get install -y curl'\n` });
	});
	it('offers no edit inside exec-form JSON', () => {
		assertNoFix('DL3014', 'FROM debian:12\nRUN ["apt-get", "install", "curl"]\n');
	});
});

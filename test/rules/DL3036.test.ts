import { describe, it } from 'node:test';
import { assertCatches, assertCatchesNot } from '../helpers/analyze';
import { assertFix } from '../helpers/fix';

describe('DL3036 zypper clean', () => {
	it('fires on zypper install/in without a later clean in the same RUN', () => {
		assertCatches('DL3036', 'FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0\nRUN zypper -n in git=2.43\n', [2, 3]);
	});
	it('accepts zypper clean / cc and a cache mount', () => {
		assertCatchesNot('DL3036', 'FROM opensuse/leap:15.6\nRUN zypper install -y curl && zypper clean --all\nRUN zypper in -y git && zypper cc\nRUN --mount=type=cache,target=/var/cache/zypp zypper in -y jq\n');
	});
	it('appends zypper clean', () => {
		assertFix('DL3036', 'FROM opensuse/leap:15.6\nRUN zypper install -y curl\n', { expected: 'FROM opensuse/leap:15.6\nRUN zypper install -y curl && zypper clean --all\n' });
	});
});

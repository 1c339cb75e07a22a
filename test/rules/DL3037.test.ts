import { describe, it } from 'node:test';
import { assertCatches, assertCatchesNot } from '../helpers/analyze';

describe('DL3037 pin zypper versions', () => {
	it('fires on unpinned packages', () => {
		assertCatches('DL3037', 'FROM opensuse/leap:15.6\nRUN zypper install -y curl\nRUN zypper -n in "git>=2" jq\n', [2, 3]);
	});
	it('accepts =, >=, <= pins and .rpm files, skipping --repo values', () => {
		assertCatchesNot('DL3037', 'FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0 "git>=2.4" ./x.rpm\nRUN zypper in -r myrepo -y jq=1.7\nRUN zypper refresh\n');
	});
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertCatches, assertCatchesNot } from '../helpers/analyze';
import { assertFix } from '../helpers/fix';

describe('DL3040 dnf clean all', () => {
	it('fires on dnf and microdnf installs and upgrades without a clean-up', () => {
		assertCatches('DL3040', 'FROM fedora:40\nRUN dnf install -y httpd\nRUN microdnf upgrade -y\n', [2, 3]);
	});
	it('accepts dnf clean all, removing the cache and cache mounts', () => {
		assertCatchesNot('DL3040', 'FROM fedora:40\nRUN dnf install -y httpd && dnf clean all\nRUN dnf install -y git && rm -rf /var/cache/libdnf5*\nRUN --mount=type=cache,target=/var/cache/libdnf5 dnf install -y jq\nRUN dnf makecache\n');
	});
	it('wants the clean-up from the tool that installed, as hadolint (microdnf does not clean dnf\'s cache)', () => {
		const [f] = assertCatches('DL3040', 'FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && microdnf clean all\n', [2]);
		assert.match(f.message, /^`dnf clean all` missing after dnf command/);
		assertCatchesNot('DL3040', 'FROM fedora:40\nRUN dnf install -y httpd-2.4.62 && microdnf install -y jq-1.7.1 && dnf clean all && microdnf clean all\n');
	});
	it('appends the clean-up for the manager used', () => {
		assertFix('DL3040', 'FROM fedora:40\nRUN microdnf install -y httpd\n', { expected: 'FROM fedora:40\nRUN microdnf install -y httpd && microdnf clean all\n' });
	});
});

import { describe, it } from 'node:test';
import { assertCatches, assertCatchesNot } from '../helpers/analyze';

describe('DL3041 pin dnf versions', () => {
	it('fires on unpinned packages and modules', () => {
		assertCatches('DL3041', 'FROM fedora:40\nRUN dnf install -y httpd\nRUN dnf module install -y nodejs\nRUN microdnf install -y python3-devel\n', [2, 3, 4]);
	});
	it('accepts name-version, module streams, and leaves groups and other verbs alone', () => {
		assertCatchesNot('DL3041', 'FROM fedora:40\nRUN dnf install -y httpd-2.4.62 --setopt=install_weak_deps=False\nRUN dnf module install -y nodejs:20\nRUN dnf group install -y "Development Tools"\nRUN dnf upgrade -y\n');
	});
});

import { describe, it } from 'node:test';
import { assertCatches, assertCatchesNot } from '../helpers/analyze';

describe('DL3041 pin dnf versions', () => {
	it('fires on unpinned packages and modules', () => {
		assertCatches('DL3041', 'FROM fedora:40\nRUN dnf install -y httpd\nRUN dnf module install -y nodejs\nRUN microdnf install -y python3-devel\n', [2, 3, 4]);
	});
	it('an ENV of another stage pins nothing; the stage\'s own or its parent\'s does', () => {
		const text = 'FROM fedora:40 AS build\nENV NGINX_VERSION=1.26.2\nRUN dnf install -y nginx-${NGINX_VERSION}\nFROM fedora:40\nRUN microdnf install -y nginx-${NGINX_VERSION}\n';
		assertCatches('DL3041', text, [5]);
		assertCatchesNot('DL3041', text.replace('FROM fedora:40\nRUN micro', 'FROM build\nRUN micro'));
	});
	it('accepts name-version, module streams, and leaves groups and other verbs alone', () => {
		assertCatchesNot('DL3041', 'FROM fedora:40\nRUN dnf install -y httpd-2.4.62 --setopt=install_weak_deps=False\nRUN dnf module install -y nodejs:20\nRUN dnf group install -y "Development Tools"\nRUN dnf upgrade -y\n');
	});
});

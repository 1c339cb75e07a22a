import { describe, it } from 'node:test';
import { assertCatches, assertCatchesNot } from '../helpers/analyze';

describe('DL3033 pin yum versions', () => {
	it('fires on packages without a version and module installs without a stream', () => {
		assertCatches('DL3033', 'FROM centos:7\nRUN yum install -y httpd python3-devel\nRUN yum module install -y nodejs\n', [2, 3]);
	});
	it('accepts name-version, .rpm files and module streams', () => {
		assertCatchesNot('DL3033', 'FROM centos:7\nRUN yum install -y httpd-2.4.6 python3-devel-3.6.8-21.el7 ./x.rpm\nRUN yum module install -y nodejs:18\nRUN yum update\n');
	});
	it('resolves ENV versions', () => {
		assertCatchesNot('DL3033', 'FROM centos:7\nENV V=2.4.6\nRUN yum install -y httpd-${V}\n');
	});
});

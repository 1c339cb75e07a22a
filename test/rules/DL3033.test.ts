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
		assertCatchesNot('DL3033', 'FROM centos:7 AS base\nENV V=2.4.6\nFROM base\nRUN yum install -y httpd-${V}\n');
		assertCatchesNot('DL3033', 'FROM centos:7\nARG V\nRUN yum install -y httpd-${V}\n'); // set at build time: not judged
	});
	it('an ENV of another stage pins nothing (hadolint reads `httpd-${V}` literally)', () => {
		const text = 'FROM centos:7 AS tools\nENV HTTPD_VERSION=2.4.6\nRUN yum install -y httpd-${HTTPD_VERSION}\n\nFROM centos:7\nRUN yum install -y httpd-${HTTPD_VERSION} && yum clean all\n';
		assertCatches('DL3033', text, [6]);
		assertCatches('DL3033', 'ARG V=2.4.6\nFROM centos:7\nRUN yum install -y httpd-$V\n', [3]); // a global ARG needs `ARG V` in the stage
	});
});

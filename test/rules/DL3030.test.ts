import { describe, it } from 'node:test';
import { assertCatches, assertCatchesNot } from '../helpers/analyze';
import { assertFix } from '../helpers/fix';

describe('DL3030 yum -y', () => {
	it('fires on yum install, groupinstall and localinstall without -y', () => {
		assertCatches('DL3030', 'FROM centos:7\nRUN yum install httpd-2.4.6\nRUN yum groupinstall "Development Tools"\n', [2, 3]);
	});
	it('accepts -y, --assumeyes and clusters', () => {
		assertCatchesNot('DL3030', 'FROM centos:7\nRUN yum install -y httpd\nRUN yum --assumeyes install httpd\nRUN yum -qy install httpd\nRUN yum update\n');
	});
	it('adds -y', () => {
		assertFix('DL3030', 'FROM centos:7\nRUN yum install httpd-2.4.6 && yum clean all\n', { expected: 'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n' });
	});
});

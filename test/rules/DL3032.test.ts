import { describe, it } from 'node:test';
import { assertCatches, assertCatchesNot } from '../helpers/analyze';
import { assertFix, assertNoFix } from '../helpers/fix';

describe('DL3032 yum clean all', () => {
	it('fires when yum install is not followed by a clean-up in the same RUN', () => {
		assertCatches('DL3032', 'FROM centos:7\nRUN yum install -y httpd\nRUN yum clean all\n', [2]);
		assertCatches('DL3032', 'FROM centos:7\nRUN yum clean all && yum install -y httpd\n', [2]);
	});
	it('accepts yum clean all and removing /var/cache/yum', () => {
		assertCatchesNot('DL3032', 'FROM centos:7\nRUN yum install -y httpd && yum clean all\nRUN yum install -y git \\\n && rm -rf /var/cache/yum/*\n');
	});
	it('appends yum clean all', () => {
		assertFix('DL3032', 'FROM centos:7\nRUN yum install -y httpd\n', { expected: 'FROM centos:7\nRUN yum install -y httpd && yum clean all\n' });
	});
	it('offers no fix when the RUN ends in a way that cannot be chained', () => {
		assertNoFix('DL3032', 'FROM centos:7\nRUN yum install -y httpd;\n');
	});
});

import { describe, it } from 'node:test';
import { assertCatches, assertCatchesNot } from '../helpers/analyze';

describe('DL3016 pin npm versions', () => {
	it('fires on unpinned packages, scoped or not', () => {
		assertCatches('DL3016', 'FROM node:20\nRUN npm install express\nRUN npm i -g @angular/cli\n', [2, 3]);
	});
	it('does not fire on pins, lockfile installs, git refs, tarballs or folders', () => {
		assertCatchesNot('DL3016', [
			'FROM node:20',
			'RUN npm install',
			'RUN npm ci',
			'RUN npm install express@4.19.2 @angular/cli@17.0.0 --loglevel warn',
			'RUN npm install git+https://github.com/a/b.git#v1.0.0 ./local ../x pkg.tgz',
			'RUN npm install --registry https://r.example left-pad@1.3.0',
			'',
		].join('\n'));
	});
	it('fires on git URLs without a ref', () => {
		assertCatches('DL3016', 'FROM node:20\nRUN npm install git+https://github.com/a/b.git\n', [2]);
	});
});

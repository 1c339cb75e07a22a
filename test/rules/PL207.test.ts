import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertCatches, assertCatchesNot, findingsOf } from '../helpers/analyze';

describe('PL207 service image without HEALTHCHECK', () => {
	it('fires on an image that EXPOSEs a port and has no HEALTHCHECK, at the EXPOSE', () => {
		assertCatches('PL207', 'FROM nginx:1.27\nCOPY site /usr/share/nginx/html\nEXPOSE 80\n', [3]);
		const [f] = findingsOf('PL207', 'FROM python:3.12\nEXPOSE 8000\nCMD ["gunicorn", "app:app"]\n');
		assert.equal(f.severity, 'info');
		assert.match(f.message, /rolling update counts a task ready when its process starts/);
		assert.equal(f.fixes, undefined);
	});

	it('follows the final image chain: EXPOSE in a base stage counts, a builder stage does not', () => {
		assertCatches('PL207', 'FROM python:3.12 AS base\nEXPOSE 8000\nFROM base\nCMD ["app"]\n', [2]);
		assertCatchesNot('PL207', 'FROM node:20 AS build\nEXPOSE 3000\nFROM nginx:1.27\nCOPY --from=build /out /srv\n');
	});

	it('does not fire with a HEALTHCHECK (NONE included) or without EXPOSE', () => {
		assertCatchesNot('PL207', 'FROM python:3.12\nEXPOSE 8000\nHEALTHCHECK CMD curl -fsS http://localhost:8000/health || exit 1\n');
		assertCatchesNot('PL207', 'FROM python:3.12\nEXPOSE 8000\nHEALTHCHECK NONE\n');
		assertCatchesNot('PL207', 'FROM python:3.12 AS base\nHEALTHCHECK CMD ["/bin/check"]\nFROM base\nEXPOSE 8000\n');
		assertCatchesNot('PL207', 'FROM python:3.12\nCMD ["python", "job.py"]\n');
	});
});

import { describe, it } from 'node:test';
import { assertCatches, assertCatchesNot } from '../helpers/analyze';
import { assertFix } from '../helpers/fix';

describe('DL3042 pip --no-cache-dir', () => {
	it('fires on pip install without --no-cache-dir', () => {
		assertCatches('DL3042', 'FROM python:3.12\nRUN pip install -r requirements.txt\nRUN python -m pip install flask==3\n', [2, 3]);
	});
	it('does not fire with the flag, for pipx/pipenv, or for other pip verbs', () => {
		assertCatchesNot('DL3042', 'FROM python:3.12\nRUN pip install --no-cache-dir flask==3\nRUN pipx install black\nRUN python -m pipenv install\nRUN pip download flask\n');
	});
	it('honours PIP_NO_CACHE_DIR from ENV, inherited stages and the RUN itself', () => {
		assertCatchesNot('DL3042', 'FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask==3\n');
		assertCatchesNot('DL3042', 'FROM python:3.12 AS base\nENV PIP_NO_CACHE_DIR=true\nFROM base\nRUN pip install flask==3\n');
		assertCatchesNot('DL3042', 'FROM python:3.12\nRUN PIP_NO_CACHE_DIR=1 pip install flask==3\n');
		assertCatches('DL3042', 'FROM python:3.12\nENV PIP_NO_CACHE_DIR=0\nRUN pip install flask==3\n', [3]);
		assertCatches('DL3042', 'FROM python:3.12\nRUN pip install flask==3\nENV PIP_NO_CACHE_DIR=1\n', [2]);
	});
	it('honours pip config and cache mounts', () => {
		assertCatchesNot('DL3042', 'FROM python:3.12\nRUN pip config set global.no-cache-dir false\nRUN pip install flask==3\n');
		assertCatchesNot('DL3042', 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask==3\n');
	});
	it('adds --no-cache-dir after install', () => {
		assertFix('DL3042', 'FROM python:3.12\nRUN python3 -m pip install -r req.txt\n', { expected: 'FROM python:3.12\nRUN python3 -m pip install --no-cache-dir -r req.txt\n' });
	});
});

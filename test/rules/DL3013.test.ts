import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertCatches, assertCatchesNot, findingsOf } from '../helpers/analyze';

describe('DL3013 pin pip versions', () => {
	it('fires on unpinned packages with pip, pip3 and python -m pip', () => {
		assertCatches('DL3013', 'FROM python:3.12\nRUN pip install flask\nRUN pip3 install --upgrade pip\nRUN python3 -m pip install requests\n', [2, 3, 4]);
	});
	it('does not fire on pinned packages, requirement files, constraints, local paths or versioned VCS URLs', () => {
		assertCatchesNot('DL3013', [
			'FROM python:3.12',
			'RUN pip install flask==3.0.0 "requests>=2,<3" numpy~=1.26',
			'RUN pip install -r requirements.txt',
			'RUN pip install --requirement=req.txt',
			'RUN pip install -c constraints.txt flask',
			'RUN pip install . ./pkg dist/x.whl x.tar.gz',
			'RUN pip install git+https://github.com/a/b@v1.2',
			'RUN pip install --no-cache-dir -i https://idx.example/simple flask==3',
			'',
		].join('\n'));
	});
	it('fires on unversioned VCS URLs and sees sh -c', () => {
		assertCatches('DL3013', 'FROM python:3.12\nRUN pip install git+https://github.com/a/b\n', [2]);
		assertCatches('DL3013', `FROM python:3.12\nRUN bash -c 'pip install flask'\n`, [2]);
	});
	it('covers pipx install as hadolint does (a name starting with `pip`); --spec pins', () => {
		const text = 'FROM python:3.12-slim\nRUN pip install --no-cache-dir pipx==1.7.1 \\\n && pipx install poetry\nRUN python -m pipx install --python python3.12 ruff\n';
		assert.deepEqual(findingsOf('DL3013', text).map(f => [f.range.start.line + 1, f.message.match(/\(`(.*)`\)/)?.[1]]), [[3, 'poetry'], [4, 'ruff']]);
		assertCatchesNot('DL3013', 'FROM python:3.12-slim\nRUN pipx install poetry==1.8.3 && pipx install --spec black==24.4.2 black && pipx run cowsay hi\n');
	});
	it('uses ARG values', () => {
		assertCatchesNot('DL3013', 'FROM python:3.12\nARG FLASK=flask==3.0\nRUN pip install $FLASK\n');
		assertCatches('DL3013', 'FROM python:3.12\nARG FLASK=flask\nRUN pip install $FLASK\n', [3]);
	});
});

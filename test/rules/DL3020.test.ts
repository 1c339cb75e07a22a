import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertCatches, assertCatchesNot } from '../helpers/analyze';
import { assertFix, assertNoFix } from '../helpers/fix';

describe('DL3020 COPY instead of ADD', () => {
	it('fires on ADD of files and folders, on the keyword', () => {
		const [f] = assertCatches('DL3020', 'FROM debian:12\nADD . /src\nADD ["a.txt", "b.txt", "/dst/"]\n', [2, 3])!;
		assert.deepEqual(f.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } });
	});
	it('does not fire on archives, URLs or git sources', () => {
		assertCatchesNot('DL3020', 'FROM debian:12\nADD rootfs.tar.xz /\nADD https://example.com/x.bin /x\nADD "app.tgz" /opt/\nADD git@github.com:a/b.git /src\nCOPY . /src\n');
	});
	it('fires when any source is a plain file', () => {
		assertCatches('DL3020', 'FROM debian:12\nADD a.tar.gz b.conf /opt/\n', [2]);
	});
	it('replaces ADD with COPY, keeping flags COPY knows and the keyword case', () => {
		assertFix('DL3020', 'FROM debian:12\nADD --chown=app:app . /src\n', { expected: 'FROM debian:12\nCOPY --chown=app:app . /src\n', renames: { ADD: 'COPY' } });
		assertFix('DL3020', 'FROM debian:12\nadd . /src\n', { expected: 'FROM debian:12\ncopy . /src\n', renames: { ADD: 'COPY' } });
		assertNoFix('DL3020', 'FROM debian:12\nADD --checksum=sha256:abc x.bin /x\n');
	});
});

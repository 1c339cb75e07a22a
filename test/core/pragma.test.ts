// Cases mirror hadolint's own PragmaSpec, so the editor and a hadolint run in CI agree.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseIgnorePragma, pragmaToolFor } from '../../server/src/core/pragma';
import { assertCatches, assertCatchesNot } from '../helpers/analyze';

describe('inline ignore pragmas', () => {
	it('ignores a rule for the instruction directly below', () => {
		assertCatchesNot('DL3006', '# hadolint ignore=DL3006\nFROM ubuntu\n');
		assertCatchesNot('DL3006', '#hadolint ignore=DL3006\nFROM ubuntu\n');
	});

	it('ignores only the given rules', () => {
		assertCatches('DL3007', '# hadolint ignore=DL3006\nFROM ubuntu:latest\n', [2]);
		assertCatchesNot('DL3007', '# hadolint ignore=DL3006,DL3007\nFROM ubuntu:latest\n');
	});

	it('tolerates whitespace around = and , and a trailing comment', () => {
		assertCatchesNot('DL3007', '# hadolint ignore = DL3006 , DL3007 \nFROM ubuntu:latest\n');
		assertCatchesNot('DL3007', '# hadolint ignore=DL3007 # we deploy by digest anyway\nFROM ubuntu:latest\n');
		assertCatchesNot('DL3007', '\t#\thadolint\tignore=DL3007\nFROM ubuntu:latest\n');
	});

	it('applies only to the next line, as hadolint does', () => {
		assertCatches('DL3006', '# hadolint ignore=DL3006\nFROM ubuntu:24.04\nFROM debian\n', [3]);
		// A blank line or another comment in between detaches a hadolint pragma.
		assertCatches('DL3006', '# hadolint ignore=DL3006\n\nFROM ubuntu\n', [3]);
		assertCatches('DL3006', '# hadolint ignore=DL3006\n# why\nFROM ubuntu\n', [3]);
	});

	it('covers a whole multi-line instruction, for findings on any of its lines', () => {
		assertCatchesNot('DL3006', '# hadolint ignore=DL3006\nFROM \\\n  ubuntu \\\n  AS base\n');
		assertCatches('DL3006', 'FROM \\\n  ubuntu \\\n  AS base\n', [2]);
	});

	it('voids a pragma with an invalid code, or in the wrong case, like hadolint', () => {
		assertCatches('DL3006', '# hadolint ignore=crazy,DL3006\nFROM ubuntu\n', [2]);
		assertCatches('DL3006', '# hadolint ignore=dl3006\nFROM ubuntu\n', [2]);
		assertCatches('DL3006', '# Hadolint ignore=DL3006\nFROM ubuntu\n', [2]);
		assertCatches('DL3006', '# hadolint ignore=\nFROM ubuntu\n', [2]);
		assertCatches('DL3006', '# hadolint ignoreDL3006\nFROM ubuntu\n', [2]);
	});

	it('global pragmas apply to the whole file, wherever they are', () => {
		assertCatchesNot('DL3006', '# hadolint global ignore=DL3006\nFROM ubuntu:24.04\n\nFROM debian\n');
		assertCatchesNot('DL3006', 'FROM ubuntu\nFROM debian\n# hadolint global ignore = DL3007 , DL3006 # legacy\n');
		assertCatches('DL3007', 'FROM ubuntu:latest\n# hadolint global ignore=DL3006\n', [1]);
	});

	it('treats pragma-looking lines inside an instruction as part of it', () => {
		const heredoc = 'FROM debian:12\nRUN <<EOF\n# hadolint global ignore=DL3006\necho hi\nEOF\nFROM ubuntu\n';
		assertCatches('DL3006', heredoc, [6]);
	});

	it('reads a pragma on the first line, even where a parser directive could be', () => {
		assertCatchesNot('DL3006', '# hadolint ignore=DL3006\nFROM ubuntu\n');
		assertCatchesNot('DL3006', '# syntax=docker/dockerfile:1\n# hadolint ignore=DL3006\nFROM ubuntu\n');
	});

	it('patchlens pragmas take any code and reach past other comments, not past blank lines', () => {
		assertCatchesNot('DL3006', '# patchlens ignore=DL3006\nFROM ubuntu\n');
		assertCatchesNot('DL3006', '# patchlens ignore=PL101,DL3006\n# hadolint ignore=DL3008\nFROM ubuntu\n');
		assertCatches('DL3006', '# patchlens ignore=DL3006\n\nFROM ubuntu\n', [3]);
		assertCatchesNot('DL3006', '# patchlens global ignore=DL3006\nFROM ubuntu\n');
	});

	it('can be switched off (hadolint disable-ignore-pragma)', () => {
		assertCatches('DL3006', '# hadolint ignore=DL3006\nFROM ubuntu\n', [2], { disableIgnorePragma: true });
		assertCatches('DL3006', '# hadolint global ignore=DL3006\nFROM ubuntu\n', [2], { disableIgnorePragma: true });
	});

	it('works with CRLF line endings', () => {
		assertCatchesNot('DL3006', '# hadolint ignore=DL3006\r\nFROM ubuntu\r\n');
	});

	it('parses pragmas into codes and the offset where another code can be appended', () => {
		const line = '# hadolint ignore=DL3006, DL3007  # reason';
		const pragma = parseIgnorePragma(line)!;
		assert.deepEqual(pragma.codes, ['DL3006', 'DL3007']);
		assert.equal(pragma.tool, 'hadolint');
		assert.equal(pragma.global, false);
		assert.equal(line.slice(0, pragma.codesEnd), '# hadolint ignore=DL3006, DL3007');
		assert.equal(parseIgnorePragma('# hadolint ignore=PL101'), undefined, 'hadolint pragmas take only hadolint codes');
		assert.deepEqual(parseIgnorePragma('# patchlens global ignore=PL101')?.codes, ['PL101']);
		assert.equal(parseIgnorePragma('# hadolint shell=powershell'), undefined);
		assert.equal(pragmaToolFor('DL3008'), 'hadolint');
		assert.equal(pragmaToolFor('SC2086'), 'hadolint');
		assert.equal(pragmaToolFor('PL101'), 'patchlens');
	});
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertCatches, assertCatchesNot } from '../helpers/analyze';

describe('DL3008 pin apt versions', () => {
	it('fires on unpinned packages, on the apt-get command, naming them', () => {
		const [f] = assertCatches('DL3008', 'FROM debian:12\nRUN apt-get update && apt-get install -y curl jq=1.6-2\n', [2]);
		assert.match(f.message, /`curl`/);
		assert.doesNotMatch(f.message, /jq/);
		assert.equal(f.range.start.character, 22);
	});
	it('does not fire on pins, target releases, .deb files or other commands', () => {
		assertCatchesNot('DL3008', 'FROM debian:12\nRUN apt-get install -y curl=8.5.0-2 ./x.deb foo/bookworm-backports\nRUN apt-get update\nRUN echo apt-get install curl\n');
	});
	it('skips option values (-t, -o) and reads continuations', () => {
		assertCatchesNot('DL3008', 'FROM debian:12\nRUN apt-get install -t bookworm-backports \\\n  -o Dpkg::Options::=--force-confnew \\\n  -y curl=8.5.0-2\n');
		assertCatches('DL3008', 'FROM debian:12\nRUN apt-get update \\\n  && apt-get install -y \\\n    curl\n', [3]);
	});
	it('sees into sh -c, exec form and heredocs', () => {
		assertCatches('DL3008', 'FROM debian:12\nRUN sh -c "apt-get install -y curl"\n', [2]);
		assertCatches('DL3008', 'FROM debian:12\nRUN ["apt-get", "install", "-y", "curl"]\n', [2]);
		assertCatches('DL3008', 'FROM debian:12\nRUN <<EOF\nset -e\napt-get update\napt-get install -y curl\nEOF\n', [5]);
	});
	it('judges ARG-provided package lists by their value and leaves unknown ones alone', () => {
		assertCatches('DL3008', 'FROM debian:12\nARG PKGS="curl wget"\nRUN apt-get install -y $PKGS\n', [3]);
		assertCatchesNot('DL3008', 'FROM debian:12\nARG PKGS="curl=1 wget=2"\nRUN apt-get install -y $PKGS\n');
		assertCatchesNot('DL3008', 'FROM debian:12\nARG CURL_VERSION\nRUN apt-get install -y curl=${CURL_VERSION} $EXTRA\n');
	});
	it('honours ignore pragmas', () => {
		assertCatchesNot('DL3008', 'FROM debian:12\n# hadolint ignore=DL3008\nRUN apt-get install -y \\\n  curl\n');
	});
});

import { describe, it } from 'node:test';
import { assertCatches, assertCatchesNot } from '../helpers/analyze';

describe('DL3018 pin apk versions', () => {
	it('fires on unpinned packages', () => {
		assertCatches('DL3018', 'FROM alpine:3.20\nRUN apk add --no-cache curl bash=5.2.26-r0\n', [2]);
	});
	it('accepts =, ~, <, > pins, .apk files and skips --virtual names and repositories', () => {
		assertCatchesNot('DL3018', 'FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc=13.2.1-r0 "musl~1.2" ./x.apk\nRUN apk add -X https://dl.example/edge "jq>1.6"\nRUN apk update\n');
	});
	it('reads `>` outside quotes as the redirect it is', () => {
		assertCatches('DL3018', 'FROM alpine:3.20\nRUN apk add --no-cache jq>1.6\n', [2]);
	});
	it('reads heredocs and ARG values', () => {
		assertCatches('DL3018', 'FROM alpine:3.20\nRUN <<EOF\napk add --no-cache curl\nEOF\n', [3]);
		assertCatchesNot('DL3018', 'FROM alpine:3.20\nARG PKGS="curl=8.9.0-r0"\nRUN apk add --no-cache $PKGS\n');
	});
});

import { describe, it } from 'node:test';
import { assertCatches, assertCatchesNot } from '../helpers/analyze';
import { assertFix } from '../helpers/fix';

describe('DL3019 apk --no-cache', () => {
	it('fires on apk add without --no-cache', () => {
		assertCatches('DL3019', 'FROM alpine:3.20\nRUN apk update && apk add --update curl=8.9.0-r0\n', [2]);
	});
	it('does not fire with --no-cache, a cache mount, or for other apk verbs', () => {
		assertCatchesNot('DL3019', 'FROM alpine:3.20\nRUN apk add --no-cache curl\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\nRUN apk del curl\n');
	});
	it('adds --no-cache after add, in sh -c too', () => {
		assertFix('DL3019', 'FROM alpine:3.20\nRUN apk add curl\n', { expected: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n' });
		assertFix('DL3019', 'FROM alpine:3.20\nRUN ["/bin/sh", "-c", "apk add curl"]\n', { expected: 'FROM alpine:3.20\nRUN ["/bin/sh", "-c", "apk add --no-cache curl"]\n' });
	});
});

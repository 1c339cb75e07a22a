// `ONBUILD RUN …` triggers run in every image built FROM this one: hadolint lints them with the RUN
// rules (its onBuildRuleCatches specs), and so does Patchlens, in whatever stage they sit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertCatches, assertCatchesNot, findings } from '../helpers/analyze';

// A base image meant for `FROM company/python-base`: the triggers run in the child's build.
const BASE = [
	'FROM python:3.12-slim AS base',
	'ONBUILD COPY requirements.txt /app/',
	'ONBUILD RUN apt-get update && apt-get install -y libpq5 \\',
	'    && pip install -r /app/requirements.txt gunicorn',
	'ONBUILD RUN apk add curl',
	'FROM base AS test',
	'RUN echo ok',
	'',
].join('\n');

describe('ONBUILD RUN triggers', () => {
	it('get the RUN rules, with ranges on the trigger', () => {
		const codes = findings(BASE).filter(f => f.code.startsWith('DL')).map(f => `${f.code}:${f.range.start.line + 1}`);
		for (const expected of ['DL3008:3', 'DL3009:3', 'DL3015:3', 'DL3042:4', 'DL3018:5', 'DL3019:5']) assert.ok(codes.includes(expected), `${expected} in ${codes}`);
		const [pin] = assertCatches('DL3008', BASE, [3]);
		assert.equal(pin.range.start.character, BASE.split('\n')[2].indexOf('apt-get install'));
		assertCatchesNot('DL3013', BASE); // `-r requirements.txt`: not judged, as hadolint
	});
	it('count in a stage whose layers do not ship (they run in the child image)', () => {
		assertCatches('DL3009', 'FROM debian:12 AS builder\nONBUILD RUN apt-get update && apt-get install -y curl=7.88.1-10+deb12u12\nFROM scratch\nCOPY --from=builder /bin/true /\n', [2]);
	});
	it('leave other triggers and cleaned-up RUNs alone', () => {
		assertCatchesNot('DL3009', 'FROM debian:12\nONBUILD RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12 && rm -rf /var/lib/apt/lists/*\n');
		assertCatchesNot('DL3059', 'FROM debian:12\nONBUILD RUN a\nONBUILD RUN b\n'); // hadolint's DL3059 resets at ONBUILD
	});
});

// FROM lines as the code lenses see them (client/src/dockerfile/fromLines.ts, imageKey.ts).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fromLines } from '../../client/src/dockerfile/fromLines';
import { imageKey, sameImage } from '../../client/src/dockerfile/imageKey';

test('one entry per FROM naming an image, with ARGs resolved, stages and scratch left out', () => {
	const text = [
		'ARG PY=3.12.1',
		'FROM python:${PY}-slim AS build',
		'RUN true',
		'FROM build AS test',
		'FROM scratch',
		'FROM $NO_VALUE',
		'FROM 127.0.0.1:5000/library/alpine:3.20',
		'COPY --from=build /a /a',
	].join('\n');
	assert.deepEqual(fromLines(text).map(f => [f.line, f.image, f.stage, f.inFinalImage]), [
		[1, 'python:3.12.1-slim', 'build', true],
		[6, '127.0.0.1:5000/library/alpine:3.20', undefined, true],
	]);
	const [first] = fromLines(text);
	assert.deepEqual(first.range, { start: { line: 1, character: 5 }, end: { line: 1, character: 22 } });
});

test('build args override ARG defaults, like docker build --build-arg', () => {
	assert.equal(fromLines('ARG PY=3.12\nFROM python:${PY}\n', { PY: '3.13' })[0].image, 'python:3.13');
	// Docker ignores a build arg the Dockerfile does not declare before FROM: no image, so no lens.
	assert.deepEqual(fromLines('FROM node:${V}\n', { V: '22-alpine' }), []);
});

test('a broken Dockerfile gives what can be read, and never throws', () => {
	assert.deepEqual(fromLines(''), []);
	assert.deepEqual(fromLines('FROM\nRUN echo\n'), []);
	assert.deepEqual(fromLines('FROM Bad::Ref\n'), []);
});

test('image keys: Docker Hub spellings and an implicit latest are one image', () => {
	assert.equal(imageKey('python:3.12'), 'docker.io/library/python:3.12');
	assert.ok(sameImage('python:3.12', 'docker.io/library/python:3.12'));
	assert.ok(sameImage('index.docker.io/library/alpine', 'alpine:latest'));
	assert.ok(!sameImage('127.0.0.1:5000/library/python:3.12', 'python:3.12'));
	assert.ok(!sameImage('python:3.12', 'python:3.12.1'));
});

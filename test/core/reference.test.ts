import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { imageRefAt } from '../../server/src/core/image/fromImage';
import { formatReference, parseImageReference } from '../../server/src/core/image/reference';
import { defaultOptions } from '../../server/src/core/options';
import { parseDockerfile } from '../../server/src/core/parse';

function parse(raw: string) {
	const r = parseImageReference(raw);
	assert.ok(r.ok, `${raw}: ${!r.ok && r.error}`);
	return r.ref;
}

describe('image references', () => {
	it('normalises Docker Hub official images into library/', () => {
		const r = parse('python:3.12.1-slim');
		assert.equal(r.registry, 'docker.io');
		assert.equal(r.path, 'library/python');
		assert.equal(r.tag, '3.12.1-slim');
		assert.equal(formatReference(r), 'python:3.12.1-slim');
	});
	it('keeps hosts with ports, localhost and multi-part paths', () => {
		const r = parse('127.0.0.1:5000/library/python:3.12@sha256:' + 'c'.repeat(64));
		assert.equal(r.registry, '127.0.0.1:5000');
		assert.equal(r.path, 'library/python');
		assert.equal(r.digest, 'sha256:' + 'c'.repeat(64));
		assert.equal(parse('localhost/app').registry, 'localhost');
		assert.equal(parse('gcr.io/project/sub/app:1').path, 'project/sub/app');
		assert.equal(parse('gcr.io/project/sub/app:1').namespace, 'project/sub');
		assert.equal(parse('python').namespace, 'library');
		assert.equal(parse('localhost:5000/app').namespace, '');
		assert.equal(parse('grafana/grafana').path, 'grafana/grafana');
		assert.equal(parse('docker.io/library/node:20').implicitRegistry, false);
	});
	it('rejects malformed references with a reason', () => {
		for (const bad of ['', 'UPPER/case', 'python:bad tag', 'python@sha256:xyz']) {
			const r = parseImageReference(bad);
			assert.equal(r.ok, false, bad);
		}
	});
});

describe('FROM resolution', () => {
	function froms(text: string, buildArgs: Record<string, string> = {}) {
		const parsed = parseDockerfile(text);
		const ctx = { ...parsed, options: defaultOptions({ buildArgs }) };
		return parsed.stages.map(s => imageRefAt(ctx, s));
	}
	it('splits registry, namespace, repository, tag, digest and platform', () => {
		const [r] = froms('FROM --platform=linux/arm64 ghcr.io:443/acme/tools/app:1.2-alpine@sha256:' + 'e'.repeat(64) + ' AS x\n');
		assert.equal(r.kind, 'image');
		if (r.kind !== 'image') return;
		assert.deepEqual([r.registry, r.path, r.name, r.tag, r.platform], ['ghcr.io:443', 'acme/tools/app', 'app', '1.2-alpine', 'linux/arm64']);
	});
	it('resolves global ARGs in order, whole references, defaults and build args for declared names only', () => {
		const kinds = froms('ARG A=3.12\nARG B=python:${A}-slim\nARG C\nFROM $B\nFROM python:${C:-3.11}\nFROM python:${C-3.10}\nFROM $UNDECLARED\nFROM python:${C}\n', { UNDECLARED: 'node:20' });
		assert.deepEqual(kinds.map(k => k.kind === 'image' ? k.text : k.kind), ['python:3.12-slim', 'python:3.11', 'python:3.10', 'unresolved', 'unresolved']);
		const over = froms('ARG C\nFROM python:${C}\n', { C: '3.9' });
		assert.equal(over[0].kind === 'image' && over[0].tag, '3.9');
	});
	it('knows scratch and earlier stages, and ARGs declared inside a stage are not visible to FROM', () => {
		const kinds = froms('FROM scratch AS base\nARG LATE=python:3.12\nFROM base\nFROM $LATE\nFROM later\nFROM alpine AS later\n');
		assert.deepEqual(kinds.map(k => k.kind), ['scratch', 'stage', 'unresolved', 'image', 'image']);
	});
	it('keeps an unresolved --platform as written', () => {
		const [r] = froms('FROM --platform=$BUILDPLATFORM golang:1.22\n');
		assert.equal(r.kind === 'image' && r.platform, '$BUILDPLATFORM');
	});
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatReference, parseImageReference } from '../../server/src/core/image/reference';

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

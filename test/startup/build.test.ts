// "Benchmark this Dockerfile": the context honours .dockerignore, the base image can be swapped, and the
// builds are benchmarked against each other on the real engine.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { buildVariants, replaceBaseImage } from '../../startup/src/build';
import { DockerExecutor } from '../../startup/src/dockerExecutor';
import { BuildFailedError } from '../../startup/src/errors';
import { runBenchmark } from '../../startup/src/runner';
import { labelled, SHARED_HOST } from './helpers';

function project(files: Record<string, string>): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'patchlens-build-'));
	for (const [name, text] of Object.entries(files)) {
		mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
		writeFileSync(path.join(dir, name), text);
	}
	return dir;
}

describe('base image replacement', () => {
	it('replaces the final stage base, following stage aliases, keeping flags and AS', () => {
		const text = 'FROM node:20 AS deps\nRUN true\nFROM --platform=linux/amd64 python:3.12.1-slim AS base\nFROM base\nCOPY . .\n';
		assert.equal(replaceBaseImage(text, 'python:3.12.11-slim'), 'FROM node:20 AS deps\nRUN true\nFROM --platform=linux/amd64 python:3.12.11-slim AS base\nFROM base\nCOPY . .\n');
		assert.equal(replaceBaseImage('from alpine:3.20\n', 'alpine:latest'), 'from alpine:latest\n');
		assert.equal(replaceBaseImage('# nothing\n', 'x'), undefined);
	});
});

describe('building and benchmarking a Dockerfile (real engine)', () => {
	const executor = new DockerExecutor(SHARED_HOST);

	it('builds as written and on a bumped base, honouring .dockerignore, then compares the builds', async () => {
		const dir = project({
			'Dockerfile': 'FROM python:3.12.1-slim\nCOPY . /app/\nCMD ["/bin/sh", "-c", "ls /app > /dev/null"]\n',
			'.dockerignore': 'secret.txt\nlogs/\n!logs/keep.txt\n',
			'app.txt': 'hello', 'secret.txt': 'do not send', 'logs/a.log': 'x', 'logs/keep.txt': 'kept',
		});
		const built = await buildVariants(executor, path.join(dir, 'Dockerfile'), [{ label: 'python:3.12.11-slim', baseImageOverride: 'python:3.12.11-slim' }]);
		assert.deepEqual(built.map(b => b.tag), ['patchlens-bench:dockerfile', 'patchlens-bench:python-3.12.11-slim']);
		const files = (tag: string) => execFileSync('docker', ['-H', SHARED_HOST, 'run', '--rm', '--network', 'none', tag, 'ls', '-A', '/app', '/app/logs'], { encoding: 'utf8' }).split(/\s+/).filter(Boolean).sort();
		assert.deepEqual(files(built[0].tag), ['.dockerignore', '/app/logs:', '/app:', 'Dockerfile', 'app.txt', 'keep.txt', 'logs']);
		// The variant's context carries the variant's Dockerfile, as `docker build` of that text would.
		const dockerfile = execFileSync('docker', ['-H', SHARED_HOST, 'run', '--rm', '--network', 'none', built[1].tag, 'cat', '/app/Dockerfile'], { encoding: 'utf8' });
		assert.match(dockerfile, /^FROM python:3\.12\.11-slim\n/);
		const version = execFileSync('docker', ['-H', SHARED_HOST, 'run', '--rm', '--network', 'none', built[1].tag, 'cat', '/usr/local/share/python-version'], { encoding: 'utf8' });
		assert.equal(version.trim(), '3.12.11');

		const { report, error } = await runBenchmark({ executor, images: built.map(b => b.tag), built: new Set(built.map(b => b.tag)), concurrency: [1], runs: 2, warmup: 0 });
		assert.equal(error, undefined);
		assert.deepEqual(report.images.map(i => i.source), ['build', 'build']);
		assert.equal(report.comparisons.length, 1);
		assert.deepEqual(labelled(`patchlens=${report.runId}`), []);
	});

	it('reports a failing build with the builder message', async () => {
		const dir = project({ 'Dockerfile': 'FROM patchlens/fast:1\nRUN exit 7\n' });
		await assert.rejects(buildVariants(executor, path.join(dir, 'Dockerfile'), []), (error: Error) => {
			assert.ok(error instanceof BuildFailedError);
			assert.match(error.message, /^building patchlens-bench:dockerfile failed: The command .*returned a non-zero code: 7/);
			return true;
		});
	});
});

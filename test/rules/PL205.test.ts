import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertCatches, assertCatchesNot, findingsOf } from '../helpers/analyze';

describe('PL205 dependencies installed at container start', () => {
	it('fires on package installs in shell-form CMD and ENTRYPOINT', () => {
		assertCatches('PL205', 'FROM python:3.12\nCMD pip install -r requirements.txt && python app.py\n', [2]);
		assertCatches('PL205', 'FROM node:20\nENTRYPOINT npm ci && node server.js\n', [2]);
		assertCatches('PL205', 'FROM debian:12\nCMD apt-get update && apt-get install -y curl && ./run\n', [2]);
		assertCatches('PL205', 'FROM alpine:3.20\nCMD apk add --no-cache bash; exec ./run\n', [2]);
		assertCatches('PL205', 'FROM golang:1.23\nCMD go get example.com/tool && tool\n', [2]);
		assertCatches('PL205', 'FROM ruby:3\nCMD bundle install && rails s\n', [2]);
		assertCatches('PL205', 'FROM php:8\nCMD composer install && php-fpm\n', [2]);
		assertCatches('PL205', 'FROM python:3.12\nCMD python -m pip install flask && flask run\n', [2]);
	});

	it('fires on exec form, directly and through sh -c', () => {
		assertCatches('PL205', 'FROM node:20\nCMD ["npm", "install"]\n', [2]);
		assertCatches('PL205', 'FROM python:3.12\nENTRYPOINT ["/bin/sh", "-c", "pip install -r req.txt && exec gunicorn app:app"]\n', [2]);
		assertCatches('PL205', 'FROM node:20\nCMD ["bash", "-lc", "npm ci && npm start"]\n', [2]);
	});

	it('fires on a downloaded script piped into a shell', () => {
		const found = assertCatches('PL205', 'FROM debian:12\nCMD curl -fsSL https://example.com/install.sh | sh && ./app\n', [2]);
		assert.match(found[0].message, /curl … \| sh/);
		assertCatches('PL205', 'FROM debian:12\nCMD ["sh", "-c", "wget -qO- https://example.com/i.sh | bash; ./app"]\n', [2]);
	});

	it('points at the install command and says why', () => {
		const [f] = findingsOf('PL205', 'FROM python:3.12\nCMD echo hi && pip install flask && python app.py\n');
		assert.equal(f.severity, 'warning');
		assert.deepEqual(f.range, { start: { line: 1, character: 15 }, end: { line: 1, character: 32 } });
		assert.match(f.message, /CMD runs `pip install` at container start: every replica repeats it/);
	});

	it('follows an entrypoint script written by a COPY heredoc, one level deep', () => {
		const text = 'FROM python:3.12\nCOPY --chmod=755 <<EOF /entrypoint.sh\n#!/bin/sh\npip install -r /app/req.txt\nexec "$@"\nEOF\nENTRYPOINT ["/entrypoint.sh"]\nCMD ["python", "app.py"]\n';
		const found = assertCatches('PL205', text, [4]);
		assert.match(found[0].message, /ENTRYPOINT runs `pip install` \(in \/entrypoint\.sh\)/);
		// The same script, run via `sh script`.
		assertCatches('PL205', 'FROM python:3.12\nCOPY <<EOF /start.sh\nnpm install\nEOF\nCMD sh /start.sh\n', [3]);
	});

	it('does not read scripts copied from the build context (it cannot see them)', () => {
		assertCatchesNot('PL205', 'FROM python:3.12\nCOPY entrypoint.sh /entrypoint.sh\nENTRYPOINT ["/entrypoint.sh"]\n');
	});

	it('does not fire on ordinary startup commands or on installs at build time', () => {
		assertCatchesNot('PL205', 'FROM node:20\nRUN npm ci\nCMD npm start\n');
		assertCatchesNot('PL205', 'FROM node:20\nCMD ["npm", "run", "serve"]\n');
		assertCatchesNot('PL205', 'FROM python:3.12\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n');
		assertCatchesNot('PL205', 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\nCMD curl -fsS http://localhost/health\n');
		assertCatchesNot('PL205', 'FROM debian:12\nCMD curl -o /tmp/x https://example.com/x && ./run\n');
		assertCatchesNot('PL205', 'FROM python:3.12\nCMD ["pip", "list"]\n');
		assertCatchesNot('PL205', 'FROM python:3.12\nCMD echo "pip install x"\n');
	});

	it('judges only the CMD/ENTRYPOINT that takes effect in the final image', () => {
		// Overridden by a later CMD of the same chain: never runs.
		assertCatchesNot('PL205', 'FROM node:20\nCMD npm install && node a.js\nCMD ["node", "a.js"]\n');
		// A builder stage's CMD is not the final image's.
		assertCatchesNot('PL205', 'FROM node:20 AS build\nCMD npm install\nFROM node:20-slim\nCOPY --from=build /app /app\nCMD ["node", "/app/a.js"]\n');
		// Inherited through FROM <stage>.
		assertCatches('PL205', 'FROM python:3.12 AS base\nCMD pip install flask && flask run\nFROM base\nENV X=1\n', [2]);
	});

	it('can be ignored with a pragma', () => {
		assertCatchesNot('PL205', 'FROM node:20\n# patchlens ignore=PL205\nCMD npm install && npm start\n');
	});
});

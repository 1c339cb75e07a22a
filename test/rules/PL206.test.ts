import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertCatches, assertCatchesNot, findingsOf } from '../helpers/analyze';
import { assertFix, assertNoFix } from '../helpers/fix';

describe('PL206 main process will not stop on SIGTERM', () => {
	it('fires where the shell certainly stays PID 1: pipelines, background jobs, compound commands', () => {
		assertCatches('PL206', 'FROM debian:12\nCMD python app.py | tee /var/log/app.log\n', [2]);
		assertCatches('PL206', 'FROM debian:12\nCMD ./worker & ./server & wait\n', [2]);
		assertCatches('PL206', 'FROM debian:12\nCMD while true; do ./poll; sleep 5; done\n', [2]);
		assertCatches('PL206', 'FROM debian:12\nENTRYPOINT ["/bin/sh", "-c", "./app 2>&1 | logger"]\n', [2]);
		const [f] = findingsOf('PL206', 'FROM debian:12\nCMD python app.py | tee /var/log/app.log\n');
		assert.equal(f.severity, 'warning');
		assert.match(f.message, /pipeline, so the shell stays PID 1/);
	});

	it('fires on a program without a SIGTERM handler as PID 1 (sleep, tail -f), in either form', () => {
		assertCatches('PL206', 'FROM alpine:3.20\nCMD sleep 3600\n', [2]);
		assertCatches('PL206', 'FROM alpine:3.20\nCMD ["sleep", "infinity"]\n', [2]);
		assertCatches('PL206', 'FROM alpine:3.20\nCMD tail -f /dev/null\n', [2]);
		assertCatches('PL206', 'FROM alpine:3.20\nCMD exec sleep 3600\n', [2]);
		assertNoFix('PL206', 'FROM alpine:3.20\nCMD sleep 3600\n');
	});

	it('fires on shell form without exec on Debian-like images, whose sh (dash) stays PID 1, and fixes to exec form', () => {
		const [f] = findingsOf('PL206', 'FROM python:3.12\nCMD python app.py --port 8080\n');
		assert.equal(f.severity, 'warning');
		assert.match(f.message, /dash\) stays PID 1/);
		assert.equal(f.fixes?.[0].level, 'minor');
		assertFix('PL206', 'FROM python:3.12\nCMD python app.py --port 8080\n', { expected: 'FROM python:3.12\nCMD ["python", "app.py", "--port", "8080"]\n' });
		assertFix('PL206', 'FROM python:3.12\nENTRYPOINT gunicorn "app:create_app()"\n', { expected: 'FROM python:3.12\nENTRYPOINT ["gunicorn", "app:create_app()"]\n' });
		assertCatches('PL206', 'FROM debian:12\nCMD ["sh", "-c", "./migrate && ./app"]\n', [2]);
	});

	it('leaves Alpine and busybox images alone where their ash replaces itself with the last command', () => {
		assertCatchesNot('PL206', 'FROM python:3.12-alpine\nCMD python app.py\n');
		assertCatchesNot('PL206', 'FROM alpine:3.20\nCMD ./migrate && ./app\n');
		assertCatchesNot('PL206', 'FROM busybox:1.36\nCMD ["sh", "-c", "./migrate && ./app"]\n');
		// A pipeline keeps even ash as PID 1.
		assertCatches('PL206', 'FROM alpine:3.20\nCMD ./app | tee log\n', [2]);
	});

	it('fixes a list by exec-ing its last command', () => {
		assertFix('PL206', 'FROM python:3.12\nCMD ./migrate && python app.py\n', { expected: 'FROM python:3.12\nCMD ./migrate && exec python app.py\n' });
		assertFix('PL206', 'FROM node:20\nCMD cd /srv; node server.js\n', { expected: 'FROM node:20\nCMD cd /srv; exec node server.js\n' });
	});

	it('offers no exec form where the shell does work (variables, globs, redirects)', () => {
		assertNoFix('PL206', 'FROM debian:12\nCMD ./app --home $HOME\n');
		assertNoFix('PL206', 'FROM debian:12\nCMD ./app > /tmp/log\n');
	});

	it('does not fire when the process is exec-ed, an init forwards signals, STOPSIGNAL is set or the script traps TERM', () => {
		assertCatchesNot('PL206', 'FROM python:3.12\nCMD ["python", "app.py"]\n');
		assertCatchesNot('PL206', 'FROM python:3.12\nCMD ./migrate && exec python app.py\n');
		assertCatchesNot('PL206', 'FROM python:3.12\nCMD exec python app.py\n');
		assertCatchesNot('PL206', 'FROM debian:12\nENTRYPOINT ["tini", "--"]\nCMD ./app | tee log\n');
		assertCatchesNot('PL206', 'FROM debian:12\nENTRYPOINT ["/usr/bin/dumb-init", "--"]\nCMD sleep 3600\n');
		assertCatchesNot('PL206', 'FROM debian:12\nSTOPSIGNAL SIGKILL\nCMD sleep 3600\n');
		assertCatchesNot('PL206', 'FROM debian:12\nCMD ["/bin/sh", "-c", "trap \'exit 0\' TERM; sleep 3600 & wait"]\n');
		// An exec-form ENTRYPOINT that is not a shell gets CMD as arguments: the program is PID 1.
		assertCatchesNot('PL206', 'FROM debian:12\nENTRYPOINT ["/docker-entrypoint.sh"]\nCMD nginx -g "daemon off;"\n');
	});

	it('judges only the start-up of the final image', () => {
		assertCatchesNot('PL206', 'FROM debian:12 AS build\nCMD sleep 3600\nFROM debian:12\nCMD ["./app"]\n');
		assertCatches('PL206', 'FROM debian:12 AS base\nCMD ./app | tee log\nFROM base\nRUN true\n', [2]);
		assertCatchesNot('PL206', 'FROM debian:12\nCMD ./app | tee log\nCMD ["./app"]\n');
	});
});

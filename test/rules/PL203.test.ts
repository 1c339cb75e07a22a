import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertCatches, assertCatchesNot } from '../helpers/analyze';

describe('PL203 toolchain in the final image', () => {
	it('fires on compilers and -dev packages in a single-stage build, suggesting multi-stage', () => {
		const [f] = assertCatches('PL203', 'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends build-essential=12.9 libpq-dev curl\n', [2]);
		assert.match(f.message, /`build-essential=12.9`, `libpq-dev`/);
		assert.match(f.message, /multi-stage/);
		assertCatches('PL203', 'FROM alpine:3.20\nRUN apk add --no-cache build-base\n', [2]);
		assertCatches('PL203', 'FROM fedora:40\nRUN dnf install -y gcc-c++ openssl-devel\n', [2]);
	});
	it('fires on a final stage built on a compiler image', () => {
		assertCatches('PL203', 'FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\n', [1]);
	});
	it('does not fire in build stages that are only copied from', () => {
		assertCatchesNot('PL203', 'FROM golang:1.23 AS build\nRUN apt-get update && apt-get install -y gcc\nRUN go build -o /app .\nFROM gcr.io/distroless/static\nCOPY --from=build /app /app\n');
	});
	it('fires in a stage the final image is built FROM', () => {
		assertCatches('PL203', 'FROM debian:12 AS base\nRUN apt-get install -y make\nFROM base\nCMD ["x"]\n', [2]);
	});
	it('does not fire when the same RUN removes the toolchain again', () => {
		assertCatchesNot('PL203', 'FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev \\\n && pip install x \\\n && apk del .build-deps\n');
		assertCatchesNot('PL203', 'FROM debian:12\nRUN apt-get install -y gcc && make && apt-get purge -y gcc\n');
	});
	it('uses ARG-provided package lists', () => {
		assertCatches('PL203', 'FROM debian:12\nARG BUILD_DEPS="gcc make"\nRUN apt-get install -y $BUILD_DEPS\n', [3]);
	});
});

describe('PL203 precision on real-world shapes (issue 16 item 6, issue 18 item 4)', () => {
	it('accepts the docker-library savedAptMark … apt-get purge --auto-remove pattern in the same RUN', () => {
		assertCatchesNot('PL203', [
			'FROM debian:trixie-slim',
			'ENV REDIS_VERSION=8.2.1',
			'RUN set -eux; \\',
			'	savedAptMark="$(apt-mark showmanual)"; \\',
			'	apt-get update; \\',
			'	apt-get install -y --no-install-recommends ca-certificates wget dpkg-dev gcc libc6-dev libssl-dev make; \\',
			'	wget -O redis.tar.gz "https://download.redis.io/releases/redis-$REDIS_VERSION.tar.gz"; \\',
			'	mkdir -p /usr/src/redis; tar -xzf redis.tar.gz -C /usr/src/redis --strip-components=1; rm redis.tar.gz; \\',
			'	make -C /usr/src/redis -j "$(nproc)" all; make -C /usr/src/redis install; rm -r /usr/src/redis; \\',
			'	apt-mark auto \'.*\' > /dev/null; \\',
			'	[ -z "$savedAptMark" ] || apt-mark manual $savedAptMark > /dev/null; \\',
			'	apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false; \\',
			'	rm -rf /var/lib/apt/lists/*',
			'CMD ["redis-server"]',
			'',
		].join('\n'));
	});
	it('still fires when apt-mark auto is not followed by an auto-removing purge', () => {
		assertCatches('PL203', 'FROM debian:12\nRUN apt-get update && apt-get install -y gcc make && apt-mark auto gcc\nCMD ["app"]\n', [2]);
	});
	it('is silent on images whose purpose is the toolchain, and says how it decides', () => {
		// A dev container, a CI image, an image that runs make or an interactive shell.
		assertCatchesNot('PL203', 'FROM mcr.microsoft.com/devcontainers/base:bookworm\nRUN apt-get update && apt-get install -y build-essential gdb\n');
		assertCatchesNot('PL203', 'FROM cimg/base:2024.01\nRUN sudo apt-get update && sudo apt-get install -y gcc\n');
		assertCatchesNot('PL203', 'FROM gcc:14\nWORKDIR /src\nCOPY . .\nENTRYPOINT ["make"]\n');
		assertCatchesNot('PL203', 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y build-essential cmake git\nCMD ["bash"]\n');
		assertCatchesNot('PL203', 'FROM debian:12\nRUN apt-get update && apt-get install -y gcc\nCMD ["sleep", "infinity"]\n');
	});
	it('still fires on application images that start through a shell', () => {
		assertCatches('PL203', 'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y gcc\nCMD ["sh", "-c", "exec gunicorn app:app"]\n', [2]);
		assertCatches('PL203', 'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y gcc\nCMD ["sh", "start.sh"]\n', [2]);
	});
	it('lets a team name its own toolchain bases (toolchainImages, overridable)', () => {
		const text = 'FROM registry.example.com/ci/builder:3\nRUN apt-get update && apt-get install -y gcc\nCMD ["/opt/run-job"]\n';
		assertCatches('PL203', text, [2]);
		assertCatchesNot('PL203', text, { toolchainImages: ['registry.example.com/ci/*'] });
	});
});

describe('PL203 a JDK shipped as the runtime image (issue 18 item 5)', () => {
	it('fires when the final image is a JDK and starts java, offering the JRE tag of the same line', () => {
		const [f] = assertCatches('PL203', 'FROM eclipse-temurin:17-jdk\nWORKDIR /app\nCOPY target/app.jar app.jar\nENTRYPOINT ["java", "-jar", "app.jar"]\n', [1]);
		assert.match(f.message, /a full JDK .*`eclipse-temurin:17-jre`/);
		assert.equal(f.fixes?.[0].edits[0].newText, ':17-jre');
		assert.equal(f.fixes?.[0].level, 'major');
		assert.equal(f.fixes?.[0].isPreferred, false);
		assertCatches('PL203', 'FROM eclipse-temurin:21\nCOPY app.jar /app.jar\nCMD ["java", "-jar", "/app.jar"]\n', [1]);
	});
	it('is silent on JREs, on JDK build stages, and on JDK images that do not start java', () => {
		assertCatchesNot('PL203', 'FROM eclipse-temurin:17-jre\nCOPY app.jar /app.jar\nENTRYPOINT ["java", "-jar", "/app.jar"]\n');
		assertCatchesNot('PL203', 'FROM eclipse-temurin:17-jdk AS build\nRUN ./mvnw package\nFROM eclipse-temurin:17-jre\nCOPY --from=build /app.jar /app.jar\nENTRYPOINT ["java", "-jar", "/app.jar"]\n');
		assertCatchesNot('PL203', 'FROM eclipse-temurin:17-jdk\nENTRYPOINT ["jshell"]\n');
	});
});

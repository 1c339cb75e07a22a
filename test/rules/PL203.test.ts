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

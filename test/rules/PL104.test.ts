import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertCatches, assertCatchesNot } from '../helpers/analyze';

describe('PL104 tag no longer built', () => {
	it('fires for a dropped distribution variant and names a still-built tag', () => {
		const [f] = assertCatches('PL104', 'FROM python:3.12.1-slim-bullseye\n', [1]);
		assert.match(f.message, /no longer built by the official `python` image \(tag list of 2026-08-21\)/);
		assert.match(f.message, /Move to `python:3\.12\.14-slim-trixie`/);
		assert.match(f.fixes![0].title, /^Move Debian 11 → 13 \(trixie\): python:3\.12\.14-slim-trixie — settles PL104, PL107$/);
		assertCatches('PL104', 'FROM ruby:3.3-buster\n', [1]);
	});
	it('leaves newer patches to PL103 and end-of-life lines to PL101', () => {
		assertCatchesNot('PL104', 'FROM python:3.12.1-slim-bookworm\nFROM golang:1.21.6\n');
	});
	it('never calls a tag newer than the snapshot stale', () => {
		assertCatchesNot('PL104', 'FROM python:3.12.99-slim\nFROM python:3.16.0\nFROM debian:forky-slim\n');
	});
	it('is silent for built tags and non-official images', () => {
		assertCatchesNot('PL104', 'FROM python:3.12.14-slim-trixie\nFROM node:bookworm-slim\nFROM acme/python:3.12-slim-bullseye\n');
	});
});

describe('PL104 from tag lists alone', () => {
	it('reports a tag the official image no longer builds even without a release line for it', () => {
		// nginx 1.17 is an old mainline no lifecycle line covers; busybox has no lifecycle data at all.
		const [nginx] = assertCatches('PL104', 'FROM nginx:1.17.1-alpine AS web\n', [1]);
		assert.match(nginx.message, /^`nginx:1\.17\.1-alpine` is no longer built by the official `nginx` image \(tag list of \d{4}-\d{2}-\d{2}\).* Move to `nginx:1\.\d+\.\d+-alpine`, the newest build of its major version\.$/);
		assertCatches('PL104', 'FROM busybox:1.30.1\nCOPY --from=web /usr/share/nginx/html /www\n', [1]);
	});
	it('never calls a tag stale that may postdate the snapshot, or that is still built', () => {
		assertCatchesNot('PL104', 'FROM busybox:1.99.0\n');
		assertCatchesNot('PL104', 'FROM busybox:2.0.0\n');
		assertCatchesNot('PL104', 'FROM busybox:1.37\n');
		assertCatchesNot('PL104', 'FROM openjdk:27-rc\n');
	});
	it('deprecated official images say so and name maintained successors', () => {
		const [openjdk] = assertCatches('PL104', 'FROM openjdk:11-jre-slim\n', [1]);
		assert.match(openjdk.message, /The official `openjdk` image was deprecated .*early-access.*; maintained official images: `eclipse-temurin`, `amazoncorretto`/);
		assert.ok(assertCatches('PL104', 'FROM java:8\n', [1])[0].message.includes('`eclipse-temurin`'));
	});
	it('an end-of-life line of a deprecated image is PL101\'s error, naming the successors, not said twice', () => {
		assertCatchesNot('PL104', 'FROM centos:7\n');
		assert.ok(assertCatches('PL101', 'FROM centos:7\n', [1])[0].message.includes('`rockylinux'));
	});
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertCatches, assertCatchesNot, findingsOf } from '../helpers/analyze';

describe('PL204 cache mount would keep caches out', () => {
	it('fires (info) on npm, go, cargo, maven and gradle runs in shipped stages', () => {
		const [f] = assertCatches('PL204', 'FROM node:20\nRUN npm ci\n', [2]);
		assert.equal(f.severity, 'info');
		assertCatches('PL204', 'FROM golang:1.23\nRUN go build -o /x .\nRUN cargo build --release\nRUN mvn -B package\nRUN ./gradlew build\n', [2, 3, 4, 5]);
	});
	it('does not fire with a cache mount, a clean-up, or in build stages that are only copied from', () => {
		assertCatchesNot('PL204', 'FROM node:20\nRUN --mount=type=cache,target=/root/.npm npm ci\nRUN npm ci && npm cache clean --force\n');
		assertCatchesNot('PL204', 'FROM node:20 AS build\nRUN npm ci\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\n');
	});
	it('names the mount to add and offers no automatic fix (the legacy builder rejects --mount)', () => {
		const [f] = findingsOf('PL204', 'FROM node:20\nRUN --network=none npm ci\n');
		assert.match(f.message, /--mount=type=cache,target=\/root\/\.npm/);
		assert.equal(f.fixes, undefined);
		assertCatchesNot('PL204', 'FROM node:20\nRUN --network=none --mount=type=cache,target=/root/.npm npm ci\n');
	});
});

describe('PL204 names the cache path this RUN really uses (issue 18 item 4)', () => {
	it('follows a non-root USER and ENV that move the cache', () => {
		const [npm] = assertCatches('PL204', 'FROM node:24\nUSER node\nWORKDIR /home/node/app\nCOPY . .\nRUN npm ci\n', [5]);
		assert.match(npm.message, /target=\/home\/node\/\.npm`/);
		const [env] = assertCatches('PL204', 'FROM node:24\nENV npm_config_cache=/tmp/.npm\nRUN npm ci\n', [3]);
		assert.match(env.message, /target=\/tmp\/\.npm`/);
		const [mod] = assertCatches('PL204', 'FROM golang:1.25\nENV GOPATH=/workspace/go\nRUN go mod download\n', [3]);
		assert.match(mod.message, /target=\/workspace\/go\/pkg\/mod`/);
		const [uid] = assertCatches('PL204', 'FROM node:24\nUSER 1001\nRUN npm ci\n', [3]);
		assert.match(uid.message, /target=\$HOME\/\.npm`/);
	});
	it('keeps root\'s path for root', () => {
		const [f] = assertCatches('PL204', 'FROM node:24\nRUN npm ci\n', [2]);
		assert.match(f.message, /target=\/root\/\.npm`/);
	});
});

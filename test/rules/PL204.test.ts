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

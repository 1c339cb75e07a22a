import { describe, it } from 'node:test';
import { assertCatches, assertCatchesNot } from '../helpers/analyze';
import { assertFix } from '../helpers/fix';

describe('DL3060 yarn cache clean', () => {
	it('fires on yarn install without a later cache clean', () => {
		assertCatches('DL3060', 'FROM node:20\nRUN yarn install --frozen-lockfile\n', [2]);
		assertCatches('DL3060', 'FROM node:20\nRUN yarn cache clean && yarn install\n', [2]);
	});
	it('accepts yarn cache clean and cache mounts, and ignores build stages that do not ship', () => {
		assertCatchesNot('DL3060', 'FROM node:20\nRUN yarn install && yarn cache clean\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install\n');
		assertCatchesNot('DL3060', 'FROM node:20 AS build\nRUN yarn install\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\n');
	});
	it('appends yarn cache clean', () => {
		assertFix('DL3060', 'FROM node:20\nRUN yarn install\n', { expected: 'FROM node:20\nRUN yarn install && yarn cache clean\n' });
	});
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareTags, hasVersion, isCompatible, isStable, parseTag, pickBump } from '../../server/src/core/image/tagVersion';

function split(tag: string) {
	const v = parseTag(tag);
	return { version: v.version, release: v.release, prerelease: v.prerelease, variant: v.variant, codename: v.codename };
}

describe('tag versions: splitting', () => {
	it('splits version and variant in the shapes official images use', () => {
		assert.deepEqual(split('3.12.1-slim-bookworm'), { version: '3.12.1', release: [3, 12, 1], prerelease: '', variant: 'slim-bookworm', codename: undefined });
		assert.deepEqual(split('1.22-alpine3.20'), { version: '1.22', release: [1, 22], prerelease: '', variant: 'alpine3.20', codename: undefined });
		assert.deepEqual(split('22.04'), { version: '22.04', release: [22, 4], prerelease: '', variant: '', codename: undefined });
		assert.deepEqual(split('jammy-20240530'), { version: '20240530', release: [20240530], prerelease: '', variant: '', codename: 'jammy' });
		assert.deepEqual(split('bookworm-20240701-slim'), { version: '20240701', release: [20240701], prerelease: '', variant: 'slim', codename: 'bookworm' });
		assert.deepEqual(split('8u402-b06-jre'), { version: '8u402-b06', release: [8, 402, 6], prerelease: '', variant: 'jre', codename: undefined });
		assert.deepEqual(split('21.0.4_7-jre-jammy'), { version: '21.0.4_7', release: [21, 0, 4, 7], prerelease: '', variant: 'jre-jammy', codename: undefined });
		assert.deepEqual(split('bookworm-slim'), { version: '', release: [], prerelease: '', variant: 'bookworm-slim', codename: undefined });
		assert.deepEqual(split('20260805'), { version: '20260805', release: [20260805], prerelease: '', variant: '', codename: undefined });
		assert.deepEqual(split('v1.2.3-alpine'), { version: '1.2.3', release: [1, 2, 3], prerelease: '', variant: 'alpine', codename: undefined });
	});
	it('recognises pre-releases glued on or spelled as the first variant word', () => {
		assert.deepEqual(split('3.15.0rc1-slim-trixie'), { version: '3.15.0', release: [3, 15, 0], prerelease: 'rc1', variant: 'slim-trixie', codename: undefined });
		assert.deepEqual(split('3.15-rc-slim'), { version: '3.15', release: [3, 15], prerelease: 'rc', variant: 'slim', codename: undefined });
		assert.equal(parseTag('4.0.0-rc-5-amazoncorretto-21').variant, 'amazoncorretto-21');
		assert.equal(parseTag('19beta3-alpine').prerelease, 'beta3');
	});
	// Renovate docker versioning isValid cases.
	it('treats commit hashes as unversioned, as Renovate does', () => {
		const cases: [string, boolean][] = [
			['1.2.3', true], ['18.04', true], ['10.1', true], ['3', true], ['foo', false],
			['0a1b2c3', false], ['0a1b2c3d', false], ['0a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d', false],
			['0a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0', true], ['0a1b2C3', true], ['0z1b2c3', true],
			['0A1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d', true], ['123098140293', true],
		];
		for (const [tag, valid] of cases) assert.equal(hasVersion(parseTag(tag)), valid, tag);
	});
	it('reads major/minor/patch like Renovate', () => {
		assert.deepEqual(parseTag('1.2.3').release, [1, 2, 3]);
		assert.deepEqual(parseTag('18.04').release, [18, 4]);
		assert.deepEqual(parseTag('10.1').release, [10, 1]);
		assert.deepEqual(parseTag('3').release, [3]);
		assert.deepEqual(parseTag('foo').release, []);
	});
});

describe('tag versions: ordering (Renovate docker versioning cases)', () => {
	const gt = (a: string, b: string) => compareTags(a, b) > 0;
	it('isGreaterThan', () => {
		assert.equal(gt('1.2.3', '1.2'), false);
		assert.equal(gt('18.04', '18.1'), true);
		assert.equal(gt('10.1', '10.1.2'), true);
		assert.equal(gt('3', '2'), true);
		assert.equal(gt('1.2.3', '1.2.3'), false);
	});
	it('equals', () => {
		assert.equal(compareTags('1.2.3', '1.2.3'), 0);
		assert.equal(compareTags('18.04', '18.4'), 0);
		assert.notEqual(compareTags('10.0', '10.0.4'), 0);
		assert.notEqual(compareTags('3', '4.0'), 0);
	});
	it('sorts like semver for plain versions', () => {
		assert.ok(compareTags('1.1.1', '1.2.3') < 0);
		assert.ok(compareTags('1.2.3', '1.3.4') < 0);
		assert.ok(compareTags('2.0.1', '1.2.3') > 0);
		assert.ok(compareTags('1.2.3', '0.9.5') > 0);
	});
	it('sorts unstable below stable and variants after plain versions', () => {
		const versions = ['3.7.0', '3.7-alpine', '3.7.0b1', '3.7.0b5', '3.8.0b1-alpine', '3.8.0-alpine', '3.8.2', '3.8.0'];
		assert.deepEqual(versions.sort(compareTags), ['3.7.0b1', '3.7.0b5', '3.7.0', '3.7-alpine', '3.8.0b1-alpine', '3.8.0-alpine', '3.8.0', '3.8.2']);
	});
	it('isStable', () => {
		const cases: [string, boolean][] = [['3.7.0', true], ['3.7.0b1', false], ['3.7-alpine', true], ['3.8.0-alpine', true],
			['3.8.0b1-alpine', false], ['3.8.2', true], ['3.8.3-SNAPSHOT', false], ['3.8.3-1-SNAPSHOT', false]];
		for (const [tag, stable] of cases) assert.equal(isStable(parseTag(tag)), stable, tag);
	});
	it('isCompatible: same variant and precision', () => {
		const cases: [string, string, boolean][] = [
			['3.7.0', '3.7.0', true], ['3.7.0b1', '3.7.0', true], ['3.7-alpine', '3.7.0', false], ['3.8.0-alpine', '3.7.0', false],
			['3.8.0b1-alpine', '3.7.0', false], ['3.8.2', '3.7.0', true], ['3.7.0', '3.7.0-alpine', false], ['3.7.0b1', '3.7.0-alpine', false],
			['3.7-alpine', '3.7.0-alpine', false], ['3.8.0-alpine', '3.7.0-alpine', true], ['3.8.0b1-alpine', '3.7.0-alpine', true], ['3.8.2', '3.7.0-alpine', false],
		];
		for (const [a, b, ok] of cases) assert.equal(isCompatible(parseTag(a), parseTag(b)), ok, `${a} ~ ${b}`);
	});
	it('orders Java update builds and dated codename tags numerically', () => {
		assert.ok(compareTags('8u402-b06-jre', '8u392-b08-jre') > 0);
		assert.ok(compareTags('21.0.4_7-jre', '21.0.4_10-jre') < 0);
		assert.ok(compareTags('jammy-20240911', 'jammy-20240530') > 0);
	});
});

describe('tag versions: picking a bump', () => {
	const published = ['3.12.14-slim-bookworm', '3.12.14-slim-trixie', '3.12.14-slim', '3.12-slim', '3.12.14',
		'3.13.15-slim-bookworm', '3.14.7-slim-bookworm', '3.14.7', '3.15.0rc1-slim-bookworm', '3.12.9-slim-bookworm', 'slim-bookworm'];
	it('keeps the variant and precision and takes the newest published patch of the line', () => {
		assert.equal(pickBump('3.12.1-slim-bookworm', published, { line: [3, 12] }), '3.12.14-slim-bookworm');
		assert.equal(pickBump('3.12.1', published, { line: [3, 12] }), '3.12.14');
		assert.equal(pickBump('3.12.1-slim', published, { line: [3, 12] }), '3.12.14-slim');
	});
	it('moves lines only when asked, never to a pre-release', () => {
		assert.equal(pickBump('3.12.1-slim-bookworm', published), '3.14.7-slim-bookworm');
		assert.equal(pickBump('3.12.1-slim-bookworm', published, { line: [3, 15] }), undefined);
	});
	it('never invents a tag: no published tag with the variant means no bump', () => {
		assert.equal(pickBump('3.12.1-slim-bullseye', published, { line: [3, 12] }), undefined);
		assert.equal(pickBump('3.12.14-slim-bookworm', published, { line: [3, 12] }), undefined, 'already newest');
		assert.equal(pickBump('bookworm-slim', published), undefined, 'no version to bump');
	});
	it('moves the distribution only as an explicit query, keeping the version when it exists', () => {
		assert.equal(pickBump('3.12.1-slim-bullseye', published, { line: [3, 12], variant: 'slim-trixie' }), '3.12.14-slim-trixie');
		assert.equal(pickBump('3.12.14-slim-bookworm', published, { line: [3, 12], variant: 'slim-trixie' }), '3.12.14-slim-trixie');
	});
	it('bumps Java and dated tags within their shape', () => {
		assert.equal(pickBump('8u402-b06-jre-jammy', ['8u502-b07-jre-jammy', '8u502-b07-jdk-jammy', '8-jre-jammy'], { line: [8] }), '8u502-b07-jre-jammy');
		assert.equal(pickBump('jammy-20240530', ['jammy-20260810', 'noble-20260810', 'jammy']), 'jammy-20260810');
	});
});

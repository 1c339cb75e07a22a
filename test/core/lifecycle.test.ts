// Tests on the committed dataset (never skipped) and the pure lookups over it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bundledDataset } from '../../server/src/core/lifecycle/dataset';
import { daysUntil, lineStatus, officialImageName, releaseLineOf, variantDistribution } from '../../server/src/core/lifecycle/lookup';
import { statusSentence } from '../../server/src/core/lifecycle/phase';
import { parseTag } from '../../server/src/core/image/tagVersion';

const data = bundledDataset();
const NOW = new Date('2026-11-27T00:00:00Z');

function lineOf(image: string, tag: string) {
	const product = data.products[data.images[image].product!];
	return releaseLineOf(product, parseTag(tag));
}

describe('committed lifecycle dataset', () => {
	it('records its sources and snapshot dates', () => {
		assert.equal(data.schema, 1);
		assert.match(data.sources.endoflife.date, /^\d{4}-\d{2}-\d{2}$/);
		assert.match(data.sources.officialImages.commit, /^[0-9a-f]{40}$/);
	});
	it('covers the images users build on, with products and built tags', () => {
		for (const image of ['python', 'node', 'golang', 'ubuntu', 'debian', 'alpine', 'nginx', 'php', 'eclipse-temurin', 'ruby', 'postgres']) {
			assert.ok(data.images[image]?.product, image);
			assert.ok(data.products[data.images[image].product!].releases.length > 0, image);
			assert.ok(data.images[image].tags.length > 0, image);
		}
		assert.ok(data.images.python.tags.includes('3.12-slim-bookworm'));
	});
	it('keeps dates as dates and flags as booleans', () => {
		for (const product of Object.values(data.products)) {
			for (const r of product.releases) {
				for (const v of [r.eol, r.eoas, r.eoes, r.lts]) if (v !== undefined) assert.ok(typeof v === 'boolean' || /^\d{4}-\d{2}-\d{2}$/.test(v), `${product.title} ${r.cycle}: ${v}`);
			}
		}
	});
});

describe('release lines of tags', () => {
	it('maps versions to the longest matching cycle', () => {
		assert.equal(lineOf('python', '3.12.1-slim')?.line.cycle, '3.12');
		assert.equal(lineOf('node', '20.11.0')?.line.cycle, '20');
		assert.equal(lineOf('golang', '1.22.5-alpine')?.line.cycle, '1.22');
		assert.equal(lineOf('alpine', '3.20.3')?.line.cycle, '3.20');
		assert.equal(lineOf('ubuntu', '22.04')?.line.cycle, '22.04');
		assert.equal(lineOf('eclipse-temurin', '8u402-b06-jre')?.line.cycle, '8');
		assert.equal(lineOf('debian', '12.5-slim')?.line.cycle, '12');
		assert.equal(lineOf('python', '3.12.1')?.pinsPatch, true);
		assert.equal(lineOf('python', '3.12-slim')?.pinsPatch, false);
	});
	it('maps codenames for distributions', () => {
		assert.equal(lineOf('debian', 'bookworm')?.line.cycle, '12');
		assert.equal(lineOf('debian', 'bookworm-20240701-slim')?.line.cycle, '12');
		assert.equal(lineOf('ubuntu', 'jammy')?.line.cycle, '22.04');
		assert.equal(lineOf('ubuntu', 'noble-20240530')?.line.cycle, '24.04');
	});
	it('leaves floating and unknown tags without a line', () => {
		assert.equal(lineOf('python', '3'), undefined);
		assert.equal(lineOf('python', 'slim'), undefined);
		assert.equal(lineOf('python', '9.9'), undefined);
	});
	it('finds distributions inside variants', () => {
		assert.equal(variantDistribution(data, 'slim-bullseye')?.line.cycle, '11');
		assert.equal(variantDistribution(data, 'alpine3.18')?.line.cycle, '3.18');
		assert.equal(variantDistribution(data, 'jre-alpine-3.20')?.word, 'alpine-3.20');
		assert.equal(variantDistribution(data, 'jre-jammy')?.line.cycle, '22.04');
		const found = variantDistribution(data, 'slim-bullseye')!;
		assert.equal(found.replace(data.products.debian.releases.find(r => r.cycle === '13')!), 'slim-trixie');
		assert.equal(variantDistribution(data, 'slim'), undefined);
		assert.equal(variantDistribution(data, 'precise-edgy-rex'), undefined, 'pre-2014 codenames are ordinary words');
	});
	it('names official images and their mirrors only', () => {
		assert.equal(officialImageName({ registry: 'docker.io', path: 'library/python' }), 'python');
		assert.equal(officialImageName({ registry: 'public.ecr.aws', path: 'docker/library/node' }), 'node');
		assert.equal(officialImageName({ registry: 'docker.io', path: 'bitnami/python' }), undefined);
	});
});

describe('status at an explicit now', () => {
	const py310 = data.products.python.releases.find(r => r.cycle === '3.10')!;
	it('counts whole days to end of life', () => {
		assert.equal(daysUntil('2026-10-31', new Date('2026-10-30T12:00:00Z')), 1);
		assert.equal(daysUntil('2026-10-31', new Date('2026-10-31T00:00:00Z')), 0);
	});
	it('is supported, nearing or past end of life depending on now and the window', () => {
		assert.equal(lineStatus(py310, new Date('2026-01-01T00:00:00Z'), 90).kind, 'supported');
		assert.deepEqual(lineStatus(py310, new Date('2026-09-01T00:00:00Z'), 90), { kind: 'nearing-eol', eol: '2026-10-31', daysLeft: 60, securityOnlySince: '2023-04-05' });
		assert.deepEqual(lineStatus(py310, NOW, 90), { kind: 'eol', since: '2026-10-31' });
	});
	it('reports extended support while it lasts', () => {
		const bookworm = data.products.debian.releases.find(r => r.cycle === '12')!;
		const status = lineStatus(bookworm, NOW, 90, 'debian');
		assert.equal(status.kind, 'extended');
		assert.deepEqual(status.kind === 'extended' && [status.since, status.until], ['2026-07-11', '2028-06-30']);
		assert.match(statusSentence(status, NOW), /left regular support on 2026-07-11; security fixes continue from the Debian LTS team .* until 2028-06-30/);
		assert.deepEqual(lineStatus(bookworm, new Date('2028-07-01T00:00:00Z'), 90, 'debian'), { kind: 'eol', since: '2026-07-11', extendedEnded: '2028-06-30' });
	});
});

// Bump fixes online: the title shows compressed sizes only when the registry told both, and the
// candidate tags the prefetch looks up are the ones the fixes offer.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assessImage } from '../../server/src/core/lifecycle/assess';
import { candidateTags, formatBytes } from '../../server/src/core/lifecycle/fixes';
import { defaultOptions, type RegistryFacts } from '../../server/src/core/options';
import { parseImageReference } from '../../server/src/core/image/reference';
import { assertCatches, NOW } from '../helpers/analyze';

const PYTHON = 'docker.io/library/python';
const OLD = `sha256:${'a'.repeat(64)}`;
const NEXT = `sha256:${'b'.repeat(64)}`;

function facts(sizes: Record<string, number>, digests: Record<string, string> = {}): RegistryFacts {
	return {
		tags: repo => repo === PYTHON ? ['3.12.1-slim', '3.12.11-slim'] : undefined,
		digest: (repo, tag) => repo === PYTHON ? digests[tag] : undefined,
		compressedSize: (repo, reference) => repo === PYTHON ? sizes[reference] : undefined,
		fetchedAt: new Date('2026-11-27T10:00:00Z'),
	};
}

describe('bump fix titles with compressed sizes', () => {
	it('shows both sizes when both are known', () => {
		const registryFacts = facts({ '3.12.1-slim': 6_310_182, '3.12.11-slim': 10_505_764 });
		const [f] = assertCatches('PL103', 'FROM python:3.12.1-slim\n', [1], { offline: false, registryFacts });
		assert.equal(f.fixes![0].title, 'Bump to python:3.12.11-slim (latest 3.12 patch) (6.3 MB → 10.5 MB compressed) — settles PL103');
		assert.equal(f.fixes![0].edits[0].newText, ':3.12.11-slim');
	});

	it('says nothing about size when either size is unknown, offline, or the facts have no sizes', () => {
		const title = 'Bump to python:3.12.11-slim (latest 3.12 patch) — settles PL103';
		const partial: Record<string, number>[] = [{ '3.12.1-slim': 6_310_182 }, { '3.12.11-slim': 10_505_764 }, {}];
		for (const sizes of partial) {
			const [f] = assertCatches('PL103', 'FROM python:3.12.1-slim\n', [1], { offline: false, registryFacts: facts(sizes) });
			assert.equal(f.fixes![0].title, title, JSON.stringify(sizes));
		}
		const { compressedSize: _unused, ...withoutSizes } = facts({ '3.12.1-slim': 1, '3.12.11-slim': 2 });
		assert.equal(assertCatches('PL103', 'FROM python:3.12.1-slim\n', [1], { offline: false, registryFacts: withoutSizes })[0].fixes![0].title, title);
		// Offline, facts are ignored: the bundled data's newest patch, no sizes.
		const offline = assertCatches('PL103', 'FROM python:3.12.1-slim\n', [1], { offline: true, registryFacts: facts({ '3.12.1-slim': 1, '3.12.14-slim': 2 }) })[0];
		assert.equal(offline.fixes![0].title, 'Bump to python:3.12.14-slim (latest 3.12 patch) — settles PL103');
	});

	it('measures a digest-pinned FROM by its pinned digest, and keeps the pin', () => {
		const text = `FROM python:3.12.1-slim@${OLD}\n`;
		// The tag's current image is bigger than the pinned one: the pinned one is what the file uses.
		const registryFacts = facts({ [OLD]: 6_310_182, '3.12.1-slim': 9_999_999, '3.12.11-slim': 10_505_764 }, { '3.12.11-slim': NEXT });
		const [f] = assertCatches('PL103', text, [1], { offline: false, registryFacts });
		assert.equal(f.fixes![0].title, 'Bump to python:3.12.11-slim (latest 3.12 patch) (6.3 MB → 10.5 MB compressed), pinned to its digest — settles PL103');
		assert.equal(f.fixes![0].edits[0].newText, `:3.12.11-slim@${NEXT}`);
		const unmeasured = assertCatches('PL103', text, [1], { offline: false, registryFacts: facts({ '3.12.1-slim': 6_310_182, '3.12.11-slim': 10_505_764 }) })[0];
		assert.equal(unmeasured.fixes![0].title, 'Bump to python:3.12.11-slim (latest 3.12 patch), dropping the digest pin (re-pin it after review) — settles PL103');
	});

	it('formats sizes in decimal units', () => {
		assert.deepEqual([999, 1_500, 6_310_182, 53_509_970, 1_234_000_000].map(formatBytes), ['999 B', '1.5 kB', '6.3 MB', '53.5 MB', '1.2 GB']);
	});
});

describe('bump candidate tags for lookups ahead of analysis', () => {
	const assess = (text: string, registryFacts?: RegistryFacts) => {
		const parsed = parseImageReference(text);
		assert.ok(parsed.ok);
		return assessImage(parsed.ref, defaultOptions({ now: NOW, offline: !registryFacts, ...(registryFacts ? { registryFacts } : {}) }))!;
	};

	it('comes from the live tag list when there is one', () => {
		assert.deepEqual(candidateTags(assess('python:3.12.1-slim', facts({}))), ['3.12.11-slim']);
		assert.deepEqual(candidateTags(assess('python:3.12.11-slim', facts({}))), []);
	});

	it('lists every tag a fix may offer, once', () => {
		const a = assess('python:3.12.1-slim-bookworm');
		const tags = candidateTags(a);
		assert.equal(new Set(tags).size, tags.length);
		for (const c of [a.latestPatch, a.newestLts, a.newestLine, a.distro?.move, a.distro?.moveWithNewerLine]) if (c) assert.ok(tags.includes(c.tag), c.tag);
		assert.ok(tags.includes('3.12.14-slim-bookworm'), JSON.stringify(tags));
	});
});

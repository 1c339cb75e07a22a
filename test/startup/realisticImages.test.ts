// The realistic Debian images (scripts/env/realistic-images.sh, issue 14) are what realistic.json says, and the
// pairs have the shapes the estimate is judged on. Figures are read from what was built, never hard-coded.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Realistic } from '../../bench/estimateJudge';

const FILE = `${process.env.PATCHLENS_ENV_DIR ?? '/tmp/patchlens-env'}/realistic.json`;
function load(): { real?: Realistic; skip?: string } {
	try {
		return { real: JSON.parse(readFileSync(FILE, 'utf8')) };
	} catch {
		return { skip: `no ${FILE} (scripts/env/up.sh builds it unless PATCHLENS_REAL_IMAGES=0)` };
	}
}
const { real, skip } = load();

describe('realistic image pairs', { skip }, () => {
	const r = real as Realistic;
	const img = (ref: string) => r.images.find(i => i.registryRef === ref)!;
	const pair = (name: string) => { const p = r.pairs.find(x => x.name === name)!; return { current: img(p.current), candidate: img(p.candidate) }; };
	const diffIds = (i: { layers: { diffId: string }[] }) => new Set(i.layers.map(l => l.diffId));
	const shared = (a: { layers: { diffId: string }[] }, b: { layers: { diffId: string }[] }) => [...diffIds(b)].filter(d => diffIds(a).has(d)).length;

	it('has at least 8 pairs of images the registry serves', async () => {
		assert.ok(r.pairs.length >= 8);
		for (const p of r.pairs) for (const ref of [p.current, p.candidate]) {
			const [host, rest] = [ref.slice(0, ref.indexOf('/')), ref.slice(ref.indexOf('/') + 1)];
			const [repo, tag] = rest.split(':');
			const res = await fetch(`http://${host}/v2/${repo}/manifests/${tag}`, { method: 'HEAD', headers: { Accept: 'application/vnd.docker.distribution.manifest.v2+json' } });
			assert.equal(res.headers.get('docker-content-digest'), img(ref).digest, ref);
		}
	});

	it('are real Debian root file systems: a large one of hundreds of MB and tens of thousands of files', () => {
		const large = pair('large-one-layer').candidate;
		assert.ok(large.unpackedBytes > 200e6 && large.files > 10_000, JSON.stringify({ bytes: large.unpackedBytes, files: large.files }));
	});

	it('cover shared bases, patch layers, rebuilt bases and many layers vs one', () => {
		const patch = pair('patch-layer');
		assert.equal(shared(patch.current, patch.candidate), patch.current.layers.length);
		assert.equal(patch.candidate.layers.length, patch.current.layers.length + 1);
		const rebuilt = pair('rebuilt-base');
		assert.equal(shared(rebuilt.current, rebuilt.candidate), 0);
		const addPython = pair('add-python');
		assert.equal(shared(addPython.current, addPython.candidate), 1);
		const many = pair('one-vs-many');
		assert.equal(many.current.layers.length, 1);
		assert.ok(many.candidate.layers.length >= 8);
		const files = (i: { layers: { files: number }[] }) => i.layers.reduce((s, l) => s + l.files, 0);
		assert.equal(files(many.candidate), files(many.current));
	});
});

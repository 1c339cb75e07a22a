// The warm part of the estimate (issue 14) on synthetic inputs: command costs and per-kin deviations learnt from
// images measured warm in one run, carried through chains of comparisons to a pair never measured together;
// layer counts otherwise.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_STARTUP_MODEL, type LayerFacts } from '../../startup/src/estimate/model';
import { observationsFor } from '../../startup/src/estimate/observations';
import { estimatePair } from '../../startup/src/estimate/pair';
import { DEFAULT_RATIOS } from '../../startup/src/estimate/ratios';
import { fitWarm, predictWarmDelta, warmSubject, type WarmComparison, type WarmSubject } from '../../startup/src/estimate/warm';
import type { BenchmarkReport } from '../../startup/src/result';

const TRUE = ['/bin/true'], PY = ['python3', '-c', 'pass'];
const subject = warmSubject;
const kinOf = (image: string, command?: string[]) => warmSubject(image, command, 1).kin;
const bookMin = subject('reg:5000/real/bookworm:min', TRUE, 1);
const bookPy = subject('reg:5000/real/bookworm:py', PY, 1);
const bookPyLayered = subject('reg:5000/real/bookworm:py-layered', PY, 2);
const bookLarge17 = subject('reg:5000/real/bookworm:large-layers', PY, 17);
const trixieMin = subject('reg:5000/real/trixie:min', TRUE, 1);
const trixiePy = subject('reg:5000/real/trixie:py', PY, 1);
const trixiePyLayered = subject('reg:5000/real/trixie:py-layered', PY, 2);

// The truth the synthetic runs are drawn from: python costs 40 ms on bookworm, 15 ms on trixie; 3 ms per layer.
const offset: Record<string, number> = { [bookMin.kin]: 0, [trixieMin.kin]: 5, [bookPy.kin]: 40, [trixiePy.kin]: 20 };
const compare = (base: WarmSubject, other: WarmSubject, n = 1, noise = 0): WarmComparison =>
	({ concurrency: n, base, other, diffMs: offset[other.kin] - offset[base.kin] + 3 * (other.layers - base.layers) + noise });

describe('warm estimate (issue 14)', () => {
	it('kin is the repository (tag and digest dropped, registry port kept) and the command', () => {
		assert.equal(kinOf('127.0.0.1:5000/real/bookworm:py', PY), kinOf(`127.0.0.1:5000/real/bookworm:large@sha256:${'a'.repeat(64)}`, PY));
		assert.notEqual(kinOf('127.0.0.1:5000/real/bookworm:py', PY), kinOf('127.0.0.1:5000/real/bookworm:py', TRUE));
		assert.notEqual(kinOf('127.0.0.1:5000/real/bookworm:py', PY), kinOf('127.0.0.1:5000/real/trixie:py', PY));
		assert.notEqual(warmSubject('127.0.0.1:5000/a', undefined, 1).command, warmSubject('127.0.0.1:5000/b', undefined, 1).command, 'unknown commands are not one command');
		assert.equal(kinOf('python:3.12.1-slim', ['python3']), kinOf('docker.io/library/python:3.13.0-slim', ['python3']));
	});

	it('carries a command\'s cost to a repository never compared, and says it rests on the command', () => {
		const model = fitWarm([compare(bookMin, bookPyLayered), compare(bookMin, bookPyLayered, 1, 4), compare(bookMin, bookPyLayered, 1, -4)]);
		const p = predictWarmDelta(model, trixieMin, trixiePy, 1);
		assert.equal(p.basis, 'command');
		assert.ok(Math.abs(p.deltaMs - 40) < 2, `python over true, learnt on bookworm: ${p.deltaMs}`);
	});

	it('learns a repository\'s own deviation through a chain of runs, and needs consistent evidence for it', () => {
		const chain = (noise: number) => [compare(bookMin, trixieMin, 1, noise), compare(bookMin, bookPyLayered, 1, -noise), compare(trixieMin, trixiePyLayered, 1, noise),
			compare(bookPy, bookLarge17, 1, -noise)];
		// Truth for bookworm python → trixie python: 20 − 40 = −20 ms (trixie's python starts faster).
		const once = predictWarmDelta(fitWarm(chain(0)), bookPy, trixiePy, 1);
		const often = predictWarmDelta(fitWarm([1, -1, 2, -2, 0, 3, -3, 1].flatMap(chain)), bookPy, trixiePy, 1);
		assert.equal(often.basis, 'kin');
		assert.equal(often.comparisons, 32);
		assert.ok(once.deltaMs < 0 && often.deltaMs < 0, `sign of the truth: ${once.deltaMs}, ${often.deltaMs}`);
		assert.ok(once.deltaMs > -20 && often.deltaMs < once.deltaMs, `one chain is shrunk toward 0 (${once.deltaMs}), eight approach −20 (${often.deltaMs})`);
		assert.ok(often.deltaMs < -12, `${often.deltaMs}`);
		const perLayer = fitWarm([1, -1, 2, -2, 0, 3, -3, 1].flatMap(chain)).levels[0].perLayerMs;
		assert.ok(Math.abs(perLayer - 3) < 0.5, `per layer ${perLayer}`);
	});

	it('uses the level nearest to N by ratio', () => {
		offset[bookPy.kin] = 40;
		const at4: WarmComparison = { ...compare(bookMin, bookPy, 4), diffMs: 120 };
		const model = fitWarm([compare(bookMin, bookPy, 1), at4]);
		assert.ok(Math.abs(predictWarmDelta(model, bookMin, bookPy, 8).deltaMs - 120) < 3);
		assert.ok(Math.abs(predictWarmDelta(model, bookMin, bookPy, 2).deltaMs - 40) < 3);
	});

	it('reads comparisons from stored warm runs with two images, never from runs that override the command', () => {
		const report = storedRun({});
		const obs = observationsFor([report], 'engine-a');
		assert.equal(obs.warm.length, 1);
		assert.equal(obs.warm[0].diffMs, -30);
		assert.equal(obs.warm[0].other.kin, kinOf('reg/trixie:py', PY));
		assert.equal(observationsFor([storedRun({ cmd: ['sleep', '1'] })], 'engine-a').warm.length, 0);
		assert.equal(observationsFor([report], 'engine-b').warm.length, 0, 'another engine\'s runs are never used');
	});

	it('gives the bump estimate the learnt warm difference and its basis', () => {
		const layer = (id: string): LayerFacts => ({ digest: `sha256:${id}`, diffId: `sha256:d-${id}`, mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', compressedBytes: 30e6 });
		const warm = fitWarm([compare(bookMin, trixieMin), compare(bookMin, bookPyLayered), compare(trixieMin, trixiePyLayered)]);
		const est = estimatePair({ image: bookPy.image, candidate: trixiePy.image, current: [layer('a')], candidateLayers: [layer('b')], present: new Set(['sha256:d-a']),
			concurrency: 1, currentCommand: PY, candidateCommand: PY }, { model: DEFAULT_STARTUP_MODEL, ratios: DEFAULT_RATIOS, warm });
		assert.equal(est.warm.basis, 'kin');
		assert.ok(est.warmDeltaMs < 0 && est.warmDeltaMs > -20, `warm ${est.warmDeltaMs}: trixie's python is faster, shrunk toward bookworm's`);
		assert.equal(est.firstStartDeltaMs, est.breakdown.totalMs + est.warmDeltaMs);
	});
});

function storedRun(settings: { cmd?: string[] }): BenchmarkReport {
	const result = (image: string, median: number) => ({ image, mode: 'warm', concurrency: 1, samples: [median], stats: { median } });
	return {
		engine: { id: 'engine-a' }, status: 'complete',
		settings: { concurrency: [1], ready: 'exit', ...settings },
		images: [{ image: 'reg/bookworm:py', layers: 1, command: PY }, { image: 'reg/trixie:py', layers: 1, command: PY }],
		results: [result('reg/bookworm:py', 300), result('reg/trixie:py', 270)],
		comparisons: [],
	} as unknown as BenchmarkReport;
}

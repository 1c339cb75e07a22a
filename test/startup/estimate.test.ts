// The startup-delta model: shared layers, layer count vs bytes, fitting from observations and reports.
import Docker from 'dockerode';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_MODEL, estimateBump, fitModel, observationsFrom, predictPull, predictWarmReady, ridgeFit, type CostModel } from '../../startup/src/estimate';
import { layersFromHistory, localImageLayers } from '../../startup/src/localLayers';
import type { BenchmarkReport } from '../../startup/src/result';
import { fixture, SHARED_HOST } from './helpers';

const model: CostModel = { ...DEFAULT_MODEL, perPullMs: 100, perLayerMs: 100, bytesPerMs: 50_000, warmStartMs: 300, warmPerConcurrentMs: 200, perLayerStartMs: 1 };

describe('startup-delta estimate', () => {
	it('predicts pulls from missing layers only: fixed + per layer + bytes / bandwidth', () => {
		const layers = [{ digest: 'a', size: 1_000_000 }, { digest: 'b', size: 4_000_000 }, { digest: 'b', size: 4_000_000 }];
		assert.deepEqual(predictPull(model, layers), { ms: 100 + 2 * 100 + 5_000_000 / 50_000, bytes: 5_000_000, layers: 2 });
		assert.deepEqual(predictPull(model, layers, new Set(['a'])), { ms: 100 + 100 + 80, bytes: 4_000_000, layers: 1 });
		assert.deepEqual(predictPull(model, layers, new Set(['a', 'b'])), { ms: 0, bytes: 0, layers: 0 });
		assert.equal(predictWarmReady(model, 4, 16), 300 + 200 * 7.5 + 4);
	});

	it('makes the fixtures\' effects visible: shared python layers, and 50 tiny layers cost more than 52 MB in one', () => {
		const [old, next] = [fixture('python:3.12.1-slim').layers, fixture('python:3.12.11-slim').layers];
		const bump = estimateBump(DEFAULT_MODEL, old, next);
		// Compressed sizes come from the registry the environment filled: gzip output (and the random
		// padding) differs between machines, so expected bytes are summed from env.json, never written down.
		const oldDigests = new Set(old.map(l => l.digest));
		const sum = (layers: { size: number }[]) => layers.reduce((s, l) => s + l.size, 0);
		const [shared, pulled] = [next.filter(l => oldDigests.has(l.digest)), next.filter(l => !oldDigests.has(l.digest))];
		assert.equal(bump.sharedLayers, 2); // base + stdlib
		assert.equal(bump.firstStartAfterBump.layers, 2);
		assert.equal(bump.firstStartAfterBump.bytes, sum(pulled));
		assert.ok(sum(pulled) > 8 * 1024 * 1024, 'the 8 MiB random padding does not compress');
		assert.ok(bump.cold.deltaMs > 0 && bump.cold.deltaMs < 200, String(bump.cold.deltaMs)); // 4 MB more
		assert.equal(bump.warm.deltaMs, 0); // same layer count: warm starts do not care about size
		assert.equal(bump.explanation[0], `2 of 4 layers (${(sum(shared) / 1e6).toFixed(1)} MB) are shared with the current image`);
		const base = new Set([fixture('patchlens/fast:1').layers[0].digest]);
		const many = predictPull(DEFAULT_MODEL, fixture('patchlens/many-layers:50').layers, base);
		const big = predictPull(DEFAULT_MODEL, fixture('patchlens/big-layer:1').layers, base);
		assert.equal(many.layers, 49);
		assert.ok(many.bytes < 10_000 && big.bytes > 50_000_000);
		assert.ok(many.ms > big.ms, `${many.ms} vs ${big.ms}`);
	});

	it('recovers the parameters that generated the observations', () => {
		const truth = { perPull: 200, perLayer: 80, bytesPerMs: 40_000 };
		const pulls = [[1, 1e6], [49, 7e3], [1, 52e6], [3, 8e6], [2, 3e6], [10, 20e6]].map(([layers, bytes]) => ({ layers, bytes, ms: truth.perPull + truth.perLayer * layers + bytes / truth.bytesPerMs }));
		const warm = [1, 4, 16].map(n => ({ concurrency: n, layers: 2, medianMs: 250 + 300 * (n - 1) / 2 + DEFAULT_MODEL.perLayerStartMs * 2 }));
		const fitted = fitModel(pulls, warm);
		assert.equal(fitted.source, 'measured');
		assert.deepEqual(fitted.fittedFrom, { pulls: 6, warmLevels: 3 });
		assert.ok(Math.abs(fitted.perLayerMs - 80) < 3, String(fitted.perLayerMs));
		assert.ok(Math.abs(fitted.bytesPerMs - 40_000) / 40_000 < 0.05, String(fitted.bytesPerMs));
		assert.ok(Math.abs(fitted.perPullMs - 200) < 25, String(fitted.perPullMs));
		assert.ok(Math.abs(fitted.warmStartMs - 250) < 5 && Math.abs(fitted.warmPerConcurrentMs - 300) < 5);
		assert.deepEqual(fitModel([], []), { ...DEFAULT_MODEL, fittedFrom: { pulls: 0, warmLevels: 0 } });
	});

	it('keeps unidentifiable parameters near the defaults and never goes negative', () => {
		assert.deepEqual(ridgeFit([[1, 0], [1, 0]], [10, 10], [5, 7], [1e-9, 1]).map(x => Math.round(x)), [10, 7]);
		assert.ok(ridgeFit([[1], [1]], [-50, -60], [0], [0]).every(x => x === 0));
	});

	it('takes observations from stored reports: cold pulls per round, warm medians of plain runs', () => {
		const report = {
			engine: { id: 'E' }, settings: { ready: 'exit' }, images: [{ image: 'a', layers: 3 }],
			results: [
				{ image: 'a', mode: 'cold', concurrency: 1, pullBytes: [100, 200], pullLayers: [2, 2], samples: [1, 2], stats: { median: 1 },
					containers: [{ round: 0, phases: { pull: 50 } }, { round: 1, phases: { pull: 70 } }] },
				{ image: 'a', mode: 'warm', concurrency: 4, samples: [1], stats: { median: 321 }, containers: [] },
			],
		} as unknown as BenchmarkReport;
		assert.deepEqual(observationsFrom([report]), { pulls: [{ ms: 50, bytes: 100, layers: 2 }, { ms: 70, bytes: 200, layers: 2 }], warm: [{ concurrency: 4, layers: 3, medianMs: 321 }] });
		assert.deepEqual(observationsFrom([report], 'other'), { pulls: [], warm: [] });
		const withCmd = { ...report, settings: { ready: 'exit', cmd: ['sleep', '1'] } } as unknown as BenchmarkReport;
		assert.equal(observationsFrom([withCmd]).warm.length, 0);
	});
});

describe('layers of a local image (Engine API)', () => {
	it('pairs layer ids with the history steps that made layers, sizes scaled to compressed', async () => {
		const history = [{ Size: 0, CreatedBy: 'CMD' }, { Size: 1000, CreatedBy: 'COPY b' }, { Size: 0, CreatedBy: 'ENV' }, { Size: 5000, CreatedBy: 'ADD a' }];
		assert.deepEqual(layersFromHistory(['a', 'b'], history, 6000, 0.5), [{ digest: 'a', size: 2500 }, { digest: 'b', size: 500 }]);
		assert.deepEqual(layersFromHistory(['a', 'b', 'c'], history, 6000, 0.5), [{ digest: 'a', size: 1000 }, { digest: 'b', size: 1000 }, { digest: 'c', size: 1000 }]);
		const layers = await localImageLayers(new Docker({ socketPath: SHARED_HOST.replace(/^unix:\/\//, '') }), 'python:3.12.11-slim');
		assert.equal(layers.length, fixture('python:3.12.11-slim').layerCount);
		// The 8 MiB random padding layer does not compress: the estimate scales it like any other layer.
		assert.ok(layers.some(l => l.size > 3_000_000 && l.size < 4_000_000), JSON.stringify(layers));
	});
});

// The estimate's I/O edge: what the engine holds and which platform it runs (Engine API), what each image
// would pull (registry, cached), this engine's stored runs (calibration, and a measurement that replaces the
// estimate when one exists). The arithmetic is in model.ts / pair.ts; failures come back typed, with why.
import type Docker from 'dockerode';
import { parseImageReference } from '../../../server/src/core/image/reference';
import type { RegistryClient } from '../../../server/src/registry/client';
import { remoteImage, type RemoteImage } from '../../../server/src/registry/layers';
import type { Platform } from '../../../server/src/registry/manifest';
import type { BenchmarkReport, EngineInfo } from '../result';
import { bootstrapPercentileCi } from '../stats';
import { calibrateStartup } from './calibrate';
import type { Calibration, LayerFacts } from './model';
import { observationsFor } from './observations';
import { estimatePair, type PairEstimate } from './pair';
import { learnRatios, type MeasuredLayer } from './ratios';
import { fitWarm } from './warm';

export interface EngineFacts {
	info: EngineInfo;
	platform: Platform;
	/** Diff ids (RootFS.Layers) of every image on the engine. */
	present: Set<string>;
}

export interface EstimateRequest {
	image: string;
	candidate: string;
	concurrency: number;
}

/** The JSON `patchlens estimate` prints: an estimate, or a measurement of the same quantity on this engine. */
export type EstimateAnswer = (Omit<PairEstimate, 'source'> & { source: 'estimated' }) | MeasuredAnswer;

export interface MeasuredAnswer {
	image: string; candidate: string; concurrency: number;
	coldStartMs: number; coldStartInterval: [number, number]; warmDeltaMs: number; firstStartDeltaMs: number;
	newLayers: number; newBytes: number; source: 'measured'; calibration: Calibration; measuredAt: string;
}

export type EstimateOutcome = { ok: true; value: EstimateAnswer } | { ok: false; image: string; candidate: string; reason: string; unavailable: 'registry' | 'platform' | 'input' };

const ARCH: Record<string, string> = { x86_64: 'amd64', aarch64: 'arm64', armv7l: 'arm', ppc64le: 'ppc64le', s390x: 's390x' };

export async function engineFacts(docker: Docker, info: EngineInfo): Promise<EngineFacts> {
	const present = new Set<string>();
	const images = await docker.listImages();
	for (const summary of images) {
		const inspect = await docker.getImage(summary.Id).inspect().catch(() => undefined);
		for (const layer of inspect?.RootFS?.Layers ?? []) present.add(layer);
	}
	return { info, platform: { os: 'linux', architecture: ARCH[info.arch] ?? info.arch }, present };
}

async function lookUp(client: RegistryClient, ref: string, platform: Platform): Promise<{ ok: true; value: RemoteImage } | { ok: false; reason: string; kind: 'registry' | 'platform' | 'input' }> {
	const parsed = parseImageReference(ref);
	if (!parsed.ok) return { ok: false, reason: `${ref}: ${parsed.error}`, kind: 'input' };
	const repo = { registry: parsed.ref.registry, path: parsed.ref.path };
	const got = await remoteImage(client, repo, parsed.ref.digest ?? parsed.ref.tag ?? 'latest', platform);
	if (got.ok) return got;
	const platformProblem = /this engine runs|other platform/.test(got.error.message);
	return { ok: false, reason: got.error.message, kind: platformProblem ? 'platform' : 'registry' };
}

function facts(image: RemoteImage): LayerFacts[] {
	return image.layers.map(l => ({ digest: l.digest, diffId: l.diffId, mediaType: l.mediaType, compressedBytes: l.size }));
}

/** A cold run of the candidate at N on this engine, stored: the measurement replaces the estimate. */
function measured(reports: readonly BenchmarkReport[], engineId: string, image: RemoteImage, n: number) {
	const same = (digest: string) => digest.endsWith(`@${image.digest}`) || digest.endsWith(`@${image.manifestDigest}`);
	for (const report of [...reports].reverse()) {
		if (report.engine.id !== engineId) continue;
		const r = report.results.find(x => x.mode === 'cold' && x.concurrency === n && !x.strategy && same(x.digest) && x.samples.length);
		if (r) return { report, result: r };
	}
	return undefined;
}

export interface EstimateDeps {
	client: RegistryClient;
	engine: EngineFacts;
	reports: readonly BenchmarkReport[];
	recorded?: ReadonlyMap<string, MeasuredLayer>;
}

export async function estimateBumpStartup(request: EstimateRequest, deps: EstimateDeps): Promise<EstimateOutcome> {
	const [current, candidate] = await Promise.all([lookUp(deps.client, request.image, deps.engine.platform), lookUp(deps.client, request.candidate, deps.engine.platform)]);
	const unavailable = (why: { reason: string; kind: 'registry' | 'platform' | 'input' }): EstimateOutcome =>
		({ ok: false, image: request.image, candidate: request.candidate, reason: why.reason, unavailable: why.kind });
	if (!current.ok) return unavailable(current);
	if (!candidate.ok) return unavailable(candidate);
	const obs = observationsFor(deps.reports, deps.engine.info.id);
	const model = calibrateStartup({ engineId: deps.engine.info.id, pulls: obs.pulls, starts: obs.starts, layerObservations: obs.layers.length });
	const est = estimatePair({ ...request, current: facts(current.value), candidateLayers: facts(candidate.value), present: deps.engine.present,
		currentCommand: current.value.command, candidateCommand: candidate.value.command },
	{ model, ratios: learnRatios(obs.layers), recorded: deps.recorded, warm: fitWarm(obs.warm, model.start.perLayerStartMs) });
	const run = measured(deps.reports, deps.engine.info.id, candidate.value, est.concurrency);
	if (!run) return { ok: true, value: { ...est, source: 'estimated' } };
	return { ok: true, value: {
		image: est.image, candidate: est.candidate, concurrency: est.concurrency,
		coldStartMs: run.result.stats.median, coldStartInterval: bootstrapPercentileCi(run.result.samples, 50),
		warmDeltaMs: est.warmDeltaMs, firstStartDeltaMs: run.result.stats.median - (est.coldStartMs - est.firstStartDeltaMs), newLayers: est.newLayers, newBytes: est.newBytes,
		source: 'measured', calibration: est.calibration, measuredAt: run.report.finishedAt,
	} };
}

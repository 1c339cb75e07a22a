// `check --estimate` (online only): the startup estimate of each proposed bump, keyed by its FROM line, for the
// JSON output's findings whose fix is that bump. Engine facts and this engine's runs are read once per check.
import type { AnalysisOptions } from '../../server/src/core/options';
import type { RegistrySession } from '../../server/src/registry/session';
import { resolveDockerHost } from '../../startup/src/dockerHost';
import { DockerExecutor } from '../../startup/src/dockerExecutor';
import { engineFacts, estimateBumpStartup, type EngineFacts } from '../../startup/src/estimate/service';
import type { BenchmarkReport } from '../../startup/src/result';
import { ResultsStore } from '../../startup/src/store';
import { outcomeJson, proposedPairs } from './estimate';

export interface CheckEstimateOptions {
	concurrency: number;
	host?: string;
	resultsDir?: string;
}

export class CheckEstimator {
	private context: Promise<{ engine: EngineFacts; reports: BenchmarkReport[] }> | undefined;

	constructor(private readonly registry: RegistrySession, private readonly options: CheckEstimateOptions) {}

	private load() {
		this.context ??= (async () => {
			const executor = new DockerExecutor(resolveDockerHost(this.options.host).host);
			const engine = await engineFacts(executor.docker, await executor.info());
			return { engine, reports: await new ResultsStore(this.options.resultsDir).list() };
		})();
		return this.context;
	}

	/** 0-based FROM line → estimate JSON (or why there is none) for each proposed bump in `text`. */
	async forFile(text: string, analysis: Partial<AnalysisOptions>): Promise<Record<number, object>> {
		const pairs = proposedPairs(text, analysis);
		if (!pairs.length) return {};
		const out: Record<number, object> = {};
		let context: Awaited<ReturnType<CheckEstimator['load']>>;
		try {
			context = await this.load();
		} catch (error) {
			for (const p of pairs) out[p.line] = { image: p.image, candidate: p.candidate, source: 'unavailable', reason: (error as Error).message, unavailable: 'engine' };
			return out;
		}
		for (const p of pairs) {
			const outcome = await estimateBumpStartup({ image: p.image, candidate: p.candidate, concurrency: this.options.concurrency }, { client: this.registry.client, ...context });
			out[p.line] = outcomeJson(outcome);
		}
		return out;
	}
}

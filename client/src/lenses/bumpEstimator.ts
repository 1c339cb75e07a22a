// Estimated startup cost of a proposed bump for lenses, fix titles and hovers (issue 14). Never waits: a
// request answers from memory at once ('pending' the first time) and the look-up (registry layers, what the
// engine holds, this engine's stored runs) runs in the background, firing onDidChange when it lands.
// Untrusted workspaces and `patchlens.online: false` make no look-ups at all.
import * as vscode from 'vscode';
import { DiskCache, defaultCacheDir } from '../../../server/src/registry/cache';
import { DEFAULT_MUTABLE_TTL_MS, RegistryClient } from '../../../server/src/registry/client';
import { dockerConfigCredentials } from '../../../server/src/registry/credentials';
import { mirrorsFromEnv, registryEndpoint } from '../../../server/src/registry/endpoints';
import { DockerExecutor } from '../../../startup/src/dockerExecutor';
import { resolveDockerHost } from '../../../startup/src/dockerHost';
import { estimateDetails, estimateLine } from '../../../startup/src/estimate/describe';
import { engineFacts, estimateBumpStartup, type EngineFacts } from '../../../startup/src/estimate/service';
import type { ResultsRepository } from '../results/resultsRepository';
import { benchmarkSettings } from '../settings';
import type { BumpEstimateState } from './lensText';


/** Engine facts (images held) go stale as images come and go; re-read them after this long. */
const ENGINE_FACTS_TTL_MS = 60_000;

export class BumpEstimator implements vscode.Disposable {
	private readonly changed = new vscode.EventEmitter<void>();
	readonly onDidChange = this.changed.event;
	private readonly answers = new Map<string, BumpEstimateState>();
	private engine: { host: string; at: number; facts: Promise<EngineFacts> } | undefined;
	private client: RegistryClient | undefined;
	private readonly subscriptions: vscode.Disposable[];

	constructor(private readonly results: ResultsRepository) {
		const forget = () => { this.answers.clear(); this.engine = undefined; this.changed.fire(); };
		this.subscriptions = [
			results.onDidChange(forget),
			vscode.workspace.onDidChangeConfiguration(e => {
				if (e.affectsConfiguration('patchlens.docker.host') || e.affectsConfiguration('patchlens.online')) forget();
			}),
		];
	}

	/** The state for CURRENT → CANDIDATE at N; undefined when no look-up may be made (untrusted, offline). */
	estimate(image: string, candidate: string, concurrency: number): BumpEstimateState | undefined {
		if (!vscode.workspace.isTrusted || !vscode.workspace.getConfiguration('patchlens').get<boolean>('online', true)) return undefined;
		const key = `${image}\n${candidate}\n${concurrency}`;
		const known = this.answers.get(key);
		if (known) return known;
		this.answers.set(key, { kind: 'pending' });
		void this.lookUp(key, image, candidate, concurrency);
		return { kind: 'pending' };
	}

	private registry(): RegistryClient {
		const mirrors = mirrorsFromEnv(process.env);
		this.client ??= new RegistryClient({
			endpoint: registryEndpoint(mirrors.ok ? mirrors.value : undefined),
			credentials: dockerConfigCredentials({ env: process.env }),
			cache: new DiskCache({ dir: defaultCacheDir('registry', process.env), ttlMs: DEFAULT_MUTABLE_TTL_MS }),
			// One try, short: a lens is no place for a retry storm against a failing registry.
			http: { timeoutMs: 5000, maxRetries: 0 },
		});
		return this.client;
	}

	private engineFacts(): Promise<EngineFacts> {
		const host = resolveDockerHost(benchmarkSettings().dockerHost).host;
		if (!this.engine || this.engine.host !== host || Date.now() - this.engine.at > ENGINE_FACTS_TTL_MS) {
			const executor = new DockerExecutor(host);
			this.engine = { host, at: Date.now(), facts: executor.info().then(info => engineFacts(executor.docker, info)) };
		}
		return this.engine.facts;
	}

	private async lookUp(key: string, image: string, candidate: string, concurrency: number): Promise<void> {
		let state: BumpEstimateState;
		try {
			const engine = await this.engineFacts();
			const outcome = await estimateBumpStartup({ image, candidate, concurrency }, { client: this.registry(), engine, reports: this.results.all() });
			state = outcome.ok
				? { kind: 'estimate', line: estimateLine(outcome.value), details: estimateDetails(outcome.value) }
				: { kind: 'unavailable', reason: outcome.reason };
		} catch (error) {
			this.engine = undefined;
			state = { kind: 'unavailable', reason: (error as Error).message };
		}
		this.answers.set(key, state);
		this.changed.fire();
	}

	dispose(): void {
		this.changed.dispose();
		this.subscriptions.forEach(d => d.dispose());
	}
}

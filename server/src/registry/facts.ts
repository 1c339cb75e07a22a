// Registry facts for analysis: the tags and digests the FROM lines of a Dockerfile need, fetched
// ahead of the (synchronous, pure) rules. The store keeps what it learnt for the session, so the
// language server can analyse at once with what is known and re-analyse when lookups finish.
// Once tag lists are in, the pure lifecycle core names the bump candidates; their digests (for
// digest-pinned FROMs) and compressed sizes are looked up in a second pass.
import { imageRefAt } from '../core/image/fromImage';
import type { ImageReference } from '../core/image/reference';
import { assessImage } from '../core/lifecycle/assess';
import { candidateTags, sizeReference } from '../core/lifecycle/fixes';
import { defaultOptions, type AnalysisOptions, type RegistryFacts } from '../core/options';
import { parseDockerfile } from '../core/parse';
import type { RegistryClient } from './client';
import type { RegistryError } from './result';

/** The key RegistryFacts use: `docker.io/library/python`. */
export function repositoryKey(ref: Pick<ImageReference, 'registry' | 'path'>): string {
	return `${ref.registry}/${ref.path}`;
}

/** Registry images named by the FROM lines (after ARG substitution); stages and scratch excluded. */
export function imageReferencesIn(text: string, options: Partial<AnalysisOptions> = {}): ImageReference[] {
	const parsed = parseDockerfile(text);
	const ctx = { ...parsed, options: defaultOptions(options) };
	const refs: ImageReference[] = [];
	for (const stage of parsed.stages) {
		const from = imageRefAt(ctx, stage);
		if (from.kind === 'image') refs.push(from);
	}
	return refs;
}

export interface FactsFailure {
	registry: string;
	error: RegistryError;
}

export interface PrefetchOutcome {
	/** New facts arrived: analysis may now find more. */
	changed: boolean;
	failures: FactsFailure[];
}

export interface FactsStoreOptions {
	/** Lookups running at once. */
	concurrency?: number;
	/** How long fetched facts count as current before they are looked up again. */
	freshMs?: number;
	/** How long after a failure a lookup is not retried (typing must not hammer a registry that is down). */
	retryFailedAfterMs?: number;
	now?: () => number;
}

type Outcome = FactsFailure | 'changed' | 'same';

interface Known<T> {
	value: T;
	at: number;
}

export class RegistryFactsStore {
	private readonly tags = new Map<string, Known<readonly string[]>>();
	private readonly digests = new Map<string, Known<string>>();
	/** `repo:reference` → total compressed bytes of the linux/amd64 image. */
	private readonly sizes = new Map<string, Known<number>>();
	private readonly failedAt = new Map<string, number>();
	/** Bumped whenever a fact changes; snapshots remember the generation they saw. */
	private generation = 0;
	private readonly seen = new WeakMap<RegistryFacts, number>();
	private readonly now: () => number;

	constructor(private readonly client: RegistryClient, private readonly options: FactsStoreOptions = {}) {
		this.now = options.now ?? Date.now;
	}

	/** What is known now, frozen: analysis sees one consistent set of facts. */
	snapshot(): RegistryFacts {
		const tags = new Map([...this.tags].map(([k, v]) => [k, v.value]));
		const digests = new Map([...this.digests].map(([k, v]) => [k, v.value]));
		const sizes = new Map([...this.sizes].map(([k, v]) => [k, v.value]));
		const newest = Math.max(0, ...[...this.tags.values(), ...this.digests.values(), ...this.sizes.values()].map(v => v.at));
		const facts: RegistryFacts = {
			tags: repository => tags.get(repository),
			digest: (repository, tag) => digests.get(`${repository}:${tag}`),
			compressedSize: (repository, reference) => sizes.get(`${repository}:${reference}`),
			fetchedAt: new Date(newest || this.now()),
		};
		this.seen.set(facts, this.generation);
		return facts;
	}

	/**
	 * True when facts changed after `snapshot` was taken — also by lookups another document
	 * started, which `prefetch(…).changed` alone would miss.
	 */
	changedSince(snapshot: RegistryFacts): boolean {
		return this.generation > (this.seen.get(snapshot) ?? -1);
	}

	/**
	 * Looks up what `refs` need and is not known (or is stale): tags, the digest and size of each
	 * FROM, then — judged with `options` (its `now`) — the sizes of the bump candidates, and their
	 * digests where the FROM is digest-pinned, so a bump can keep the pin.
	 */
	async prefetch(refs: readonly ImageReference[], options: Partial<AnalysisOptions> = {}): Promise<PrefetchOutcome> {
		const jobs = new Map<string, () => Promise<Outcome>>();
		for (const ref of refs) {
			const repo = repositoryKey(ref);
			if (this.needs(`tags|${repo}`, this.tags.get(repo))) {
				jobs.set(`tags|${repo}`, async () => {
					const result = await this.client.tags(ref);
					return this.record(`tags|${repo}`, ref.registry, result, this.tags, repo, sameList);
				});
			}
			// A digest alone pins the image; there is no tag to follow.
			const tag = ref.tag ?? (ref.digest ? undefined : 'latest');
			if (tag) this.digestJob(jobs, ref, tag);
			this.sizeJob(jobs, ref, sizeReference(ref));
		}
		const first = await runLimited([...jobs.values()], this.concurrency);
		const second = await runLimited([...this.candidateJobs(refs, options).values()], this.concurrency);
		const outcomes = [...first, ...second];
		return {
			changed: outcomes.includes('changed'),
			failures: outcomes.filter((o): o is FactsFailure => typeof o === 'object'),
		};
	}

	private get concurrency(): number {
		return this.options.concurrency ?? 4;
	}

	/** Jobs for the tags a bump may move to; only from live tag lists, so every candidate is published. */
	private candidateJobs(refs: readonly ImageReference[], options: Partial<AnalysisOptions>): Map<string, () => Promise<Outcome>> {
		const jobs = new Map<string, () => Promise<Outcome>>();
		const analysis = defaultOptions({ ...options, offline: false, registryFacts: this.snapshot() });
		for (const ref of refs) {
			const a = assessImage(ref, analysis);
			if (!a || a.publishedFrom !== 'registry') continue;
			for (const tag of candidateTags(a)) {
				if (ref.digest) this.digestJob(jobs, ref, tag);
				this.sizeJob(jobs, ref, tag);
			}
		}
		return jobs;
	}

	private digestJob(jobs: Map<string, () => Promise<Outcome>>, ref: ImageReference, tag: string): void {
		const key = `${repositoryKey(ref)}:${tag}`;
		if (!this.needs(`digest|${key}`, this.digests.get(key))) return;
		jobs.set(`digest|${key}`, async () => {
			const result = await this.client.digest(ref, tag);
			return this.record(`digest|${key}`, ref.registry, result, this.digests, key, (a, b) => a === b);
		});
	}

	/** `reference` is a tag or a digest; the total of the linux/amd64 image's compressed layers. */
	private sizeJob(jobs: Map<string, () => Promise<Outcome>>, ref: ImageReference, reference: string): void {
		const key = `${repositoryKey(ref)}:${reference}`;
		if (!this.needs(`size|${key}`, this.sizes.get(key))) return;
		jobs.set(`size|${key}`, async () => {
			const result = await this.client.layers(ref, reference);
			const total = result.ok ? { ok: true as const, value: result.value.reduce((sum, layer) => sum + layer.size, 0) } : result;
			return this.record(`size|${key}`, ref.registry, total, this.sizes, key, (a, b) => a === b);
		});
	}

	private needs(job: string, known: Known<unknown> | undefined): boolean {
		const now = this.now();
		const failed = this.failedAt.get(job);
		if (failed !== undefined && now - failed < (this.options.retryFailedAfterMs ?? 5 * 60_000)) return false;
		return !known || now - known.at >= (this.options.freshMs ?? 60 * 60_000);
	}

	private record<T>(
		job: string, registry: string, result: { ok: true; value: T } | { ok: false; error: RegistryError },
		into: Map<string, Known<T>>, key: string, same: (a: T, b: T) => boolean,
	): Outcome {
		if (!result.ok) {
			this.failedAt.set(job, this.now());
			return { registry, error: result.error };
		}
		this.failedAt.delete(job);
		const before = into.get(key);
		into.set(key, { value: result.value, at: this.now() });
		if (before && same(before.value, result.value)) return 'same';
		this.generation++;
		return 'changed';
	}
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
	return a.length === b.length && a.every((t, i) => t === b[i]);
}

/** Runs `jobs` with at most `limit` in flight; results in job order. */
export async function runLimited<T>(jobs: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
	const results = new Array<T>(jobs.length);
	let next = 0;
	const worker = async () => {
		while (next < jobs.length) {
			const index = next++;
			results[index] = await jobs[index]();
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
	return results;
}

/** One-shot facts for a Dockerfile (the CLI's path). */
export async function fetchRegistryFacts(text: string, client: RegistryClient, options: Partial<AnalysisOptions> = {}, store = new RegistryFactsStore(client)): Promise<{ facts: RegistryFacts; failures: FactsFailure[] }> {
	const { failures } = await store.prefetch(imageReferencesIn(text, options), options);
	return { facts: store.snapshot(), failures };
}

/**
 * Says once per registry per session that lookups failed and bundled data is used instead.
 * "Not found" is an answer, not a failure: an unknown tag is for the rules to judge.
 */
export class FailureNotices {
	private readonly told = new Set<string>();

	constructor(private readonly tell: (message: string) => void) {}

	/** Tells the root cause: a lookup refused because the registry had just failed names that failure. */
	report(failures: readonly FactsFailure[]): void {
		for (const { registry, error } of failures) {
			if (error.kind === 'not-found' || this.told.has(registry)) continue;
			this.told.add(registry);
			this.tell(`registry ${registry} lookups failed (${(error.cause ?? error).message}); using bundled data only.`);
		}
	}
}

// Registry facts for analysis: the tags and digests the FROM lines of a Dockerfile need, fetched
// ahead of the (synchronous, pure) rules. The store keeps what it learnt for the session, so the
// language server can analyse at once with what is known and re-analyse when lookups finish.
import { imageRefAt } from '../core/image/fromImage';
import type { ImageReference } from '../core/image/reference';
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

interface Known<T> {
	value: T;
	at: number;
}

export class RegistryFactsStore {
	private readonly tags = new Map<string, Known<readonly string[]>>();
	private readonly digests = new Map<string, Known<string>>();
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
		const newest = Math.max(0, ...[...this.tags.values(), ...this.digests.values()].map(v => v.at));
		const facts: RegistryFacts = {
			tags: repository => tags.get(repository),
			digest: (repository, tag) => digests.get(`${repository}:${tag}`),
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

	/** Looks up what `refs` need and is not known (or is stale). */
	async prefetch(refs: readonly ImageReference[]): Promise<PrefetchOutcome> {
		const jobs = new Map<string, () => Promise<FactsFailure | 'changed' | 'same'>>();
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
			const key = `${repo}:${tag}`;
			if (tag && this.needs(`digest|${key}`, this.digests.get(key))) {
				jobs.set(`digest|${key}`, async () => {
					const result = await this.client.digest(ref, tag);
					return this.record(`digest|${key}`, ref.registry, result, this.digests, key, (a, b) => a === b);
				});
			}
		}
		const outcomes = await runLimited([...jobs.values()], this.options.concurrency ?? 4);
		return {
			changed: outcomes.includes('changed'),
			failures: outcomes.filter((o): o is FactsFailure => typeof o === 'object'),
		};
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
	): FactsFailure | 'changed' | 'same' {
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
	const { failures } = await store.prefetch(imageReferencesIn(text, options));
	return { facts: store.snapshot(), failures };
}

/**
 * Says once per registry per session that lookups failed and bundled data is used instead.
 * "Not found" is an answer, not a failure: an unknown tag is for the rules to judge.
 */
export class FailureNotices {
	private readonly told = new Set<string>();

	constructor(private readonly tell: (message: string) => void) {}

	report(failures: readonly FactsFailure[]): void {
		for (const { registry, error } of failures) {
			if (error.kind === 'not-found' || this.told.has(registry)) continue;
			this.told.add(registry);
			this.tell(`registry ${registry} lookups failed (${error.message}); using bundled data only.`);
		}
	}
}

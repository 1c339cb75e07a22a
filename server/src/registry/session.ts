// One registry session: the client (endpoints, Docker credentials, disk cache), the facts store
// and the once-per-registry failure notices, wired the same way for the language server and the CLI.
import type { AnalysisOptions, RegistryFacts } from '../core/options';
import { DiskCache, defaultCacheDir } from './cache';
import { DEFAULT_MUTABLE_TTL_MS, RegistryClient } from './client';
import { dockerConfigCredentials } from './credentials';
import { mirrorsFromEnv, registryEndpoint } from './endpoints';
import { FailureNotices, imageReferencesIn, RegistryFactsStore } from './facts';

export interface RegistrySessionOptions {
	/** Where registry answers are cached; default `${XDG_CACHE_HOME:-~/.cache}/patchlens/registry`. */
	cacheDir?: string;
	/** Time limit of one lookup, its retries and Retry-After waits included. */
	timeoutMs?: number;
	/**
	 * When set, every lookup of this session ends this long after the session starts: the CLI's
	 * deadline for a whole run. The language server's session lives on, so it sets none.
	 */
	runDeadlineMs?: number;
	/** Told once per registry when lookups fail (and once about a bad mirror setting). */
	tell: (message: string) => void;
	/** Debug lines about requests (never headers or credentials). */
	log?: (line: string) => void;
	env?: NodeJS.ProcessEnv;
}

/** The CLI's default `--registry-deadline`. */
export const DEFAULT_RUN_DEADLINE_MS = 60_000;

export class RegistrySession {
	readonly client: RegistryClient;
	private readonly store: RegistryFactsStore;
	private readonly notices: FailureNotices;

	constructor(options: RegistrySessionOptions) {
		const env = options.env ?? process.env;
		const mirrors = mirrorsFromEnv(env);
		if (!mirrors.ok) options.tell(`${mirrors.error.message}; ignoring it.`);
		this.client = new RegistryClient({
			endpoint: registryEndpoint(mirrors.ok ? mirrors.value : undefined),
			credentials: dockerConfigCredentials({ env }),
			cache: new DiskCache({ dir: options.cacheDir ?? defaultCacheDir('registry', env), ttlMs: DEFAULT_MUTABLE_TTL_MS, onInvalid: options.tell }),
			http: { ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}), ...(options.log ? { log: options.log } : {}) },
			...(options.runDeadlineMs ? { signal: deadline(options.runDeadlineMs) } : {}),
		});
		this.store = new RegistryFactsStore(this.client);
		this.notices = new FailureNotices(options.tell);
	}

	/** What is known now; analysis never waits for the network. */
	snapshot(): RegistryFacts {
		return this.store.snapshot();
	}

	/**
	 * Looks up what the Dockerfile's FROM lines need. True when facts changed since
	 * `options.registryFacts` (the snapshot the last analysis used) — or, without one, in this call.
	 */
	async refresh(text: string, options: Partial<AnalysisOptions>): Promise<boolean> {
		const { changed, failures } = await this.store.prefetch(imageReferencesIn(text, options), options);
		this.notices.report(failures);
		return options.registryFacts ? this.store.changedSince(options.registryFacts) : changed;
	}
}

/** Aborts after `ms` with a reason that reads well in a failure notice; never keeps the process alive. */
function deadline(ms: number): AbortSignal {
	const controller = new AbortController();
	setTimeout(() => controller.abort(`the run's registry deadline of ${ms} ms passed`), ms).unref();
	return controller.signal;
}

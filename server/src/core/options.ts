// Everything the analysis needs to know besides the text. Plain data: the CLI builds it from flags
// and config files, the language server from settings. Rules only read it.
import type { Severity } from './finding';
import type { ImageMapping, LifecycleOverlay } from './lifecycle/dataset';

export interface AnalysisOptions {
	/** "Now" for lifecycle checks (ISO date). Explicit so results are reproducible. */
	now: Date;
	/** Rule codes never reported. */
	ignored: string[];
	/** Per-code severity overrides (settings and `.hadolint.yaml` `override`). */
	severityOverrides: Record<string, Severity | 'off'>;
	/** Use only bundled data: no registry or network lookups. */
	offline: boolean;
	/** `--build-arg`-style values that override ARG defaults. */
	buildArgs: Record<string, string>;
	/** Registries images may come from (DL3026); empty means any. */
	trustedRegistries: string[];
	/** Rules that are off unless enabled explicitly (e.g. PL105), enabled here. */
	enabledOptionalRules: string[];
	/** Days before end of life that PL102 starts warning. */
	eolWarningDays: number;
	/**
	 * Base images (globs: `registry.example.com/ci/*`) whose final images are toolchains by design,
	 * so PL203 does not ask to move their compilers out (`.patchlens.yaml` `toolchainImages`).
	 */
	toolchainImages?: readonly string[];
	/**
	 * The team's own image → lifecycle product mappings (`.patchlens.yaml` `lifecycleImages`), tried
	 * before the bundled ones, so internal base images get PL101/PL102/PL107 too.
	 */
	lifecycleImages?: readonly ImageMapping[];
	/** Ignore `# hadolint ignore=` / `# patchlens ignore=` pragmas (hadolint's `disable-ignore-pragma`). */
	disableIgnorePragma?: boolean;
	/**
	 * Facts fetched from registries before analysis (online mode). Rules stay synchronous and pure:
	 * the server / CLI look these up first, then analyse. Absent in offline mode.
	 */
	registryFacts?: RegistryFacts;
	/**
	 * Fresher lifecycle products (`patchlens update-data`) used instead of the bundled ones of the
	 * same id; absent: the bundled dataset alone.
	 */
	lifecycleOverlay?: LifecycleOverlay;
	/**
	 * Keep work (argument splits, RUN parses) for the next analysis of an edited file. The language
	 * server turns it on (it re-analyses the whole file on every edit); a one-shot check leaves it
	 * off: there the kept work would only be more live memory for the garbage collector to copy.
	 * Never changes the findings.
	 */
	reuse?: boolean;
}

/** Registry lookups made ahead of analysis. Keys are `registry/path`, e.g. `docker.io/library/python`. */
export interface RegistryFacts {
	/** Tags published for a repository, or undefined when it was not (or could not be) looked up. */
	tags(repository: string): readonly string[] | undefined;
	/** Digest a `repository:tag` points at now (multi-arch index digest when there is one). */
	digest(repository: string, tag: string): string | undefined;
	/**
	 * Total compressed layer bytes of the linux/amd64 image `reference` (a tag, or a `sha256:` digest
	 * for a pinned FROM) names; undefined when not looked up. Optional: sizes are shown, never guessed.
	 */
	compressedSize?(repository: string, reference: string): number | undefined;
	/** When the facts were fetched, for messages and hovers. */
	fetchedAt: Date;
}

export function defaultOptions(overrides: Partial<AnalysisOptions> = {}): AnalysisOptions {
	return {
		now: new Date(),
		ignored: [],
		severityOverrides: {},
		offline: false,
		buildArgs: {},
		trustedRegistries: [],
		enabledOptionalRules: [],
		eolWarningDays: 90,
		...overrides,
	};
}

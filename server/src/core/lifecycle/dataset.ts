// The bundled lifecycle dataset (server/data/lifecycle.json, written by `npm run data` from
// endoflife.date and docker-library/official-images snapshots). Types here, data loaded once.

/** A date (`YYYY-MM-DD`), or endoflife.date's booleans: true = already happened, date unknown; false = not planned. */
export type DateOrFlag = string | boolean;

export interface ReleaseLine {
	cycle: string;
	/** First word of the codename, lower-cased (`bookworm`, `jammy`), for distributions. */
	codename?: string;
	released?: string;
	/** End of life: no more fixes at all. */
	eol: DateOrFlag;
	/** End of active support (bug fixes); security fixes continue until `eol`. */
	eoas?: DateOrFlag;
	/** End of extended support (Debian LTS, Ubuntu ESM): security fixes after `eol`. */
	eoes?: DateOrFlag;
	/** Long-term support: true, or the date the line became LTS. */
	lts?: DateOrFlag;
	latest?: string;
	latestDate?: string;
}

export interface Product {
	/** endoflife.date's name, e.g. `Python`, `Node.js`. */
	title: string;
	/** Newest first, as endoflife.date lists them. */
	releases: ReleaseLine[];
}

export interface ImageEntry {
	/** endoflife.date product id; absent for official images without lifecycle data. */
	product?: string;
	/** Every tag the official image still builds (Tags and SharedTags), sorted. */
	tags: string[];
	/** docker-library deprecated the image (scripts/deprecated-images.ts): why, and where users went. */
	deprecated?: { note: string; successors: string[] };
}

export interface Distribution {
	product: string;
	/** Display name: Debian, Ubuntu, Alpine. */
	name: string;
	/** How the release shows up inside a tag variant. */
	spelling: 'codename' | { prefix: string };
}

/** An image outside Docker Official Images tied to a product by pattern (see imageMapping.ts). */
export interface ImageMapping {
	/** Glob over `registry/path`: `*` within a path segment, `**` across, `{a,b}` either; `docker.io/` and `library/` may be left out. */
	image: string;
	/** endoflife.date product id (`dotnet`, `rhel`, `python`, …). */
	product: string;
	/** Regular expression over the tag; capture group 1 (else the match) names the release (default: the tag's leading version). */
	version?: string;
	/** Regular expression over the image path; group 1 names the release, tried before the tag (`ubi(\d+)`). */
	pathVersion?: string;
	/** Release names as found → the product's release cycle (`1809` → `2019`, `ltsc2022` → `2022`). */
	aliases?: Record<string, string>;
	/** Shown instead of the product's title (`Windows Server Core` on the Nano Server lifecycle). */
	title?: string;
	/** The image counts as mapped only when its tag names a release (catch-all patterns such as `**`). */
	requireVersion?: boolean;
}

export interface LifecycleDataset {
	schema: 1;
	sources: {
		endoflife: { commit: string; date: string };
		officialImages: { commit: string; date: string };
	};
	products: Record<string, Product>;
	/** Official image name (`python`, not `library/python`) -> entry. */
	images: Record<string, ImageEntry>;
	distributions: Distribution[];
	/** Non-official images tied to products by pattern (mcr.microsoft.com, Red Hat UBI, …), tried in order. */
	registryImages?: ImageMapping[];
}

/** Fresher products (`patchlens update-data`) that take the place of bundled ones of the same id. */
export type LifecycleOverlay = Readonly<Record<string, Product>>;

// The bundled file never changes while the process runs: loading it once changes no answer.
let bundled: LifecycleDataset | undefined;
const merged = new WeakMap<LifecycleOverlay, LifecycleDataset>();

/** The dataset shipped with this build (bundled into server, CLI and tests alike). */
export function bundledDataset(): LifecycleDataset {
	// require, not import: the JSON lives outside the server's TypeScript rootDir; esbuild inlines it.
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	bundled ??= require('../../../data/lifecycle.json') as LifecycleDataset;
	return bundled;
}

/**
 * The dataset an analysis uses: the bundled one, with the products of its options' lifecycle
 * overlay in place of bundled ones. The overlay is an input (the server and the CLI load it at
 * start-up, server/src/registry/lifecycleUpdate.ts); the merge is kept per overlay object.
 */
export function datasetFor(options: { lifecycleOverlay?: LifecycleOverlay }): LifecycleDataset {
	const overlay = options.lifecycleOverlay;
	if (!overlay || !Object.keys(overlay).length) return bundledDataset();
	let dataset = merged.get(overlay);
	if (!dataset) {
		const base = bundledDataset();
		dataset = { ...base, products: { ...base.products, ...overlay } };
		merged.set(overlay, dataset);
	}
	return dataset;
}

// Pure lookups in the lifecycle dataset: which release line a tag belongs to, and its status at
// an explicit `now`. Nothing here reads the clock.
import type { ImageReference } from '../image/reference';
import { hasVersion, type TagVersion } from '../image/tagVersion';
import type { DateOrFlag, Distribution, ImageEntry, LifecycleDataset, Product, ReleaseLine } from './dataset';
import { findMapping, type ImageMapping } from './imageMapping';
import { daysUntil } from './phase';

export { daysUntil, lineStatus, type LineStatus } from './phase';

const CODENAME_VARIANTS_SINCE = '2014-01-01';

/** The Docker Official Image a reference names: Docker Hub `library/*`, or a mirror of it. */
export function officialImageName(ref: Pick<ImageReference, 'registry' | 'path'>): string | undefined {
	const m = /^(?:docker\/)?library\/([a-z0-9._-]+)$/.exec(ref.path);
	return m ? m[1] : undefined;
}

export interface ImageData {
	name: string;
	entry: ImageEntry;
	productId?: string;
	product?: Product;
	/** Set for images tied to a product by pattern (not an official image): no bundled tag list. */
	mapping?: ImageMapping;
}

/**
 * The lifecycle data for a reference: a Docker Official Image (or a mirror of one), else the first
 * pattern that names it — the team's `lifecycleImages` first, then the bundled registry table.
 */
export function imageData(dataset: LifecycleDataset, ref: Pick<ImageReference, 'registry' | 'path' | 'tag'>, extra: readonly ImageMapping[] = []): ImageData | undefined {
	const name = officialImageName(ref);
	const entry = name ? dataset.images[name] : undefined;
	if (name && entry?.product) return { name, entry, productId: entry.product, product: dataset.products[entry.product] };
	// An official image known only by its tag list or a deprecation notice (centos) may still have a
	// release line through a pattern: keep what the entry says and add the product.
	const mapping = findMapping([...extra, ...(dataset.registryImages ?? [])], dataset.products, ref);
	if (!mapping) return name && entry ? { name, entry, productId: undefined, product: undefined } : undefined;
	const base = dataset.products[mapping.product];
	const product = mapping.title ? { ...base, title: mapping.title } : base;
	return { name: name ?? ref.path.split('/').pop()!, entry: { ...(entry ?? { tags: [] }), product: mapping.product }, productId: mapping.product, product, mapping };
}

export interface LineMatch {
	line: ReleaseLine;
	/** True when the tag names a specific patch below the line (`3.12.1`), not the floating line tag (`3.12`). */
	pinsPatch: boolean;
	/** Number of version components that name the line (`3.12` -> 2), for building line prefixes. */
	depth: number;
}

/** The release line a tag belongs to: longest version prefix equal to a cycle, or a codename. */
export function releaseLineOf(product: Product, tag: TagVersion): LineMatch | undefined {
	if (hasVersion(tag) && !tag.codename) {
		let best: LineMatch | undefined;
		for (const line of product.releases) {
			const cycle = cycleNumbers(line.cycle);
			if (!cycle || cycle.length > tag.release.length) continue;
			if (!cycle.every((n, i) => tag.release[i] === n)) continue;
			if (!best || cycle.length > best.depth) best = { line, pinsPatch: tag.release.length > cycle.length, depth: cycle.length };
		}
		return best;
	}
	const codename = tag.codename ?? tag.variant.split('-')[0];
	const line = codename ? product.releases.find(r => r.codename === codename) : undefined;
	return line ? { line, pinsPatch: !!tag.codename, depth: 0 } : undefined;
}

export function cycleNumbers(cycle: string): number[] | undefined {
	return /^\d+(?:\.\d+)*$/.test(cycle) ? cycle.split('.').map(Number) : undefined;
}

export function isSupported(line: ReleaseLine, now: Date): boolean {
	return reached(line.eol, now) === false && (typeof line.released !== 'string' || reached(line.released, now) === true);
}

/** True when a date (or flag) has come at `now`; false when not (or never). */
export function reached(value: DateOrFlag | undefined, now: Date): boolean {
	if (value === true) return true;
	if (typeof value !== 'string') return false;
	return daysUntil(value, now) <= 0;
}

export function isLts(line: ReleaseLine, now: Date): boolean {
	return line.lts === true || (typeof line.lts === 'string' && reached(line.lts, now));
}

/** Supported lines at `now`, newest first (the dataset's order). */
export function supportedLines(product: Product, now: Date): ReleaseLine[] {
	return product.releases.filter(r => isSupported(r, now));
}

export interface VariantDistribution {
	distribution: Distribution;
	line: ReleaseLine;
	/** The word in the variant as written (`bullseye`, `alpine3.16`, `alpine-3.16`). */
	word: string;
	/** Rebuilds the variant with another release of the distribution. */
	replace(with_: ReleaseLine): string | undefined;
}

/** The distribution release a tag variant names (`slim-bullseye` -> Debian 11), if any. */
export function variantDistribution(dataset: LifecycleDataset, variant: string): VariantDistribution | undefined {
	if (!variant) return undefined;
	const words = variant.split('-');
	for (const distribution of dataset.distributions) {
		const product = dataset.products[distribution.product];
		if (!product) continue;
		for (let i = 0; i < words.length; i++) {
			const spelling = distribution.spelling;
			if (spelling === 'codename') {
				// Releases before 2014 never shipped as official-image variants, and their codenames
				// (`bo`, `rex`, `edgy`, `precise`) are too likely to be ordinary words in a variant.
				const line = product.releases.find(r => r.codename === words[i] && (r.released ?? '') >= CODENAME_VARIANTS_SINCE);
				if (line) return match(distribution, line, words, i, 1, r => r.codename);
			} else {
				// `alpine3.20`, or Temurin's `alpine-3.20`.
				const glued = words[i].startsWith(spelling.prefix) ? words[i].slice(spelling.prefix.length) : undefined;
				const cycle = glued || (words[i] === spelling.prefix ? words[i + 1] : undefined);
				const line = cycle ? product.releases.find(r => r.cycle === cycle) : undefined;
				if (line) {
					const separate = !glued;
					return match(distribution, line, words, i, separate ? 2 : 1, r => separate ? `${spelling.prefix}-${r.cycle}` : `${spelling.prefix}${r.cycle}`);
				}
			}
		}
	}
	return undefined;
}

function match(distribution: Distribution, line: ReleaseLine, words: string[], index: number, count: number, spell: (r: ReleaseLine) => string | undefined): VariantDistribution {
	return {
		distribution,
		line,
		word: words.slice(index, index + count).join('-'),
		replace(other) {
			const word = spell(other);
			if (!word) return undefined;
			return [...words.slice(0, index), word, ...words.slice(index + count)].join('-');
		},
	};
}

/** `Python 3.12`, `Node.js 20`, `Debian 12 (bookworm)`. */
export function lineName(product: Product, line: ReleaseLine): string {
	return `${product.title} ${line.cycle}${line.codename && line.codename !== line.cycle ? ` (${line.codename})` : ''}`;
}

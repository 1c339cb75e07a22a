// Whether an endoflife.date answer can be believed before it replaces data that works. A mirror
// or proxy that answers `releases: []` (or a handful of lines) for every product would otherwise
// switch every end-of-life check off without a word.
import type { Product } from '../core/lifecycle/dataset';

/** Why `product` cannot replace `known` (the data in use for that id), or undefined when it can. */
export function implausibility(product: Product, known: Product | undefined): string | undefined {
	const cycles = product.releases.map(r => r.cycle);
	if (new Set(cycles).size !== cycles.length) return 'answered the same release line twice';
	if (!known?.releases.length) return undefined;
	const had = known.releases.length;
	if (!product.releases.length) return `answered no release lines (the data in use has ${had})`;
	// endoflife.date adds release lines and rarely drops one; losing half of them is a broken answer.
	if (product.releases.length * 2 < had) return `answered ${product.releases.length} release line${product.releases.length === 1 ? '' : 's'} where the data in use has ${had}`;
	const answered = new Set(cycles);
	if (!known.releases.some(r => answered.has(r.cycle))) return 'answered none of the release lines the data in use has';
	return undefined;
}

/** More than this share of the answers implausible: the API itself is broken, nothing is used. */
export const MAX_IMPLAUSIBLE_SHARE = 0.5;

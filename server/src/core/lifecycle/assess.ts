// One FROM image judged against the lifecycle data: its release line and status at `now`, whether
// the official image still builds the tag, and the tags worth moving to. Rules, hovers and
// "bump all" read this; nothing here guesses a tag that is not published.
import type { AnalysisOptions } from '../options';
import type { ImageReference } from '../image/reference';
import { parseTag, pickBump, hasVersion, compareVersions, isCompatible, type TagVersion } from '../image/tagVersion';
import { datasetFor, type LifecycleDataset, type Product, type ReleaseLine } from './dataset';
import { mappedLine } from './imageMapping';
import { isHealthy } from './phase';
import { builtByTagList } from './tagList';
import {
	cycleNumbers, imageData, isLts, isSupported, lineStatus, reached, releaseLineOf, supportedLines, variantDistribution,
	type ImageData, type LineMatch, type LineStatus, type VariantDistribution,
} from './lookup';

export interface Candidate {
	tag: string;
	line: ReleaseLine;
	kind: 'patch' | 'line' | 'lts' | 'distribution';
	/** Set when the candidate also moves the distribution in the variant (labelled as such). */
	distribution?: { name: string; from: ReleaseLine; to: ReleaseLine };
}

export interface Assessment {
	ref: ImageReference;
	image: ImageData;
	/** The tag as written, `latest` when none. */
	tag: TagVersion;
	/** Registry key (`docker.io/library/python`), as RegistryFacts expects. */
	repository: string;
	/** Where bump candidates come from: the live tag list when online, else the bundled still-built list. */
	published: readonly string[];
	publishedFrom: 'registry' | 'bundled';
	/** False when the bundled data says the official image no longer builds this tag (PL104). */
	stillBuilt: boolean | 'unknown';
	product?: Product;
	match?: LineMatch;
	status?: LineStatus;
	latestPatch?: Candidate;
	newestLine?: Candidate;
	newestLts?: Candidate;
	distro?: {
		found: VariantDistribution;
		status: LineStatus;
		/** Same line, variant moved to a supported release of the distribution. */
		move?: Candidate;
		/** When the line itself is not built on a supported release: the newest line that is. */
		moveWithNewerLine?: Candidate;
		/** The variant moved together with a newer line (LTS first), when the variant's OS is not healthy. */
		lineMove?: Candidate;
		isProductItself: boolean;
	};
	/** When the data was true: snapshot date, or the live lookup time. */
	asOf: { dataset: string; registry?: Date };
	dataset: LifecycleDataset;
}

export function repositoryKey(ref: Pick<ImageReference, 'registry' | 'path'>): string {
	return `${ref.registry}/${ref.path}`;
}

export function assessImage(ref: ImageReference, options: AnalysisOptions, dataset: LifecycleDataset = datasetFor(options)): Assessment | undefined {
	const image = imageData(dataset, ref, options.lifecycleImages);
	if (!image) return undefined;
	const tag = parseTag(ref.tag ?? 'latest');
	const repository = repositoryKey(ref);
	const live = options.offline ? undefined : options.registryFacts?.tags(repository);
	const published = live ?? image.entry.tags;
	const now = options.now;
	const assessment: Assessment = {
		ref, image, tag, repository, published,
		publishedFrom: live ? 'registry' : 'bundled',
		stillBuilt: 'unknown',
		product: image.product,
		asOf: { dataset: dataset.sources.officialImages.date, ...(live && options.registryFacts ? { registry: options.registryFacts.fetchedAt } : {}) },
		dataset,
	};
	const product = image.product;
	if (product) {
		assessment.match = image.mapping ? mappedLine(image.mapping, product, ref) : releaseLineOf(product, tag);
		if (assessment.match) assessment.status = lineStatus(assessment.match.line, now, options.eolWarningDays, image.productId);
	}
	const found = variantDistribution(dataset, tag.variant);
	if (found) {
		const isProductItself = found.distribution.product === image.productId;
		assessment.distro = { found, status: lineStatus(found.line, now, options.eolWarningDays, found.distribution.product), isProductItself };
	}
	assessment.stillBuilt = stillBuilt(assessment, dataset);
	if (product && assessment.match) addCandidates(assessment, product, assessment.match, now);
	if (!hasVersion(tag) && assessment.distro && !assessment.distro.isProductItself) assessment.distro.move = floatingDistributionMove(assessment, now);
	return assessment;
}

function addCandidates(a: Assessment, product: Product, match: LineMatch, now: Date): void {
	const current = match.line;
	const cur = cycleNumbers(current.cycle);
	if (hasVersion(a.tag) && !a.tag.codename && cur) {
		const patch = pickBump(a.tag, a.published, { line: cur });
		if (patch && match.pinsPatch) a.latestPatch = { tag: patch, line: current, kind: 'patch' };
		const newer = supportedLines(product, now).filter(l => {
			const n = cycleNumbers(l.cycle);
			return n && compareNumbers(n, cur) > 0;
		});
		a.newestLine = firstCandidate(a, newer, 'line', now);
		if (product.releases.some(r => r.lts !== undefined)) a.newestLts = firstCandidate(a, newer.filter(l => isLts(l, now)), 'lts', now);
		if (a.distro && !a.distro.isProductItself && !isHealthy(a.distro.status)) a.distro.lineMove = combinedMove(a, newer, now);
		if (a.distro && !a.distro.isProductItself) {
			a.distro.move = distributionMove(a, current, cur, now);
			if (!a.distro.move) {
				for (const line of newer) {
					const moved = distributionMove(a, line, cycleNumbers(line.cycle)!, now);
					if (moved) {
						a.distro.moveWithNewerLine = { ...moved, kind: 'line' };
						break;
					}
				}
			}
		}
	} else if (!hasVersion(a.tag) || a.tag.codename) {
		// Dated codename builds (`jammy-20240530`): a newer build of the same codename is the patch.
		if (a.tag.codename) {
			const patch = pickBump(a.tag, a.published, {});
			if (patch) a.latestPatch = { tag: patch, line: current, kind: 'patch' };
		}
		// Codename tags (`bookworm-slim`, `jammy`, `jammy-20240530`): newer lines are other codenames.
		const newer = supportedLines(product, now).filter(l => l.codename && l !== current && isNewerLine(product, l, current));
		a.newestLine = codenameCandidate(a, newer, 'line');
		if (product.releases.some(r => r.lts !== undefined)) a.newestLts = codenameCandidate(a, newer.filter(l => isLts(l, now)), 'lts');
	}
	if (a.newestLts && a.newestLine && a.newestLts.tag === a.newestLine.tag) a.newestLine = undefined;
}

function firstCandidate(a: Assessment, lines: ReleaseLine[], kind: 'line' | 'lts', now: Date): Candidate | undefined {
	for (const line of lines) {
		const tag = pickBump(a.tag, a.published, { line: cycleNumbers(line.cycle) });
		if (tag) return { tag, line, kind };
	}
	// The variant's distribution release may not be built for newer lines: offer the move, labelled.
	if (a.distro && !a.distro.isProductItself) {
		for (const line of lines) {
			const moved = distributionMove(a, line, cycleNumbers(line.cycle)!, now);
			if (moved) return { ...moved, kind };
		}
	}
	return undefined;
}

function codenameCandidate(a: Assessment, lines: ReleaseLine[], kind: 'line' | 'lts'): Candidate | undefined {
	const words = (a.tag.codename ? a.tag.variant : a.tag.variant.split('-').slice(1).join('-'));
	for (const line of lines) {
		let tag: string | undefined;
		if (a.tag.codename) {
			tag = pickBump({ ...a.tag, codename: line.codename, release: [0] }, a.published, {});
		} else {
			const wanted = words ? `${line.codename}-${words}` : line.codename!;
			tag = a.published.includes(wanted) ? wanted : undefined;
		}
		if (tag) return { tag, line, kind };
	}
	return undefined;
}

/** A variant on an unhealthy OS release moved together with the line (LTS first): one bump settles both. */
function combinedMove(a: Assessment, newer: ReleaseLine[], now: Date): Candidate | undefined {
	for (const [lines, kind] of [[newer.filter(l => isLts(l, now)), 'lts'], [newer, 'line']] as const) {
		for (const line of lines) {
			const moved = distributionMove(a, line, cycleNumbers(line.cycle)!, now);
			if (moved) return { ...moved, kind };
		}
	}
	return undefined;
}

/** Same product line, variant moved to the newest supported (and not nearing EOL) distribution release. */
function distributionMove(a: Assessment, line: ReleaseLine, lineNumbers: number[], now: Date): Candidate | undefined {
	const distro = a.distro!;
	const product = a.dataset.products[distro.found.distribution.product];
	if (!product) return undefined;
	const targets = product.releases.filter(r => r !== distro.found.line && isSupported(r, now) && isNewerLine(product, r, distro.found.line));
	for (const target of targets) {
		const variant = distro.found.replace(target);
		if (variant === undefined) continue;
		const tag = pickBump(a.tag, a.published, { line: lineNumbers, variant });
		if (tag) return { tag, line, kind: 'distribution', distribution: { name: distro.found.distribution.name, from: distro.found.line, to: target } };
	}
	return undefined;
}

/** `node:bookworm-slim` -> `node:trixie-slim`: floating tags move by their variant alone. */
function floatingDistributionMove(a: Assessment, now: Date): Candidate | undefined {
	const distro = a.distro!;
	const product = a.dataset.products[distro.found.distribution.product];
	if (!product) return undefined;
	for (const target of product.releases.filter(r => isSupported(r, now) && isNewerLine(product, r, distro.found.line))) {
		const tag = distro.found.replace(target);
		if (tag && a.published.includes(tag)) {
			return { tag, line: target, kind: 'distribution', distribution: { name: distro.found.distribution.name, from: distro.found.line, to: target } };
		}
	}
	return undefined;
}

function isNewerLine(product: Product, a: ReleaseLine, b: ReleaseLine): boolean {
	// endoflife.date lists releases newest first.
	return product.releases.indexOf(a) < product.releases.indexOf(b);
}

/**
 * Whether the official image still builds the tag. Only says "no" when the snapshot would have
 * listed the tag if it were built: a newer patch of its line is built, its line was out before
 * the snapshot yet nothing of it is built, or it names a distribution release that predates the
 * snapshot. A tag published after the snapshot is never called stale.
 */
function stillBuilt(a: Assessment, dataset: LifecycleDataset): boolean | 'unknown' {
	// No tag list is bundled for images mapped by pattern: nothing to compare with.
	if (a.image.mapping) return 'unknown';
	const built = a.image.entry.tags;
	if (built.includes(a.tag.tag)) return true;
	const snapshot = new Date(`${dataset.sources.officialImages.date}T00:00:00Z`);
	if (a.match && hasVersion(a.tag) && !a.tag.codename) {
		const prefix = cycleNumbers(a.match.line.cycle);
		const sameLine = built.map(parseTag).filter(v => prefix && v.release.length >= prefix.length && prefix.every((n, i) => v.release[i] === n));
		if (sameLine.length === 0) return a.match.line.released && reached(a.match.line.released, snapshot) ? false : 'unknown';
		const shaped = sameLine.filter(v => v.release.length === a.tag.release.length);
		if (shaped.some(v => compareVersions({ ...v, variant: '', prerelease: '' }, { ...a.tag, variant: '', prerelease: '' }) >= 0)) return false;
		return 'unknown';
	}
	if (a.distro && a.distro.found.line.released && reached(a.distro.found.line.released, snapshot)) return false;
	if (a.match && !a.match.pinsPatch && a.match.line.released && reached(a.match.line.released, snapshot)) return false;
	// No release line says more: the tag list alone (a deprecated image builds none of its old tags).
	if (a.image.entry.deprecated && !a.match) return false;
	return a.match ? 'unknown' : builtByTagList(a.tag, built);
}

function compareNumbers(a: readonly number[], b: readonly number[]): number {
	for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
	return a.length - b.length;
}

/** The newest supported line's most specific built tag with `variant` (for DL3006/DL3007 fixes). */
export function currentExplicitTag(ref: ImageReference, options: AnalysisOptions, variant = '', dataset: LifecycleDataset = datasetFor(options)): Candidate | undefined {
	const image = imageData(dataset, ref, options.lifecycleImages);
	if (!image?.product || image.mapping) return undefined;
	const live = options.offline ? undefined : options.registryFacts?.tags(repositoryKey(ref));
	const published = (live ?? image.entry.tags).map(parseTag).filter(v => hasVersion(v) && !v.codename && !v.prerelease && v.variant === variant);
	for (const line of supportedLines(image.product, options.now)) {
		const prefix = cycleNumbers(line.cycle);
		if (!prefix) continue;
		let best: TagVersion | undefined;
		for (const v of published) {
			if (v.release.length < prefix.length || !prefix.every((n, i) => v.release[i] === n)) continue;
			if (!best || v.release.length > best.release.length || (v.release.length === best.release.length && isCompatible(v, best) && compareVersions(v, best) > 0)) best = v;
		}
		if (best) return { tag: best.tag, line, kind: 'line' };
	}
	return undefined;
}

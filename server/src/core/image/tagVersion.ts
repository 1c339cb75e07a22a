// Image tags as versions: `3.12.1-slim-bookworm` is version 3.12.1 with variant `slim-bookworm`.
// Ordering follows Renovate's docker versioning (lib/modules/versioning/docker) so users see the
// same "newer" as their update bot; Java update tags (`8u402-b06`), Temurin builds (`21.0.4_7`)
// and dated codename tags (`jammy-20240530`) are understood on top.
import { compareOrdinal } from '../compare';

export interface TagVersion {
	tag: string;
	/** The version as written: `3.12.1`, `8u402-b06`, `20240530`; empty when the tag has none. */
	version: string;
	/** Numeric components: [3, 12, 1]; [8, 402, 6] for `8u402-b06`; [] when the tag has no version. */
	release: number[];
	/** Pre-release marker: `rc1` in `3.15.0rc1`, `rc` in `3.15-rc-slim`; empty when stable. */
	prerelease: string;
	/** Everything that is not the version: `slim-bookworm`, `alpine3.20`, `jre`, or the whole tag. */
	variant: string;
	/** Codename before a dated build: `jammy` in `jammy-20240530`, `bookworm` in `bookworm-20240701-slim`. */
	codename?: string;
}

const JAVA_UPDATE = /^(\d+)u(\d+)(?:-b(\d+))?(?:-(.+))?$/;
const TEMURIN_BUILD = /^(\d+(?:\.\d+)*)_(\d+)(?:-(.+))?$/;
const DATED = /^([a-z][a-z0-9]*)-(\d{8}(?:\.\d+)?)(?:-(.+))?$/;
const NUMERIC = /^v?(\d+(?:\.\d+)*)([A-Za-z]\w*)?$/;
const COMMIT_HASH = /^[a-f0-9]{7,40}$/;
/** A variant that starts with one of these is a pre-release (`3.15-rc-slim`, `4.0.0-rc-5-x`). */
const PRERELEASE_WORD = /^(rc|alpha|beta|preview|dev|snapshot)(?:-?(\d+))?(?=-|$)-?/i;
const UNSTABLE_WORD = /(?:^|-)(?:snapshot|rc\d*|alpha\d*|beta\d*|preview|nightly)(?:-|$)/i;

// Tag lists are compared against many times per file; parsing is memoised (bounded). The
// results are shared: callers copy (`{ ...v }`) instead of mutating.
const parsedTags = new Map<string, TagVersion>();
const PARSE_CACHE_LIMIT = 50_000;

export function parseTag(tag: string): TagVersion {
	let v = parsedTags.get(tag);
	if (!v) {
		if (parsedTags.size >= PARSE_CACHE_LIMIT) parsedTags.clear();
		v = Object.freeze(parseTagUncached(tag));
		parsedTags.set(tag, v);
	}
	return v;
}

function parseTagUncached(tag: string): TagVersion {
	let m = JAVA_UPDATE.exec(tag);
	if (m) {
		const release = [Number(m[1]), Number(m[2]), ...(m[3] ? [Number(m[3])] : [])];
		const version = m[3] ? `${m[1]}u${m[2]}-b${m[3]}` : `${m[1]}u${m[2]}`;
		return { tag, version, release, prerelease: '', variant: m[4] ?? '' };
	}
	m = TEMURIN_BUILD.exec(tag);
	if (m) {
		return { tag, version: `${m[1]}_${m[2]}`, release: [...m[1].split('.').map(Number), Number(m[2])], prerelease: '', variant: m[3] ?? '' };
	}
	m = DATED.exec(tag);
	if (m) {
		return { tag, version: m[2], release: m[2].split('.').map(Number), prerelease: '', variant: m[3] ?? '', codename: m[1] };
	}
	const dash = tag.indexOf('-');
	const head = dash < 0 ? tag : tag.slice(0, dash);
	let variant = dash < 0 ? '' : tag.slice(dash + 1);
	m = NUMERIC.exec(head);
	// Renovate: a commit hash is not a version, unless it is all digits.
	if (!m || (COMMIT_HASH.test(head) && !/^\d+$/.test(head))) {
		return { tag, version: '', release: [], prerelease: '', variant: tag };
	}
	let prerelease = m[2] ?? '';
	const word = PRERELEASE_WORD.exec(variant);
	if (!prerelease && word) {
		prerelease = word[0].replace(/-$/, '');
		variant = variant.slice(word[0].length);
	}
	const version = head.replace(/^v/, '');
	return { tag, version: m[2] ? version.slice(0, -m[2].length) : version, release: m[1].split('.').map(Number), prerelease, variant };
}

export function hasVersion(v: TagVersion): boolean {
	return v.release.length > 0;
}

/** Stable: a version without pre-release marker, and no SNAPSHOT/rc/beta word in its variant. */
export function isStable(v: TagVersion): boolean {
	return !v.prerelease && !UNSTABLE_WORD.test(v.variant);
}

/**
 * Renovate's order: numeric components first (a shorter, floating version is bigger: `2.1` >
 * `2.1.1`), then stable above pre-release, then variants in reverse alphabetical order.
 */
export function compareVersions(a: TagVersion, b: TagVersion): number {
	const length = Math.max(a.release.length, b.release.length);
	for (let i = 0; i < length; i++) {
		const x = a.release[i];
		const y = b.release[i];
		if (x === undefined) return 1;
		if (y === undefined) return -1;
		if (x !== y) return x - y;
	}
	if (a.prerelease !== b.prerelease) {
		if (!a.prerelease) return 1;
		if (!b.prerelease) return -1;
		return compareOrdinal(a.prerelease, b.prerelease);
	}
	return compareOrdinal(b.variant, a.variant);
}

export function compareTags(a: string, b: string): number {
	return compareVersions(parseTag(a), parseTag(b));
}

/** Same shape: same variant (and codename) and the same number of version components. */
export function isCompatible(candidate: TagVersion, current: TagVersion): boolean {
	return hasVersion(candidate) && hasVersion(current)
		&& candidate.variant === current.variant
		&& candidate.codename === current.codename
		&& candidate.release.length === current.release.length;
}

/** True when `v`'s version starts with `prefix` component-wise (`3.12.1` is in line `3.12`). */
export function inLine(v: TagVersion, prefix: readonly number[]): boolean {
	return prefix.length <= v.release.length && prefix.every((n, i) => v.release[i] === n);
}

export interface BumpQuery {
	/** Only candidates whose version starts with these components (the release line). */
	line?: readonly number[];
	/** Replace the variant the candidate must have (a distribution move); default: keep it. */
	variant?: string;
	/** Accept pre-releases (only when the current tag is one). Default: stable only. */
	allowPrerelease?: boolean;
}

/**
 * The newest tag in `published` that is compatible with `current` (same variant unless the query
 * names another, same precision), within `line` when given, and newer than `current` (or equal in
 * version when only the variant changes). Undefined when nothing qualifies: we never invent tags.
 */
export function pickBump(current: string | TagVersion, published: Iterable<string>, query: BumpQuery = {}): string | undefined {
	const cur = typeof current === 'string' ? parseTag(current) : current;
	if (!hasVersion(cur)) return undefined;
	const wanted: TagVersion = query.variant === undefined ? cur : { ...cur, variant: query.variant };
	const allowPre = query.allowPrerelease ?? !isStable(cur);
	let best: TagVersion | undefined;
	for (const tag of published) {
		const v = parseTag(tag);
		if (!isCompatible(v, wanted)) continue;
		if (!allowPre && !isStable(v)) continue;
		if (query.line && !inLine(v, query.line)) continue;
		const order = compareNumbers(v.release, cur.release);
		if (order < 0 || (order === 0 && query.variant === undefined)) continue;
		if (!best || compareVersions(v, best) > 0) best = v;
	}
	return best?.tag;
}

function compareNumbers(a: readonly number[], b: readonly number[]): number {
	for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
	return a.length - b.length;
}

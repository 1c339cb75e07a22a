// What an official image's tag list says on its own, for images (or tags) that no release line of
// the lifecycle data covers: `nginx:1.17.1`, `busybox:1.30.1`, and deprecated images (`openjdk`).
import { compareVersions, hasVersion, isStable, parseTag, pickBump, type TagVersion } from '../image/tagVersion';
import type { ImageEntry } from './dataset';

/**
 * False when the tag is missing from the built list although a newer stable version of the same
 * major and shape is in it: the tag predates the snapshot, so it was built once and no longer is.
 * A tag newer than everything listed may simply postdate the snapshot: 'unknown', never stale.
 */
export function builtByTagList(tag: TagVersion, built: readonly string[]): boolean | 'unknown' {
	if (built.includes(tag.tag)) return true;
	if (!hasVersion(tag) || tag.codename || !isStable(tag)) return 'unknown';
	const newer = built.map(parseTag).some(v => isStable(v) && v.release.length === tag.release.length && v.release[0] === tag.release[0]
		&& compareVersions({ ...v, variant: '', prerelease: '' }, { ...tag, variant: '', prerelease: '' }) > 0);
	return newer ? false : 'unknown';
}

/** The newest built tag of the same major, variant and shape: where a stale tag moves (`1.17.1` -> `1.30.1`). */
export function newestBuiltOfMajor(tag: TagVersion, built: readonly string[]): string | undefined {
	return hasVersion(tag) ? pickBump(tag, built, { line: [tag.release[0]] }) : undefined;
}

/** The sentence PL104 adds for a deprecated official image. */
export function deprecationNotice(image: string, entry: ImageEntry): string | undefined {
	const d = entry.deprecated;
	if (!d) return undefined;
	return ` The official \`${image}\` image was deprecated ${d.note}; maintained official images: ${d.successors.map(s => `\`${s}\``).join(', ')}.`;
}

// A repository's tag list, page by page (`Link: <…>; rel="next"`), within limits on tags, bytes and
// pages in total: past any of them the list is `truncated` — said, and not used, so no tag is
// judged missing from a partial list. Tags are checked against the OCI grammar like every other
// registry value; pages are appended without spreading (a 200k-tag page must not hit the stack).
import { isTag } from '../core/image/grammar';
import type { HttpResponse } from './http';
import { fail, ok, type Result } from './result';

export interface TagLimits {
	/** Tags kept in total. */
	maxTags: number;
	/** Bytes of tag-list pages read in total. */
	maxBytes: number;
	maxPages: number;
}

/** Docker Hub's largest official repositories hold a few thousand tags; these leave room for 10×. */
export const DEFAULT_TAG_LIMITS: TagLimits = { maxTags: 50_000, maxBytes: 4 * 1024 * 1024, maxPages: 1000 };

/** Fetches one page, reading at most `maxBytes` of its body. */
export type PageFetch = (url: URL, maxBytes: number) => Promise<Result<HttpResponse>>;

export async function collectTags(first: URL, fetchPage: PageFetch, limits: TagLimits, what: string): Promise<Result<string[]>> {
	const tags: string[] = [];
	const seen = new Set<string>();
	let bytes = 0;
	let url: URL | undefined = first;
	for (let page = 0; url; page++) {
		if (page >= limits.maxPages) return cut(what, `${limits.maxPages} pages`);
		seen.add(url.href);
		const response = await fetchPage(url, limits.maxBytes - bytes);
		// One page over the whole budget is a registry flooding us (a real page of 1,000 tags is
		// tens of KB): `too-large` opens the breaker. Later pages over it: a huge repository.
		if (!response.ok) return response.error.kind === 'too-large' && page > 0 ? cut(what, `${limits.maxBytes} bytes`) : response;
		bytes += response.value.body.length;
		const parsed = parsePage(response.value, limits.maxTags - tags.length, what);
		if (!parsed.ok) return parsed;
		if (parsed.value === 'over') return cut(what, `${limits.maxTags} tags`);
		for (const tag of parsed.value) tags.push(tag);
		if (tags.length > limits.maxTags) return cut(what, `${limits.maxTags} tags`);
		const next = nextLink(response.value.headers.get('link'), response.value.url);
		// A next page on another origin would receive our token: stop instead.
		url = next && next.origin === first.origin && !seen.has(next.href) ? next : undefined;
	}
	return ok([...new Set(tags)]);
}

function cut(what: string, limit: string): Result<never> {
	return fail('truncated', `${what}: tag list cut at ${limit} (more than Patchlens reads); its tags are not used`);
}

/** The page's tags, 'over' when it holds more than `room` (known before parsing: no strings built). */
function parsePage(response: HttpResponse, room: number, what: string): Result<readonly string[] | 'over'> {
	const { body, headers } = response;
	const type = headers.get('content-type') ?? '';
	if (!/\bjson\b/i.test(type)) return fail('malformed', `${what}: tag list came as ${type || 'no content type'}, not JSON`);
	// Each tag is a JSON string, two quotes; the name and keys add a few.
	if (countQuotes(body) > 2 * room + 16) return ok('over');
	let parsed: { tags?: unknown };
	try {
		parsed = JSON.parse(body.toString('utf8'));
	} catch {
		return fail('malformed', `${what}: tag list is not valid JSON`);
	}
	// distribution answers `"tags": null` for a repository whose tags were all deleted.
	if (parsed?.tags === null) return ok([]);
	if (!Array.isArray(parsed?.tags)) return fail('malformed', `${what}: tag list has no "tags" array`);
	if (!parsed.tags.every(isTag)) return fail('malformed', `${what}: tag list holds a value that is not a valid tag`);
	return ok(parsed.tags as string[]);
}

function countQuotes(body: Buffer): number {
	let count = 0;
	for (let at = body.indexOf(0x22); at >= 0; at = body.indexOf(0x22, at + 1)) count++;
	return count;
}

/** The `rel="next"` target of a Link header (RFC 8288), resolved against the request URL. */
export function nextLink(header: string | null, base: URL): URL | undefined {
	if (!header) return undefined;
	for (const part of header.split(/,(?=\s*<)/)) {
		const match = part.match(/^\s*<([^>]*)>(.*)$/);
		if (match && /;\s*rel="?next"?/i.test(match[2])) {
			try {
				return new URL(match[1], base);
			} catch {
				return undefined;
			}
		}
	}
	return undefined;
}

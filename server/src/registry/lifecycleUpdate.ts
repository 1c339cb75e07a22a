// Fresher lifecycle data: `patchlens update-data` fetches every product of the bundled dataset
// from endoflife.date's API (v1) into the user's cache; the server and the CLI merge that file
// over the bundled dataset at start-up (newer than the bundled snapshot only).
import { randomBytes } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { bundledDataset, type DateOrFlag, type LifecycleOverlay, type Product, type ReleaseLine } from '../core/lifecycle/dataset';
import { defaultCacheDir } from './cache';
import { runLimited } from './facts';
import { implausibility, MAX_IMPLAUSIBLE_SHARE } from './lifecyclePlausibility';
import { DEFAULT_POLICY, send, type HttpPolicy } from './http';
import { fail, ok, type RegistryError, type Result } from './result';

export const DEFAULT_EOL_API = 'https://endoflife.date/api/v1';
/** Overrides the API base URL (tests, mirrors). */
export const EOL_API_ENV = 'PATCHLENS_EOL_API';

export interface LifecycleOverlayFile {
	schema: 1;
	/** ISO timestamp of the update. */
	fetchedAt: string;
	source: string;
	products: Record<string, Product>;
}

/** `${XDG_CACHE_HOME:-~/.cache}/patchlens/lifecycle.json`, or `<cacheRoot>/lifecycle.json`. */
export function lifecycleOverlayPath(cacheRoot?: string, env: NodeJS.ProcessEnv = process.env): string {
	return path.join(cacheRoot ?? path.dirname(defaultCacheDir('registry', env)), 'lifecycle.json');
}

export interface UpdateOutcome {
	file: string;
	updated: string[];
	/** Products whose answer failed or was implausible; `kept` says which data stays in use for each. */
	failed: { product: string; message: string; kept: 'previous' | 'bundled' }[];
}

/**
 * Fetches every bundled product and checks each answer against the data in use (the previous
 * update, else the bundled data). A product that fails or looks implausible keeps the data in use;
 * when more than half of the answers look implausible, nothing is written. Writes atomically.
 */
/** The API base: an http(s) URL (the CLI checks it before any request, as a usage error). */
export function parseEolApi(text: string): Result<URL> {
	let url: URL;
	try {
		url = new URL(text.replace(/\/+$/, ''));
	} catch {
		return fail('malformed', `"${text}" is not a URL`);
	}
	return url.protocol === 'http:' || url.protocol === 'https:' ? ok(url) : fail('malformed', `"${text}" is not an http(s) URL`);
}

export async function updateLifecycleData(options: { api?: string; cacheRoot?: string; http?: Partial<HttpPolicy>; products?: string[] } = {}): Promise<Result<UpdateOutcome>> {
	const parsed = parseEolApi(options.api ?? process.env[EOL_API_ENV] ?? DEFAULT_EOL_API);
	if (!parsed.ok) return parsed;
	const base = parsed.value, api = base.href.replace(/\/+$/, '');
	const policy: HttpPolicy = { ...DEFAULT_POLICY, ...options.http };
	const ids = options.products ?? Object.keys(bundledDataset().products);
	const file = lifecycleOverlayPath(options.cacheRoot);
	const previous = loadLifecycleOverlay(file).overlay ?? {};
	const results = await runLimited(ids.map(id => () => fetchProduct(base, id, policy)), 4);
	const products: Record<string, Product> = {};
	const failed: UpdateOutcome['failed'] = [];
	let implausible = 0;
	results.forEach((result, i) => {
		const id = ids[i];
		const problem = result.ok ? implausibility(result.value, previous[id] ?? bundledDataset().products[id]) : result.error.message;
		if (result.ok && !problem) products[id] = result.value;
		else failed.push({ product: id, message: problem!, kept: previous[id] ? 'previous' : 'bundled' });
		if (result.ok && problem) implausible++;
		if (problem && previous[id]) products[id] = previous[id];
	});
	const answered = results.filter(r => r.ok).length;
	// Products the API does not have are kept one by one; answers that look wrong are a broken API.
	if (implausible && implausible > answered * MAX_IMPLAUSIBLE_SHARE) {
		const first = failed.find(f => results[ids.indexOf(f.product)].ok)!;
		return fail('malformed', `${implausible} of ${answered} answers from ${api} look implausible (${first.product}: ${first.message})`);
	}
	if (failed.length === ids.length) {
		const first = results.find((r): r is { ok: false; error: RegistryError } => !r.ok);
		return fail(first?.error.kind ?? 'not-found', `no product could be fetched from ${api}${failed[0] ? ` (${failed[0].product}: ${failed[0].message})` : ''}`);
	}
	const written = await writeOverlay(file, { schema: 1, fetchedAt: new Date().toISOString(), source: api, products });
	return written.ok ? ok({ file, updated: ids.filter(id => !failed.some(f => f.product === id)), failed }) : written;
}

async function writeOverlay(file: string, content: LifecycleOverlayFile): Promise<Result<void>> {
	const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
	try {
		await fs.mkdir(path.dirname(file), { recursive: true });
		await fs.writeFile(temp, JSON.stringify(content));
		await fs.rename(temp, file);
		return ok(undefined);
	} catch (error) {
		await fs.rm(temp, { force: true }).catch(() => undefined);
		return fail('server', `cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`);
	}
}

async function fetchProduct(base: URL, id: string, policy: HttpPolicy): Promise<Result<Product>> {
	const url = new URL(`${base.pathname.replace(/\/+$/, '')}/products/${encodeURIComponent(id)}`, base);
	const response = await send({ method: 'GET', url, headers: { accept: 'application/json', 'user-agent': 'patchlens' } }, policy);
	if (!response.ok) return response;
	const { status, body, headers } = response.value;
	if (status === 404) return fail('not-found', 'not found', status);
	if (status !== 200) return fail('server', `answered ${status}`, status);
	if (!/\bjson\b/i.test(headers.get('content-type') ?? '')) return fail('malformed', `answered ${headers.get('content-type') || 'no content type'}, not JSON`);
	try {
		return toProduct(JSON.parse(body.toString('utf8')));
	} catch {
		return fail('malformed', 'answered invalid JSON');
	}
}

interface ApiRelease {
	name?: unknown; codename?: unknown; releaseDate?: unknown;
	isLts?: unknown; ltsFrom?: unknown; isEoas?: unknown; eoasFrom?: unknown;
	isEol?: unknown; eolFrom?: unknown; isEoes?: unknown; eoesFrom?: unknown;
	latest?: { name?: unknown; date?: unknown } | null;
}

/** endoflife.date API v1 `result` → the dataset's Product (the shape scripts/generate-lifecycle.ts writes). */
export function toProduct(answer: unknown): Result<Product> {
	const result = (answer as { result?: { label?: unknown; releases?: unknown } } | null)?.result;
	if (!result || !Array.isArray(result.releases)) return fail('malformed', 'answered without result.releases');
	const releases: ReleaseLine[] = [];
	for (const r of result.releases as ApiRelease[]) {
		if (!r || typeof r.name !== 'string') return fail('malformed', 'answered a release without a name');
		const line: ReleaseLine = { cycle: r.name, eol: dateOrFlag(r.eolFrom, r.isEol) ?? false };
		if (typeof r.codename === 'string' && r.codename.trim()) line.codename = r.codename.trim().split(/\s+/)[0].toLowerCase();
		if (isDate(r.releaseDate)) line.released = r.releaseDate;
		const eoas = dateOrFlag(r.eoasFrom, r.isEoas);
		if (eoas !== undefined) line.eoas = eoas;
		const eoes = dateOrFlag(r.eoesFrom, r.isEoes);
		if (eoes !== undefined) line.eoes = eoes;
		// The dataset leaves `lts` out for lines that are not LTS.
		if (isDate(r.ltsFrom)) line.lts = r.ltsFrom;
		else if (r.isLts === true) line.lts = true;
		if (r.latest && typeof r.latest.name === 'string') line.latest = r.latest.name;
		if (r.latest && isDate(r.latest.date)) line.latestDate = r.latest.date;
		releases.push(line);
	}
	return ok({ title: typeof result.label === 'string' ? result.label : '', releases });
}

function isDate(value: unknown): value is string {
	return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
}

/** A date when one is stated, else the flag; undefined when neither is. */
function dateOrFlag(date: unknown, flag: unknown): DateOrFlag | undefined {
	if (isDate(date)) return date;
	return typeof flag === 'boolean' ? flag : undefined;
}

export interface LoadedOverlay {
	/** The products to pass as `lifecycleOverlay`; absent when there is no usable file. */
	overlay?: LifecycleOverlay;
	/** A sentence for the log: what is used, or why the file is ignored. */
	note?: string;
}

/**
 * Reads the user's overlay file (plain data: the caller passes it to every analysis as
 * `lifecycleOverlay`). Ignored, with a reason, when it is broken or older than the bundled snapshot.
 */
export function loadLifecycleOverlay(file = lifecycleOverlayPath()): LoadedOverlay {
	let content: LifecycleOverlayFile;
	try {
		content = JSON.parse(readFileSync(file, 'utf8'));
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
		return { note: `ignoring ${file}: not readable JSON (run patchlens update-data again)` };
	}
	if (!isOverlayFile(content)) return { note: `ignoring ${file}: unexpected content (run patchlens update-data again)` };
	const bundledDate = bundledDataset().sources.endoflife.date;
	if (content.fetchedAt.slice(0, 10) < bundledDate) {
		return { note: `ignoring ${file}: older (${content.fetchedAt.slice(0, 10)}) than the bundled data (${bundledDate})` };
	}
	// Titles come from the bundled set when the API gave none.
	const overlay = Object.fromEntries(Object.entries(content.products).map(([id, p]) =>
		[id, { ...p, title: p.title || bundledDataset().products[id]?.title || id }]));
	return { overlay, note: `lifecycle data of ${Object.keys(overlay).length} products from ${file} (updated ${content.fetchedAt.slice(0, 10)})` };
}

/** The shape the rules rely on, down to every release line: a broken file must not make them throw. */
function isOverlayFile(content: unknown): content is LifecycleOverlayFile {
	const file = content as Partial<LifecycleOverlayFile> | null;
	if (file?.schema !== 1 || typeof file.fetchedAt !== 'string' || !file.products || typeof file.products !== 'object') return false;
	return Object.values(file.products).every(p => !!p && typeof p === 'object' && Array.isArray(p.releases) && p.releases.every(isReleaseLine));
}

function isReleaseLine(line: unknown): boolean {
	const r = line as Partial<ReleaseLine> | null;
	const dateOrFlagOk = (v: unknown, optional: boolean) => (optional && v === undefined) || typeof v === 'boolean' || isDate(v);
	const text = (v: unknown) => v === undefined || typeof v === 'string';
	return !!r && typeof r === 'object' && typeof r.cycle === 'string' && dateOrFlagOk(r.eol, false)
		&& dateOrFlagOk(r.eoas, true) && dateOrFlagOk(r.eoes, true) && dateOrFlagOk(r.lts, true)
		&& text(r.codename) && (r.released === undefined || isDate(r.released)) && text(r.latest) && (r.latestDate === undefined || isDate(r.latestDate));
}

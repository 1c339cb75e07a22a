// `npm run data [-- --data DIR] [--out FILE] [--check]`: builds server/data/lifecycle.json from the
// endoflife.date and docker-library/official-images snapshots in DIR (default ../shared/data next
// to the repository). Deterministic: the same input gives a byte-identical file. `--check` compares
// instead of writing (exit 1 when the committed file is stale).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { DateOrFlag, ImageEntry, LifecycleDataset, Product, ReleaseLine } from '../server/src/core/lifecycle/dataset';
import { DEPRECATED_IMAGES } from './deprecated-images';
import type { ImageMapping } from '../server/src/core/lifecycle/imageMapping';
import { HAND_MAPPED_IMAGES, REGISTRY_IMAGES, VARIANT_DISTRIBUTIONS, VERSION_TAGGED_NAMESPACES } from './lifecycle-image-map';

export const REPO_ROOT = path.resolve(__dirname, '..');
export const DEFAULT_DATA_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'data');
export const DEFAULT_OUT = path.join(REPO_ROOT, 'server', 'data', 'lifecycle.json');

export class DataError extends Error {}

export function generateLifecycle(dataDir: string): { dataset: LifecycleDataset; text: string } {
	const eolDir = path.join(dataDir, 'endoflife');
	const libraryDir = path.join(dataDir, 'official-images', 'library');
	for (const dir of [eolDir, libraryDir]) if (!existsSync(dir)) throw new DataError(`missing ${dir}: is ${dataDir} the shared data folder?`);

	const readmePath = path.join(dataDir, 'README.md');
	const readme = existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : '';
	const sources = { endoflife: snapshotOf(readme, 'endoflife/'), officialImages: snapshotOf(readme, 'official-images/') };

	const rawProducts = new Map<string, Record<string, unknown>>();
	for (const file of readdirSync(eolDir).filter(f => f.endsWith('.yaml')).sort()) {
		rawProducts.set(file.replace(/\.yaml$/, ''), readFrontMatter(path.join(eolDir, file)));
	}
	const officialImages = readdirSync(libraryDir).filter(f => !f.startsWith('.')).sort();

	const imageProducts = mapImagesToProducts(rawProducts, officialImages);
	const registryImages = registryImageMappings(rawProducts);
	// Every product of the snapshot: a team's `lifecycleImages` may name any of them.
	const wantedProducts = new Set([...imageProducts.values(), ...VARIANT_DISTRIBUTIONS.map(d => d.product), ...registryImages.map(m => m.product), ...rawProducts.keys()]);
	const products: Record<string, Product> = {};
	for (const id of [...wantedProducts].sort()) {
		const raw = rawProducts.get(id);
		if (!raw) throw new DataError(`no endoflife/${id}.yaml for a mapped image or distribution`);
		products[id] = toProduct(id, raw);
	}
	const images: Record<string, ImageEntry> = {};
	for (const [image, product] of [...imageProducts].sort(([a], [b]) => compareStrings(a, b))) {
		images[image] = { product, tags: readBuiltTags(path.join(libraryDir, image)) };
	}
	addTagListImages(images, libraryDir, officialImages);
	addDeprecatedImages(images, new Set(officialImages));
	const dataset: LifecycleDataset = {
		schema: 1,
		sources,
		products,
		images,
		distributions: VARIANT_DISTRIBUTIONS.map(d => ({ product: d.product, name: d.name, spelling: d.spelling })),
		registryImages,
	};
	return { dataset, text: serialise(dataset) };
}

/**
 * Official images without lifecycle data still have tag lists: enough to tell a tag that is no longer
 * built (PL104, e.g. `busybox:1.30.1`). Added after the mapped ones, in name order.
 */
function addTagListImages(images: Record<string, ImageEntry>, libraryDir: string, officialImages: string[]): void {
	for (const image of officialImages) {
		if (!images[image]) images[image] = { tags: readBuiltTags(path.join(libraryDir, image)) };
	}
	sortKeys(images);
}

/** Deprecated official images: notice and successors; a removed image builds nothing (no tags). */
function addDeprecatedImages(images: Record<string, ImageEntry>, known: ReadonlySet<string>): void {
	for (const [image, { note, successors }] of Object.entries(DEPRECATED_IMAGES)) {
		const missing = successors.filter(s => !known.has(s));
		if (missing.length) throw new DataError(`deprecated-images: ${image}'s successors ${missing.join(', ')} are not official images in this snapshot`);
		images[image] = { ...(images[image] ?? { tags: [] }), deprecated: { note, successors: [...successors] } };
	}
	sortKeys(images);
}

function sortKeys(record: Record<string, unknown>): void {
	const entries = Object.entries(record).sort(([a], [b]) => compareStrings(a, b));
	for (const [key] of entries) delete record[key];
	for (const [key, value] of entries) record[key] = value;
}

function snapshotOf(readme: string, folder: string): { commit: string; date: string } {
	const line = readme.split('\n').find(l => l.includes(`| ${folder}`));
	const m = line && /commit ([0-9a-f]{40}), (\d{4}-\d{2}-\d{2})/.exec(line);
	if (!m) throw new DataError(`README.md names no snapshot commit and date for ${folder}`);
	return { commit: m[1], date: m[2] };
}

/** endoflife.date product files are YAML front matter; the failsafe schema keeps `3.10` a string. */
function readFrontMatter(file: string): Record<string, unknown> {
	let text = readFileSync(file, 'utf8');
	if (text.startsWith('---')) text = text.slice(3).split(/\n---\s*(?:\n|$)/)[0];
	const value = parseYaml(text, { schema: 'failsafe' }) as unknown;
	if (!value || typeof value !== 'object') throw new DataError(`${file}: not a YAML mapping`);
	return value as Record<string, unknown>;
}

function mapImagesToProducts(rawProducts: Map<string, Record<string, unknown>>, officialImages: string[]): Map<string, string> {
	const known = new Set(officialImages);
	const mapped = new Map<string, string>();
	for (const [id, raw] of rawProducts) {
		const identifiers = Array.isArray(raw.identifiers) ? raw.identifiers as Record<string, unknown>[] : [];
		for (const identifier of identifiers) {
			const m = typeof identifier?.purl === 'string' ? /^pkg:docker\/library\/([a-z0-9._-]+)$/.exec(identifier.purl) : null;
			if (!m || !known.has(m[1])) continue;
			const other = mapped.get(m[1]);
			if (other && other !== id) throw new DataError(`image ${m[1]} is claimed by both ${other} and ${id}`);
			mapped.set(m[1], id);
		}
	}
	for (const [image, product] of Object.entries(HAND_MAPPED_IMAGES)) {
		if (mapped.has(image)) throw new DataError(`lifecycle-image-map: ${image} already maps to ${mapped.get(image)} by purl; remove it from the table`);
		if (!known.has(image)) throw new DataError(`lifecycle-image-map: ${image} is not an official image in this snapshot`);
		if (!rawProducts.has(product)) throw new DataError(`lifecycle-image-map: no endoflife product ${product} (for ${image})`);
		mapped.set(image, product);
	}
	return mapped;
}

/**
 * Non-official images tied to products (issue 18): the reviewed REGISTRY_IMAGES table, then every
 * `pkg:docker/<namespace>/<name>` purl of a namespace that tags with the product version. Kept
 * apart from the official-image mapping so the two tables can change independently.
 */
export function registryImageMappings(rawProducts: Map<string, Record<string, unknown>>): ImageMapping[] {
	const out: ImageMapping[] = [];
	for (const entry of REGISTRY_IMAGES) {
		if (!rawProducts.has(entry.product)) throw new DataError(`lifecycle-image-map: REGISTRY_IMAGES names no endoflife product ${entry.product} (for ${entry.image})`);
		out.push({ ...entry });
	}
	const purled: ImageMapping[] = [];
	for (const [id, raw] of rawProducts) {
		const identifiers = Array.isArray(raw.identifiers) ? raw.identifiers as Record<string, unknown>[] : [];
		for (const identifier of identifiers) {
			const m = typeof identifier?.purl === 'string' ? /^pkg:docker\/([a-z0-9._-]+)\/([a-z0-9._-]+)$/.exec(identifier.purl) : null;
			if (m && VERSION_TAGGED_NAMESPACES.includes(m[1])) purled.push({ image: `docker.io/${m[1]}/${m[2]}`, product: id });
		}
	}
	purled.sort((a, b) => compareStrings(a.image, b.image));
	// Catch-all patterns (`**`, judged from the tag alone) go last: any specific entry wins.
	const specific = out.filter(m => m.image !== '**');
	return [...specific, ...purled, ...out.filter(m => m.image === '**')];
}

function toProduct(id: string, raw: Record<string, unknown>): Product {
	const releases = Array.isArray(raw.releases) ? raw.releases as Record<string, unknown>[] : [];
	return {
		title: typeof raw.title === 'string' ? raw.title : id,
		releases: releases.filter(r => typeof r?.releaseCycle === 'string').map(r => {
			const line: ReleaseLine = { cycle: r.releaseCycle as string, eol: dateOrFlag(r.eol) ?? false };
			if (typeof r.codename === 'string' && r.codename.trim()) line.codename = r.codename.trim().split(/\s+/)[0].toLowerCase();
			const released = dateOrFlag(r.releaseDate);
			if (typeof released === 'string') line.released = released;
			for (const [from, to] of [['eoas', 'eoas'], ['eoes', 'eoes'], ['lts', 'lts']] as const) {
				const v = dateOrFlag(r[from]);
				if (v !== undefined) line[to] = v;
			}
			if (typeof r.latest === 'string') line.latest = r.latest;
			if (typeof r.latestReleaseDate === 'string') line.latestDate = r.latestReleaseDate;
			return line;
		}),
	};
}

function dateOrFlag(value: unknown): DateOrFlag | undefined {
	if (value === 'true') return true;
	if (value === 'false') return false;
	if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
	return undefined;
}

/** `Tags:` and `SharedTags:` of every stanza (values may continue on indented lines). */
export function readBuiltTags(file: string): string[] {
	const tags = new Set<string>();
	let key = '';
	for (const line of readFileSync(file, 'utf8').split('\n')) {
		let value: string;
		const m = /^([A-Za-z]+):\s*(.*)$/.exec(line);
		if (m) {
			key = m[1];
			value = m[2];
		} else if (/^\s+\S/.test(line)) {
			value = line;
		} else {
			key = '';
			continue;
		}
		if (key !== 'Tags' && key !== 'SharedTags') continue;
		for (const tag of value.split(',').map(t => t.trim()).filter(Boolean)) tags.add(tag);
	}
	return [...tags].sort(compareStrings);
}

/** Code-unit order, independent of the machine's locale. */
function compareStrings(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Readable where it matters for review (one product release or image per line), compact elsewhere. */
export function serialise(dataset: LifecycleDataset): string {
	const lines = ['{'];
	lines.push(`\t"schema": ${dataset.schema},`);
	lines.push(`\t"sources": ${JSON.stringify(dataset.sources)},`);
	lines.push('\t"products": {');
	const products = Object.entries(dataset.products);
	products.forEach(([id, p], i) => {
		lines.push(`\t\t${JSON.stringify(id)}: {"title": ${JSON.stringify(p.title)}, "releases": [`);
		p.releases.forEach((r, j) => lines.push(`\t\t\t${JSON.stringify(r)}${j < p.releases.length - 1 ? ',' : ''}`));
		lines.push(`\t\t]}${i < products.length - 1 ? ',' : ''}`);
	});
	lines.push('\t},');
	lines.push('\t"images": {');
	const images = Object.entries(dataset.images);
	images.forEach(([name, entry], i) => lines.push(`\t\t${JSON.stringify(name)}: ${JSON.stringify(entry)}${i < images.length - 1 ? ',' : ''}`));
	lines.push('\t},');
	lines.push(`\t"distributions": ${JSON.stringify(dataset.distributions)}${dataset.registryImages ? ',' : ''}`);
	if (dataset.registryImages) {
		lines.push('\t"registryImages": [');
		dataset.registryImages.forEach((m, i) => lines.push(`\t\t${JSON.stringify(m)}${i < dataset.registryImages!.length - 1 ? ',' : ''}`));
		lines.push('\t]');
	}
	lines.push('}');
	return lines.join('\n') + '\n';
}

function main(argv: string[]): number {
	let dataDir = DEFAULT_DATA_DIR;
	let out = DEFAULT_OUT;
	let check = false;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--data' && argv[i + 1]) dataDir = path.resolve(argv[++i]);
		else if (arg === '--out' && argv[i + 1]) out = path.resolve(argv[++i]);
		else if (arg === '--check') check = true;
		else {
			process.stderr.write(`usage: generate-lifecycle [--data DIR] [--out FILE] [--check]\n(unexpected ${arg})\n`);
			return 2;
		}
	}
	const started = process.hrtime.bigint();
	let result: ReturnType<typeof generateLifecycle>;
	try {
		result = generateLifecycle(dataDir);
	} catch (error) {
		if (error instanceof DataError) {
			process.stderr.write(`generate-lifecycle: ${error.message}\n`);
			return 1;
		}
		throw error;
	}
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	const { dataset, text } = result;
	const summary = `${Object.keys(dataset.images).length} images, ${Object.keys(dataset.products).length} products, ${Object.values(dataset.images).reduce((n, e) => n + e.tags.length, 0)} built tags, ${Buffer.byteLength(text)} bytes, ${ms.toFixed(0)} ms`;
	if (check) {
		const current = existsSync(out) ? readFileSync(out, 'utf8') : '';
		if (current !== text) {
			process.stderr.write(`generate-lifecycle: ${path.relative(process.cwd(), out)} is stale; run npm run data\n`);
			return 1;
		}
		process.stdout.write(`up to date: ${summary}\n`);
		return 0;
	}
	writeFileSync(out, text);
	process.stdout.write(`wrote ${path.relative(process.cwd(), out)}: ${summary}\n`);
	return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

// Writes CACHE/realistic.json: each realistic image as the registry serves it (digest, layers with compressed
// size, diff id, unpacked bytes and entry counts read from the blob itself) and the pairs the estimate is
// judged on. Reading the blobs makes the figures what was built, on this machine, today.
// Usage: REGISTRY=… RECIPE=… node describe-realistic.mjs CACHE_DIR (CACHE_DIR/images.list, pairs.list)
/* global fetch */
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { Readable } from 'node:stream';

const cache = process.argv[2];
const registry = process.env.REGISTRY;
const accept = 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json';

async function get(path, headers = {}) {
	const r = await fetch(`http://${registry}/v2/${path}`, { headers });
	if (!r.ok) throw new Error(`GET ${path}: HTTP ${r.status}`);
	return r;
}

/** Walks a tar stream's 512-byte headers: entries, regular files and their bytes. */
function tarCounter() {
	let pending = Buffer.alloc(0), skip = 0;
	const totals = { entries: 0, files: 0, bytes: 0 };
	const octal = (b, at, len) => parseInt(b.subarray(at, at + len).toString('ascii').replace(/\0.*$/, '').trim() || '0', 8);
	function push(chunk) {
		pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
		let at = 0;
		while (true) {
			if (skip) { const n = Math.min(skip, pending.length - at); skip -= n; at += n; if (skip) break; }
			if (pending.length - at < 512) break;
			const h = pending.subarray(at, at + 512);
			at += 512;
			if (h.every(x => x === 0)) continue;
			const size = octal(h, 124, 12), type = String.fromCharCode(h[156] || 48);
			if (!'xgLK'.includes(type)) { // pax and GNU long-name headers describe the next entry
				totals.entries++;
				if (type === '0' || type === '7') { totals.files++; totals.bytes += size; }
			}
			skip = Math.ceil(size / 512) * 512;
		}
		pending = pending.subarray(at);
	}
	return { push, totals };
}

async function measureLayer(repo, layer) {
	const body = Readable.fromWeb((await get(`${repo}/blobs/${layer.digest}`)).body);
	const gunzip = layer.mediaType.endsWith('gzip') ? body.pipe(createGunzip()) : body;
	const hash = createHash('sha256'), counter = tarCounter();
	for await (const chunk of gunzip) { hash.update(chunk); counter.push(chunk); }
	return { diffId: `sha256:${hash.digest('hex')}`, unpackedBytes: counter.totals.bytes, files: counter.totals.files, entries: counter.totals.entries };
}

async function describe(name) {
	const [suite, tag] = name.split(':'), repository = `patchlens-real/${suite}`;
	const r = await get(`${repository}/manifests/${tag}`, { Accept: accept });
	const manifest = await r.json();
	const config = await (await get(`${repository}/blobs/${manifest.config.digest}`)).json();
	const layers = [];
	for (const l of manifest.layers) layers.push({ digest: l.digest, mediaType: l.mediaType, size: l.size, ...await measureLayer(repository, l) });
	layers.forEach((l, i) => { if (config.rootfs.diff_ids[i] !== l.diffId) throw new Error(`${name}: layer ${i} diff id mismatch`); });
	const sum = key => layers.reduce((s, l) => s + l[key], 0);
	return { name, repository, tag, registryRef: `${registry}/${repository}:${tag}`, digest: r.headers.get('docker-content-digest'),
		platform: `${config.os}/${config.architecture}`, cmd: config.config?.Cmd ?? [], layerCount: layers.length,
		compressedSize: sum('size'), unpackedBytes: sum('unpackedBytes'), files: sum('files'), layers };
}

const names = readFileSync(`${cache}/images.list`, 'utf8').trim().split('\n');
const images = [];
for (const n of names) images.push(await describe(n));
const pairs = readFileSync(`${cache}/pairs.list`, 'utf8').trim().split('\n').map(line => {
	const [name, current, candidate] = line.trim().split(/\s+/);
	return { name, current: `${registry}/patchlens-real/${current}`, candidate: `${registry}/patchlens-real/${candidate}` };
});
const out = { recipe: process.env.RECIPE, registry, builtAt: new Date().toISOString(), images, pairs };
writeFileSync(`${cache}/realistic.json.tmp`, JSON.stringify(out, null, 2) + '\n');
renameSync(`${cache}/realistic.json.tmp`, `${cache}/realistic.json`);

// Exact unpacked size and file count of an image's layers, read from the engine's own export of the image
// (`docker save`: a tar of layer tars plus manifest.json naming them in RootFS order). No manifest states
// these figures, so calibration otherwise guesses them from ratios. The figures follow
// scripts/env/describe-realistic.mjs: regular files (and contiguous files) and the sum of their sizes.
// Streaming: a layer is never held in memory, only 512-byte headers and manifest.json.

export interface LayerContent {
	unpackedBytes: number;
	files: number;
}

/** Called per entry; returns a sink for the entry's content, or nothing to skip it. */
type OnEntry = (name: string, type: string, size: number) => ((chunk: Buffer) => void) | undefined;

const BLOCK = 512;

function octal(header: Buffer, at: number, length: number): number {
	return parseInt(header.subarray(at, at + length).toString('latin1').replace(/\0.*$/s, '').trim() || '0', 8);
}

/** A real header: its checksum (field read as spaces) matches. Anything else (a JSON blob) is not a tar. */
export function validHeader(header: Buffer): boolean {
	let sum = 0;
	for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : header[i];
	return sum === octal(header, 148, 8);
}

/** A push-style tar reader: feed it chunks; it reports each entry and forwards its content. */
export function tarWalker(onEntry: OnEntry): { push: (chunk: Buffer) => void; ok: () => boolean } {
	let header = Buffer.alloc(0), remaining = 0, padding = 0, ok = true, done = false;
	let sink: ((chunk: Buffer) => void) | undefined;
	const push = (chunk: Buffer): void => {
		while (chunk.length && ok && !done) {
			if (remaining > 0) {
				const part = chunk.subarray(0, remaining);
				sink?.(part);
				remaining -= part.length;
				chunk = chunk.subarray(part.length);
			} else if (padding > 0) {
				const skip = Math.min(padding, chunk.length);
				padding -= skip;
				chunk = chunk.subarray(skip);
			} else {
				const need = BLOCK - header.length;
				header = Buffer.concat([header, chunk.subarray(0, need)]);
				chunk = chunk.subarray(need);
				if (header.length < BLOCK) return;
				const block = header;
				header = Buffer.alloc(0);
				if (block.every(b => b === 0)) { done = true; return; }
				if (!validHeader(block)) { ok = false; return; }
				const size = octal(block, 124, 12);
				sink = onEntry(block.subarray(0, 100).toString('utf8').replace(/\0.*$/s, ''), String.fromCharCode(block[156] || 48), size);
				remaining = size;
				padding = (BLOCK - (size % BLOCK)) % BLOCK;
			}
		}
	};
	return { push, ok: () => ok };
}

/** Counts the regular files of one layer tar and their bytes. */
export function layerCounter(): { push: (chunk: Buffer) => void; result: () => LayerContent | undefined } {
	const totals: LayerContent = { unpackedBytes: 0, files: 0 };
	const walker = tarWalker((_, type, size) => {
		if (type === '0' || type === '7') { totals.files++; totals.unpackedBytes += size; }
		return undefined;
	});
	return { push: walker.push, result: () => (walker.ok() ? totals : undefined) };
}

/**
 * Reads a `docker save` stream (the Docker layout `<id>/layer.tar` or the OCI layout `blobs/sha256/<hex>`):
 * the layers in RootFS order, or undefined when the export is not what it should be.
 */
export function saveReader(): { push: (chunk: Buffer) => void; result: () => LayerContent[] | undefined } {
	const counted = new Map<string, ReturnType<typeof layerCounter>>();
	const manifest: Buffer[] = [];
	const outer = tarWalker((name, type, size) => {
		if (name === 'manifest.json') return chunk => { manifest.push(chunk); };
		if (type !== '0' || size < BLOCK || !(/\/layer\.tar$/.test(name) || name.startsWith('blobs/'))) return undefined;
		const counter = layerCounter();
		counted.set(name, counter);
		return counter.push;
	});
	const result = (): LayerContent[] | undefined => {
		try {
			const [entry] = JSON.parse(Buffer.concat(manifest).toString('utf8')) as { Layers?: string[] }[];
			const layers = (entry?.Layers ?? []).map(path => counted.get(path)?.result());
			return outer.ok() && layers.length && layers.every(Boolean) ? layers as LayerContent[] : undefined;
		} catch {
			return undefined;
		}
	};
	return { push: outer.push, result };
}

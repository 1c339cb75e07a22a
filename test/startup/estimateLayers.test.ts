// Exact per-layer figures from the engine's export of an image (`docker save`), on synthetic tars: what a cold
// run records for calibration instead of guessing unpacked size and files from ratios (issue 14).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { layerCounter, saveReader, validHeader } from '../../startup/src/estimate/layerContents';

/** A tar entry: 512-byte header (name, octal size, type, checksum) + content padded to 512. */
function entry(name: string, content: Buffer | string, type = '0'): Buffer {
	const body = Buffer.from(content);
	const h = Buffer.alloc(512);
	h.write(name, 0, 'utf8');
	h.write('0000644\0', 100);
	h.write(`${body.length.toString(8).padStart(11, '0')}\0`, 124);
	h.write(type, 156);
	h.write('ustar\x0000', 257);
	h.fill(32, 148, 156);
	let sum = 0;
	for (const b of h) sum += b;
	h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
	return Buffer.concat([h, body, Buffer.alloc((512 - (body.length % 512)) % 512)]);
}
const tar = (...entries: Buffer[]) => Buffer.concat([...entries, Buffer.alloc(1024)]);

const layerA = tar(entry('etc/', '', '5'), entry('etc/a', 'x'.repeat(700)), entry('etc/b', 'yy'), entry('etc/l', '', '2'));
const layerB = tar(entry('usr/big', Buffer.alloc(5000, 1)));

describe('exact layer figures from an image export (issue 14)', () => {
	it('counts regular files and their bytes, not directories or links', () => {
		const c = layerCounter();
		c.push(layerA);
		assert.deepEqual(c.result(), { unpackedBytes: 702, files: 2 });
	});

	it('reads a docker save stream in RootFS order, whatever the chunking, in both layouts', () => {
		for (const [a, b] of [['aaa/layer.tar', 'bbb/layer.tar'], ['blobs/sha256/aaa', 'blobs/sha256/bbb']]) {
			const save = tar(entry(b, layerB), entry('blobs/sha256/cfg', '{"config":{}}'), entry(a, layerA),
				entry('manifest.json', JSON.stringify([{ Config: 'cfg', Layers: [a, b] }])));
			for (const size of [save.length, 511, 4096]) {
				const r = saveReader();
				for (let i = 0; i < save.length; i += size) r.push(save.subarray(i, i + size));
				assert.deepEqual(r.result(), [{ unpackedBytes: 702, files: 2 }, { unpackedBytes: 5000, files: 1 }], `${a} in chunks of ${size}`);
			}
		}
	});

	it('says nothing rather than something wrong: a corrupt header or a missing layer', () => {
		const broken = Buffer.from(layerA);
		broken[0] ^= 1;
		assert.equal(validHeader(broken.subarray(0, 512)), false);
		const c = layerCounter();
		c.push(broken);
		assert.equal(c.result(), undefined);
		const r = saveReader();
		r.push(tar(entry('aaa/layer.tar', layerA), entry('manifest.json', JSON.stringify([{ Layers: ['aaa/layer.tar', 'zzz/layer.tar'] }]))));
		assert.equal(r.result(), undefined);
	});
});

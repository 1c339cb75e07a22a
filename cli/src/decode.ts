// Bytes -> text without losing any. UTF-8 (with or without BOM) decodes strictly, so what --fix
// writes back is byte-for-byte the original outside its edits. UTF-16 with a BOM is decoded and
// analysed but never rewritten; anything else is analysed with U+FFFD for the bad bytes and never
// rewritten either (a lossy round trip would replace those bytes on lines no fix touched).

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface Decoded {
	/** The text as analysed, without a byte-order mark (BuildKit strips it and editors hide it). */
	text: string;
	/** The file starts with a byte-order mark: --fix writes it back. */
	bom: boolean;
	encoding: Encoding;
	/** True when the text encodes back to exactly the bytes read (valid UTF-8, with or without BOM). */
	rewritable: boolean;
	/** Why the file cannot be rewritten, for one message. */
	problem?: string;
}

export function decodeDockerfile(bytes: Uint8Array): Decoded {
	const decoded = decodeWithBom(bytes);
	const bom = decoded.text.startsWith('\ufeff');
	return { ...decoded, text: bom ? decoded.text.slice(1) : decoded.text, bom };
}

function decodeWithBom(bytes: Uint8Array): Omit<Decoded, 'bom'> {
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes, 'utf-16le');
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes, 'utf-16be');
	try {
		// ignoreBOM keeps U+FEFF in the text, so decodeDockerfile knows it was there.
		return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8', rewritable: true };
	} catch {
		const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
		return { text, encoding: 'utf-8', rewritable: false, problem: `is not valid UTF-8 (${whereInvalid(bytes)}); analysed with U+FFFD in place of the invalid bytes` };
	}
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): Omit<Decoded, 'bom'> {
	try {
		const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
		return { text, encoding, rewritable: false, problem: `is ${encoding.toUpperCase()}; analysed, but only UTF-8 files are rewritten` };
	} catch {
		const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
		return { text, encoding, rewritable: false, problem: `is not valid ${encoding.toUpperCase()}; analysed with U+FFFD in place of the invalid bytes` };
	}
}

/** `line 3, byte 0xE9`: where the first invalid sequence starts. */
function whereInvalid(bytes: Uint8Array): string {
	const at = firstInvalid(bytes);
	let line = 1;
	for (let i = 0; i < at; i++) if (bytes[i] === 10) line++;
	return `line ${line}, byte 0x${(bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, '0')}`;
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629, table 3-7). */
export function firstInvalid(bytes: Uint8Array): number {
	let i = 0;
	while (i < bytes.length) {
		const b = bytes[i];
		if (b < 0x80) {
			i++;
			continue;
		}
		const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
		// The second byte's range is narrower after some leads (no overlongs, surrogates, > U+10FFFF).
		const low = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
		const high = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
		if (!length || i + length > bytes.length || bytes[i + 1] < low || bytes[i + 1] > high) return i;
		for (let k = 2; k < length; k++) if (bytes[i + k] < 0x80 || bytes[i + k] > 0xbf) return i;
		i += length;
	}
	return i;
}

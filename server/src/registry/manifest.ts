// The manifest shapes Patchlens reads (OCI image-spec and Docker schema 2), validated by hand:
// a registry answer that does not fit is `malformed`, never a crash further down.
import { isDigest, isSize } from '../core/image/grammar';
import { fail, ok, type Result } from './result';

export const MEDIA_TYPES = {
	ociIndex: 'application/vnd.oci.image.index.v1+json',
	dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
	ociManifest: 'application/vnd.oci.image.manifest.v1+json',
	dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
} as const;

/** Index types first: asked for a tag, we want the multi-arch index when there is one. */
export const MANIFEST_ACCEPT = [MEDIA_TYPES.ociIndex, MEDIA_TYPES.dockerList, MEDIA_TYPES.ociManifest, MEDIA_TYPES.dockerManifest].join(', ');

const INDEX_TYPES: readonly string[] = [MEDIA_TYPES.ociIndex, MEDIA_TYPES.dockerList];
const IMAGE_TYPES: readonly string[] = [MEDIA_TYPES.ociManifest, MEDIA_TYPES.dockerManifest];

export const DIGEST_PATTERN = /^sha256:[a-f0-9]{64}$/;

export interface Platform {
	os: string;
	architecture: string;
	variant?: string;
}

export const LINUX_AMD64: Platform = { os: 'linux', architecture: 'amd64' };

export interface Descriptor {
	mediaType: string;
	digest: string;
	size: number;
	platform?: Platform;
}

export interface Layer {
	digest: string;
	size: number;
}

export type Manifest =
	| { kind: 'index'; mediaType: string; manifests: Descriptor[] }
	| { kind: 'image'; mediaType: string; layers: Layer[] };

export function formatPlatform(p: Platform): string {
	return `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`;
}

export function parsePlatform(text: string): Platform | undefined {
	const [os, architecture, variant] = text.split('/');
	if (!os || !architecture) return undefined;
	return variant ? { os, architecture, variant } : { os, architecture };
}

/** Parses a manifest body; `contentType` is the response's, used when the body names no mediaType. */
export function parseManifest(body: Buffer, contentType: string): Result<Manifest> {
	const declared = contentType.split(';')[0].trim().toLowerCase();
	if (declared && !INDEX_TYPES.includes(declared) && !IMAGE_TYPES.includes(declared) && declared !== 'application/json') {
		return fail('malformed', `expected a manifest, got content type ${declared}`);
	}
	let json: Record<string, unknown>;
	try {
		json = JSON.parse(body.toString('utf8'));
	} catch {
		return fail('malformed', 'the manifest is not valid JSON');
	}
	if (!json || typeof json !== 'object') return fail('malformed', 'the manifest is not a JSON object');
	const mediaType = typeof json.mediaType === 'string' ? json.mediaType : declared;
	if (INDEX_TYPES.includes(mediaType) || (Array.isArray(json.manifests) && !json.layers)) {
		const manifests = Array.isArray(json.manifests) ? json.manifests.map(descriptor) : [];
		if (!Array.isArray(json.manifests) || manifests.some(d => !d)) return fail('malformed', 'the image index has invalid entries');
		return ok({ kind: 'index', mediaType, manifests: manifests as Descriptor[] });
	}
	if (IMAGE_TYPES.includes(mediaType) || Array.isArray(json.layers)) {
		const layers = Array.isArray(json.layers) ? json.layers.map(descriptor) : [];
		if (!Array.isArray(json.layers) || layers.some(d => !d)) return fail('malformed', 'the image manifest has invalid layers');
		return ok({ kind: 'image', mediaType, layers: (layers as Descriptor[]).map(({ digest, size }) => ({ digest, size })) });
	}
	return fail('malformed', `unsupported manifest type ${mediaType || '(none)'}`);
}

function descriptor(value: unknown): Descriptor | undefined {
	const d = value as Record<string, unknown> | null;
	if (!d || typeof d !== 'object' || !isDigest(d.digest) || !isSize(d.size)) return undefined;
	const platform = asPlatform(d.platform);
	return { mediaType: typeof d.mediaType === 'string' ? d.mediaType : '', digest: d.digest, size: d.size, ...(platform ? { platform } : {}) };
}

function asPlatform(value: unknown): Platform | undefined {
	const p = value as Record<string, unknown> | null | undefined;
	if (!p || typeof p !== 'object' || typeof p.os !== 'string' || typeof p.architecture !== 'string') return undefined;
	return { os: p.os, architecture: p.architecture, ...(typeof p.variant === 'string' ? { variant: p.variant } : {}) };
}

/**
 * True when `value` has exactly the shape `parseManifest` produces (for values read back from a
 * cache): the same digest and size rules as a live answer.
 */
export function isManifest(value: unknown): value is Manifest {
	const m = value as Record<string, unknown> | null;
	if (!m || typeof m !== 'object' || typeof m.mediaType !== 'string') return false;
	if (m.kind === 'index') {
		return Array.isArray(m.manifests) && m.manifests.every(d => {
			const parsed = descriptor(d);
			return !!parsed && typeof (d as Descriptor).mediaType === 'string' && ((d as Descriptor).platform === undefined || !!parsed.platform);
		});
	}
	return m.kind === 'image' && Array.isArray(m.layers) && m.layers.every(l => !!l && typeof l === 'object' && isDigest(l.digest) && isSize(l.size));
}

/** The index entry for `wanted`; without a wanted variant, the first entry of that os/arch wins. */
export function selectPlatform(manifests: readonly Descriptor[], wanted: Platform): Descriptor | undefined {
	return manifests.find(d => d.platform && d.platform.os === wanted.os && d.platform.architecture === wanted.architecture
		&& (!wanted.variant || d.platform.variant === wanted.variant));
}

// Docker image references (`[host[:port]/]path[:tag][@digest]`), following distribution/reference's
// normalisation: no host means Docker Hub, a one-part path on Docker Hub lives in `library/`.

export interface ImageReference {
	/** Registry host as written, or `docker.io` when omitted. */
	registry: string;
	/** True when the reference named no registry. */
	implicitRegistry: boolean;
	/** Repository path without host, e.g. `library/python` or `grafana/grafana`. */
	path: string;
	/** Path without its last segment: `library`, `grafana`, `project/sub`; empty for one-part paths off Docker Hub. */
	namespace: string;
	/** Last path segment, e.g. `python`. */
	name: string;
	tag?: string;
	digest?: string;
	/** The reference as written. */
	raw: string;
}

const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

export type ParseResult = { ok: true; ref: ImageReference } | { ok: false; error: string };

export function parseImageReference(raw: string): ParseResult {
	let rest = raw.trim();
	if (!rest) return { ok: false, error: 'empty image reference' };
	let digest: string | undefined;
	const at = rest.indexOf('@');
	if (at >= 0) {
		digest = rest.slice(at + 1);
		rest = rest.slice(0, at);
		if (!DIGEST.test(digest)) return { ok: false, error: `invalid digest "${digest}"` };
	}
	let tag: string | undefined;
	const colon = rest.lastIndexOf(':');
	if (colon > rest.lastIndexOf('/')) {
		tag = rest.slice(colon + 1);
		rest = rest.slice(0, colon);
		if (!TAG.test(tag)) return { ok: false, error: `invalid tag "${tag}"` };
	}
	const parts = rest.split('/');
	let registry = 'docker.io';
	let implicitRegistry = true;
	if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) {
		registry = parts.shift()!;
		implicitRegistry = false;
	}
	if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = 'docker.io';
	if (!parts.length || parts.some(p => !PATH_COMPONENT.test(p))) {
		return { ok: false, error: `invalid repository name "${rest}"` };
	}
	if (registry === 'docker.io' && parts.length === 1) parts.unshift('library');
	const path = parts.join('/');
	return { ok: true, ref: { registry, implicitRegistry, path, namespace: parts.slice(0, -1).join('/'), name: parts[parts.length - 1], tag, digest, raw } };
}

/** True for Docker Official Images (`docker.io/library/*`), which the lifecycle data covers. */
export function isOfficialImage(ref: ImageReference): boolean {
	return ref.registry === 'docker.io' && ref.path.startsWith('library/');
}

/** Short, familiar spelling: `python:3.12`, `ghcr.io/org/app:1`. */
export function formatReference(ref: Pick<ImageReference, 'registry' | 'implicitRegistry' | 'path' | 'tag' | 'digest'>): string {
	const repo = ref.implicitRegistry && ref.path.startsWith('library/') ? ref.path.slice('library/'.length) : ref.path;
	const host = ref.implicitRegistry ? '' : `${ref.registry}/`;
	return `${host}${repo}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}

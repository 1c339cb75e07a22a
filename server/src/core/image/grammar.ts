// The OCI grammar for the two values Patchlens writes into a FROM line after learning them from a
// registry, a cache or a dataset: tags and digests. Anything else — a line break, a space, a `$` —
// could turn a bump into a new instruction, so every writer and every reader checks here.
// Tag: distribution-spec `[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}`. Digest: image-spec
// `algorithm ":" encoded`, with the registered algorithms' exact lengths (lowercase hex).

const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
const REGISTERED: Readonly<Record<string, RegExp>> = { sha256: /^[a-f0-9]{64}$/, sha512: /^[a-f0-9]{128}$/ };

export function isTag(value: unknown): value is string {
	return typeof value === 'string' && TAG.test(value);
}

export function isDigest(value: unknown): value is string {
	if (typeof value !== 'string' || value.length > 256 || !DIGEST.test(value)) return false;
	const colon = value.indexOf(':');
	const registered = REGISTERED[value.slice(0, colon)];
	return !registered || registered.test(value.slice(colon + 1));
}

/** Byte counts and sizes as a registry may state them: whole, finite, not negative. */
export function isSize(value: unknown): value is number {
	return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

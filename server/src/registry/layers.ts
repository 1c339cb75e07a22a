// What a pull of an image would download, without pulling it: index → the engine's platform manifest →
// layer digests, media types and compressed sizes, and the image config's rootfs.diff_ids (what the engine
// lists as RootFS.Layers, so layers it already holds are recognised). Every answer goes through the
// client's cache: documents addressed by digest never change.
import type { RegistryClient, RepositoryRef } from './client';
import { DIGEST_PATTERN, formatPlatform, selectPlatform, type Manifest, type Platform } from './manifest';
import { fail, ok, type Result } from './result';

export interface RemoteLayer {
	digest: string;
	mediaType: string;
	/** Compressed bytes (the manifest's size). */
	size: number;
	/** From the config's rootfs.diff_ids, same position. */
	diffId?: string;
}

export interface RemoteImage {
	/** Digest the reference resolves to: the index's for multi-platform images (the engine's RepoDigest). */
	digest: string;
	/** Digest of the platform manifest (the same as `digest` for one-platform images). */
	manifestDigest: string;
	platform: string;
	layers: RemoteLayer[];
	/** What a container of the image runs, config Entrypoint then Cmd, when its config says (a warm start runs it). */
	command?: string[];
}

type Json = Record<string, unknown>;

function platformManifestDigest(top: { digest: string; manifest: Manifest }, platform: Platform): Result<string> {
	if (top.manifest.kind === 'image') return ok(top.digest);
	const entry = selectPlatform(top.manifest.manifests, platform);
	if (entry) return ok(entry.digest);
	const offered = top.manifest.manifests.flatMap(d => (d.platform && d.platform.os !== 'unknown' ? [formatPlatform(d.platform)] : []));
	return fail('not-found', `no ${formatPlatform(platform)} image (other platform: ${offered.join(', ') || 'none listed'})`);
}

function layersOf(manifest: Json): RemoteLayer[] | undefined {
	if (!Array.isArray(manifest.layers)) return undefined;
	const layers = manifest.layers.map((l: Json) => ({ digest: l?.digest, mediaType: typeof l?.mediaType === 'string' ? l.mediaType : '', size: l?.size }));
	return layers.every(l => typeof l.digest === 'string' && DIGEST_PATTERN.test(l.digest) && typeof l.size === 'number' && l.size >= 0) ? layers as RemoteLayer[] : undefined;
}

const strings = (value: unknown): string[] | undefined => (Array.isArray(value) && value.every(c => typeof c === 'string') ? value : undefined);

function configFacts(config: Json): { platform: string; diffIds?: string[]; command?: string[] } {
	const rootfs = config.rootfs as Json | undefined;
	const ids = Array.isArray(rootfs?.diff_ids) && rootfs.diff_ids.every((d: unknown) => typeof d === 'string') ? rootfs.diff_ids as string[] : undefined;
	const run = config.config as Json | undefined;
	const entrypoint = strings(run?.Entrypoint), cmd = strings(run?.Cmd);
	return {
		platform: `${String(config.os ?? 'unknown')}/${String(config.architecture ?? 'unknown')}`,
		diffIds: ids,
		command: entrypoint || cmd ? [...entrypoint ?? [], ...cmd ?? []] : undefined,
	};
}

/** The layers `reference` (tag or digest) would pull on an engine of `platform`. */
export async function remoteImage(client: RegistryClient, repo: RepositoryRef, reference: string, platform: Platform): Promise<Result<RemoteImage>> {
	const top = await client.manifest(repo, reference);
	if (!top.ok) return top;
	const digest = platformManifestDigest(top.value, platform);
	if (!digest.ok) return fail(digest.error.kind, `${repo.registry}/${repo.path}:${reference}: ${digest.error.message}`);
	const manifest = await client.document(repo, 'manifests', digest.value);
	if (!manifest.ok) return manifest;
	const layers = layersOf(manifest.value);
	const configDigest = (manifest.value.config as Json | undefined)?.digest;
	if (!layers || typeof configDigest !== 'string') return fail('malformed', `${repo.registry}/${repo.path}@${digest.value}: not an image manifest`);
	const config = await client.document(repo, 'blobs', configDigest);
	if (!config.ok) return config;
	const facts = configFacts(config.value);
	const wanted = `${platform.os}/${platform.architecture}`;
	if (facts.platform !== wanted) return fail('not-found', `${repo.registry}/${repo.path}:${reference} is a ${facts.platform} image; this engine runs ${wanted}`);
	const ids = facts.diffIds?.length === layers.length ? facts.diffIds : undefined;
	return ok({ digest: top.value.digest, manifestDigest: digest.value, platform: facts.platform, command: facts.command, layers: layers.map((l, i) => (ids ? { ...l, diffId: ids[i] } : l)) });
}

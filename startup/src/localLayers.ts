// Layer lists for the estimator when no registry manifest is at hand: the local image's layers through the
// Engine API (inspect for the layer ids, history for their sizes). Sizes there are uncompressed, so they
// are scaled by a typical gzip ratio; registry manifests (compressed sizes) are better when available.
import type Docker from 'dockerode';
import type { LayerRef } from './estimate';

/** Typical compressed/uncompressed ratio of image layers (text and binaries under gzip). */
export const COMPRESSION_RATIO = 0.4;

interface HistoryEntry { Size: number; CreatedBy?: string }

export function layersFromHistory(diffIds: readonly string[], history: readonly HistoryEntry[], totalSize: number, ratio = COMPRESSION_RATIO): LayerRef[] {
	// History is newest first and also lists metadata steps (ENV, CMD…) that made no layer.
	const sized = [...history].reverse().filter(h => h.Size > 0).map(h => h.Size);
	const sizes = sized.length === diffIds.length ? sized : diffIds.map(() => totalSize / Math.max(1, diffIds.length));
	return diffIds.map((digest, i) => ({ digest, size: Math.round(sizes[i] * ratio) }));
}

export async function localImageLayers(docker: Docker, ref: string): Promise<LayerRef[]> {
	const image = docker.getImage(ref);
	const [inspect, history] = await Promise.all([image.inspect(), image.history() as Promise<HistoryEntry[]>]);
	return layersFromHistory(inspect.RootFS?.Layers ?? [], history, inspect.Size);
}

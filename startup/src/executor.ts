// The engine operations a benchmark needs, behind one interface: the run loop, scheduling and statistics
// stay testable without an engine, and timing wraps exactly one engine call per phase.
import type { HostConfig } from 'dockerode';
import type { ReadyCondition } from './ready';
import type { EngineInfo } from './result';

/** Per-container resource limits (a rollout/CI layer fills these). NetworkMode is never overridable. */
export type ContainerLimits = Omit<HostConfig, 'NetworkMode' | 'Binds' | 'Mounts' | 'PortBindings' | 'Privileged' | 'AutoRemove'>;

export interface ContainerSpec {
	image: string;
	cmd?: string[];
	labels: Record<string, string>;
	limits?: ContainerLimits;
}

export interface LocalImage {
	id: string;
	repoTags: string[];
	repoDigests: string[];
	/** Uncompressed layer diff ids, base first. */
	layers: string[];
	size: number;
	/** What a container of it runs: Config.Entrypoint then Config.Cmd (the warm estimate's kin, warm.ts). */
	command?: string[];
}

export interface LabelledContainer {
	id: string;
	labels: Record<string, string>;
	/** Creation time, ms since the epoch. */
	created: number;
	state: string;
}

export interface PullOutcome {
	/** Compressed bytes downloaded (layers the engine already had count 0). */
	bytes: number;
	layersPulled: number;
	layersPresent: number;
	/** Per manifest layer, in order: downloaded, or already on the engine (when the engine reported each). */
	layerStates?: ('pulled' | 'present')[];
}

/** A layer's unpacked regular-file bytes and file count, exactly as the engine holds it. */
export interface LayerContentFigures {
	unpackedBytes: number;
	files: number;
}

export interface BuildRequest {
	/** A tar stream of the build context. */
	context: NodeJS.ReadableStream;
	dockerfile: string;
	tag: string;
	labels: Record<string, string>;
}

export interface Executor {
	/** The address the executor talks to, for messages. */
	readonly host: string;
	info(signal?: AbortSignal): Promise<EngineInfo>;
	inspectImage(ref: string): Promise<LocalImage | undefined>;
	createContainer(spec: ContainerSpec, signal?: AbortSignal): Promise<string>;
	startContainer(id: string, signal?: AbortSignal): Promise<void>;
	/** Resolves when the container meets the condition; rejects with ContainerFailedError when it cannot. */
	waitReady(id: string, image: string, ready: ReadyCondition, signal?: AbortSignal): Promise<void>;
	/** Force-removes the container and its anonymous volumes; a container already gone is fine. */
	removeContainer(id: string, signal?: AbortSignal): Promise<void>;
	listContainers(label: string, signal?: AbortSignal): Promise<LabelledContainer[]>;
	inspectContainerNetworkMode(id: string): Promise<string | undefined>;
	pullImage(ref: string, signal?: AbortSignal): Promise<PullOutcome>;
	/** The image's layers in RootFS order with exact unpacked figures, or undefined when the engine cannot say. */
	layerContents?(ref: string, signal?: AbortSignal): Promise<LayerContentFigures[] | undefined>;
	removeImage(idOrRef: string): Promise<void>;
	tagImage(id: string, ref: string): Promise<void>;
	/** The manifest digest a registry serves for ref, or undefined when it does not have it. */
	registryDigest(ref: string, signal?: AbortSignal): Promise<string | undefined>;
	buildImage(request: BuildRequest, signal?: AbortSignal): Promise<string>;
}

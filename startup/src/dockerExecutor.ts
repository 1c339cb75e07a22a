// Executor over the Docker Engine API (dockerode). Socket failures become one EngineUnreachableError.
import Docker from 'dockerode';
import { dockerOptions } from './dockerHost';
import { EngineWatch } from './engineWatch';
import { BuildFailedError, connectionFailure, EngineUnreachableError, engineMessage, ImageUnavailableError } from './errors';
import { saveReader } from './estimate/layerContents';
import type { BuildRequest, ContainerSpec, Executor, LabelledContainer, LayerContentFigures, LocalImage, PullOutcome } from './executor';
import type { EngineInfo } from './result';
import type { ReadyCondition } from './ready';
import { waitReady } from './readiness';

/** Entrypoint then Cmd, as the engine runs them; undefined when the image sets neither. */
function commandOf(config: { Entrypoint?: string | string[] | null; Cmd?: string | string[] | null } | undefined): string[] | undefined {
	const list = (v: string | string[] | null | undefined) => (v == null ? [] : Array.isArray(v) ? v : [v]);
	const command = [...list(config?.Entrypoint), ...list(config?.Cmd)];
	return command.length ? command : undefined;
}

interface ProgressEvent {
	id?: string;
	status?: string;
	error?: string;
	errorDetail?: { message?: string };
	progressDetail?: { current?: number; total?: number };
	aux?: { ID?: string };
	stream?: string;
}

export class DockerExecutor implements Executor {
	readonly docker: Docker;
	private readonly watch: EngineWatch;

	constructor(readonly host: string) {
		this.docker = new Docker(dockerOptions(host));
		this.watch = new EngineWatch(this.docker, host);
	}

	/** Runs one engine call; socket-level failures become EngineUnreachableError. */
	private async call<T>(run: () => Promise<T>): Promise<T> {
		try {
			return await run();
		} catch (error) {
			const reason = connectionFailure(error);
			if (reason) throw new EngineUnreachableError(this.host, reason);
			throw error;
		}
	}

	info(signal?: AbortSignal): Promise<EngineInfo> {
		return this.call(async () => {
			signal?.throwIfAborted();
			const [info, version] = await Promise.all([
				this.docker.info() as Promise<Record<string, unknown>>,
				this.docker.version() as Promise<unknown> as Promise<Record<string, unknown>>,
			]);
			return {
				host: this.host,
				id: String(info.ID ?? ''),
				name: String(info.Name ?? ''),
				version: String(version.Version ?? info.ServerVersion ?? ''),
				apiVersion: String(version.ApiVersion ?? ''),
				os: String(info.OperatingSystem ?? ''),
				arch: String(info.Architecture ?? ''),
				storageDriver: String(info.Driver ?? ''),
				cpus: Number(info.NCPU ?? 0),
				memoryBytes: Number(info.MemTotal ?? 0),
			};
		});
	}

	inspectImage(ref: string): Promise<LocalImage | undefined> {
		return this.call(async () => {
			try {
				const image = await this.docker.getImage(ref).inspect();
				return { id: image.Id, repoTags: image.RepoTags ?? [], repoDigests: image.RepoDigests ?? [], layers: image.RootFS?.Layers ?? [], size: image.Size, command: commandOf(image.Config) };
			} catch (error) {
				if ((error as { statusCode?: number }).statusCode === 404) return undefined;
				throw error;
			}
		});
	}

	createContainer(spec: ContainerSpec, signal?: AbortSignal): Promise<string> {
		return this.call(async () => {
			try {
				const container = await this.docker.createContainer({
					Image: spec.image,
					...(spec.cmd ? { Cmd: spec.cmd } : {}),
					Labels: spec.labels,
					NetworkDisabled: true,
					// Spread first so a caller's limits can never switch the network back on.
					HostConfig: { ...spec.limits, NetworkMode: 'none' },
					abortSignal: signal,
				});
				return container.id;
			} catch (error) {
				const status = (error as { statusCode?: number }).statusCode;
				if (status === 404) throw new ImageUnavailableError(spec.image, 'not present on the engine (pull or build it first)');
				if (status === 400 || status === 500) throw new ImageUnavailableError(spec.image, `cannot create a container: ${engineMessage(error)}`);
				throw error;
			}
		});
	}

	startContainer(id: string, signal?: AbortSignal): Promise<void> {
		return this.call(async () => {
			await this.docker.getContainer(id).start({ abortSignal: signal });
		});
	}

	waitReady(id: string, image: string, ready: ReadyCondition, signal?: AbortSignal): Promise<void> {
		return this.call(() => this.watch.guard(signal, s => waitReady(this.docker, id, image, ready, s)));
	}

	removeContainer(id: string, signal?: AbortSignal): Promise<void> {
		return this.call(async () => {
			try {
				await this.docker.getContainer(id).remove({ force: true, v: true, abortSignal: signal });
			} catch (error) {
				const status = (error as { statusCode?: number }).statusCode;
				// 404: already gone; 409: removal already in progress (a concurrent cleanup).
				if (status !== 404 && status !== 409) throw error;
			}
		});
	}

	listContainers(label: string, signal?: AbortSignal): Promise<LabelledContainer[]> {
		return this.call(async () => {
			const list = await this.docker.listContainers({ all: true, filters: { label: [label] }, abortSignal: signal });
			return list.map(c => ({ id: c.Id, labels: c.Labels ?? {}, created: c.Created * 1000, state: c.State }));
		});
	}

	inspectContainerNetworkMode(id: string): Promise<string | undefined> {
		return this.call(async () => (await this.docker.getContainer(id).inspect()).HostConfig?.NetworkMode);
	}

	pullImage(ref: string, signal?: AbortSignal): Promise<PullOutcome> {
		return this.call(() => this.watch.guard(signal, async signal => {
			let stream: NodeJS.ReadableStream;
			try {
				stream = await this.docker.pull(ref, { abortSignal: signal }) as NodeJS.ReadableStream;
			} catch (error) {
				if (connectionFailure(error)) throw error;
				throw new ImageUnavailableError(ref, `pull failed: ${engineMessage(error)}`);
			}
			const totals = new Map<string, number>();
			const present = new Set<string>();
			const pulled = new Set<string>();
			// Layer ids appear first in manifest order ("Pulling fs layer" / "Already exists"); digests of the image itself do not.
			const order: string[] = [];
			const events = await this.follow(stream, signal);
			for (const event of events) {
				if (event.error) throw new ImageUnavailableError(ref, `pull failed: ${event.errorDetail?.message ?? event.error}`);
				if (!event.id) continue;
				if ((event.status === 'Pulling fs layer' || event.status === 'Already exists') && !order.includes(event.id)) order.push(event.id);
				if (event.status === 'Already exists') present.add(event.id);
				if (event.status === 'Downloading' && event.progressDetail?.total) totals.set(event.id, event.progressDetail.total);
				if (event.status === 'Pull complete') pulled.add(event.id);
			}
			let bytes = 0;
			for (const size of totals.values()) bytes += size;
			const layerStates = order.map(id => (present.has(id) ? 'present' as const : 'pulled' as const));
			return { bytes, layersPulled: pulled.size, layersPresent: present.size, layerStates };
		}));
	}

	/** Reads the engine's export of the image (streamed, never stored): exact per-layer figures for calibration. */
	layerContents(ref: string, signal?: AbortSignal): Promise<LayerContentFigures[] | undefined> {
		return this.call(async () => {
			const stream = await this.docker.getImage(ref).get() as NodeJS.ReadableStream;
			const reader = saveReader();
			const abort = () => (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
			signal?.addEventListener('abort', abort, { once: true });
			try {
				for await (const chunk of stream) reader.push(chunk as Buffer);
			} finally {
				signal?.removeEventListener('abort', abort);
			}
			signal?.throwIfAborted();
			return reader.result();
		});
	}

	removeImage(idOrRef: string): Promise<void> {
		return this.call(async () => {
			await this.docker.getImage(idOrRef).remove({ force: true });
		});
	}

	tagImage(id: string, ref: string): Promise<void> {
		return this.call(async () => {
			const at = ref.lastIndexOf(':');
			const hasTag = at > ref.lastIndexOf('/');
			await this.docker.getImage(id).tag({ repo: hasTag ? ref.slice(0, at) : ref, tag: hasTag ? ref.slice(at + 1) : 'latest' });
		});
	}

	registryDigest(ref: string, signal?: AbortSignal): Promise<string | undefined> {
		return this.call(async () => {
			try {
				const d = await this.docker.getImage(ref).distribution({ abortSignal: signal }) as { Descriptor?: { digest?: string } };
				return d.Descriptor?.digest;
			} catch (error) {
				if (connectionFailure(error)) throw error;
				return undefined; // 401/403/404/500: the registry cannot give it back to us
			}
		});
	}

	buildImage(request: BuildRequest, signal?: AbortSignal): Promise<string> {
		return this.call(() => this.watch.guard(signal, async signal => {
			const stream = await this.docker.buildImage(request.context, {
				t: request.tag, dockerfile: request.dockerfile, labels: request.labels, rm: true, forcerm: true, networkmode: 'none', abortSignal: signal,
			} as Docker.ImageBuildOptions) as NodeJS.ReadableStream;
			const events = await this.follow(stream, signal);
			const failure = events.find(e => e.error);
			if (failure) throw new BuildFailedError(request.tag, (failure.errorDetail?.message ?? failure.error ?? '').trim());
			const id = events.map(e => e.aux?.ID).filter(Boolean).pop();
			if (id) return id;
			const image = await this.inspectImage(request.tag);
			if (!image) throw new BuildFailedError(request.tag, 'the engine reported no image');
			return image.id;
		}));
	}

	private follow(stream: NodeJS.ReadableStream, signal?: AbortSignal): Promise<ProgressEvent[]> {
		return new Promise((resolve, reject) => {
			const onAbort = () => (stream as unknown as { destroy(e?: Error): void }).destroy(signal?.reason as Error);
			signal?.addEventListener('abort', onAbort, { once: true });
			this.docker.modem.followProgress(stream, (error: Error | null, output: ProgressEvent[]) => {
				signal?.removeEventListener('abort', onAbort);
				if (signal?.aborted) reject(signal.reason);
				else if (error) reject(error);
				else resolve(output);
			});
		});
	}
}

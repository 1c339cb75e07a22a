// The Orchestrator on Docker Swarm through the Engine API (dockerode): services, task lists, the
// manager's container events. It never runs `swarm init` or `swarm leave`: the swarm is the user's.
import Docker from 'dockerode';
import type { Readable } from 'node:stream';
import type {
	Checked, LabelledService, Orchestrator, OrchestratorIdentity, ServiceObservation, ServiceRequest, TaskEvent, TaskSnapshot, UpdatePolicy, UpdateState,
} from './orchestrator';

const MS = 1_000_000; // Swarm durations are nanoseconds

/** What to tell a user whose engine is not a swarm manager: how to try a rollout without touching theirs. */
export const NOT_A_MANAGER_HINT = 'patchlens rollout needs a Docker Swarm manager. It never runs `swarm init` on your engine; to try it locally, start a private one: '
	+ 'sudo dockerd --data-root /tmp/pl-swarm --exec-root /tmp/pl-swarm-exec --pidfile /tmp/pl-swarm.pid --host unix:///tmp/pl-swarm.sock --bridge=none --iptables=false & '
	+ 'docker -H unix:///tmp/pl-swarm.sock swarm init --advertise-addr 127.0.0.1 --listen-addr 127.0.0.1:23770, then pass --host unix:///tmp/pl-swarm.sock';

function updateConfig(policy: UpdatePolicy) {
	return {
		Parallelism: policy.parallelism, Delay: policy.delayMs * MS, Order: policy.order,
		FailureAction: policy.failureAction, Monitor: policy.monitorMs * MS, MaxFailureRatio: 0,
	};
}

/** The service spec: R replicas, no published ports, our labels, the update policy and stop grace. */
export function serviceSpec(request: ServiceRequest, name: string): Docker.ServiceSpec {
	const labels = { ...request.labels, patchlens: request.runId };
	const resources = request.limits && {
		Limits: {
			...(request.limits.cpus ? { NanoCPUs: Math.round(request.limits.cpus * 1e9) } : {}),
			...(request.limits.memoryBytes ? { MemoryBytes: request.limits.memoryBytes } : {}),
		},
	};
	return {
		Name: name, Labels: labels,
		TaskTemplate: {
			ContainerSpec: { Image: request.image, Labels: labels, StopGracePeriod: request.stopGraceMs * MS } as Docker.ContainerSpec,
			...(resources ? { Resources: resources } : {}),
			// A failed task is the candidate's verdict, not something to retry behind our back.
			RestartPolicy: { Condition: 'none' },
		},
		Mode: { Replicated: { Replicas: request.replicas } },
		UpdateConfig: updateConfig(request.policy),
		RollbackConfig: updateConfig({ ...request.policy, failureAction: 'pause' }),
	};
}

const UPDATE_STATES = new Set<UpdateState>(['updating', 'paused', 'completed', 'rollback_started', 'rollback_paused', 'rollback_completed']);

interface RawTask {
	ID: string; Slot?: number; NodeID?: string; CreatedAt?: string; DesiredState?: string;
	Spec?: { ContainerSpec?: { Image?: string } };
	Status?: { State?: string; Timestamp?: string; Err?: string };
}

export function toSnapshot(t: RawTask, nodeNames: Map<string, string>): TaskSnapshot {
	return {
		id: t.ID, slot: t.Slot ?? 0, node: (t.NodeID && nodeNames.get(t.NodeID)) ?? t.NodeID ?? '',
		image: (t.Spec?.ContainerSpec?.Image ?? '').replace(/@sha256:[0-9a-f]+$/, ''),
		state: t.Status?.State ?? 'new', desiredState: t.DesiredState ?? 'running',
		stateSinceMs: Date.parse(t.Status?.Timestamp ?? '') || 0, createdMs: Date.parse(t.CreatedAt ?? '') || 0,
		...(t.Status?.Err ? { error: t.Status.Err } : {}),
	};
}

/** A container event of a swarm task, or undefined for events that do not mark a phase. */
export function toTaskEvent(e: { Action?: string; status?: string; timeNano?: number; time?: number; Actor?: { Attributes?: Record<string, string> } }): TaskEvent | undefined {
	const attrs = e.Actor?.Attributes ?? {};
	const taskId = attrs['com.docker.swarm.task.id'];
	const action = e.Action ?? e.status ?? '';
	const timeMs = e.timeNano ? Math.round(e.timeNano / MS) : (e.time ?? 0) * 1000;
	if (!taskId) return undefined;
	if (action === 'start' || action === 'die') return { taskId, kind: action, timeMs };
	if (action === 'kill') return { taskId, kind: 'kill', signal: attrs.signal, timeMs };
	if (action === 'health_status: healthy') return { taskId, kind: 'healthy', timeMs };
	return undefined;
}

export class SwarmOrchestrator implements Orchestrator {
	private readonly docker: Docker;
	private nodeNames = new Map<string, string>();

	constructor(options: Docker.DockerOptions) {
		this.docker = new Docker(options);
	}

	async identity(): Promise<Checked<OrchestratorIdentity>> {
		const info = await this.docker.info() as {
			ServerVersion?: string; Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean; Nodes?: number; Managers?: number; Cluster?: { ID?: string } };
		};
		const swarm = info.Swarm;
		if (swarm?.LocalNodeState !== 'active') return { ok: false, error: `the engine is not in swarm mode (state: ${swarm?.LocalNodeState || 'inactive'}). ${NOT_A_MANAGER_HINT}` };
		if (!swarm.ControlAvailable) return { ok: false, error: `the engine is a swarm worker; point --host at a manager. ${NOT_A_MANAGER_HINT}` };
		const version = await this.docker.version() as { ApiVersion?: string };
		await this.refreshNodes();
		return { ok: true, value: {
			orchestrator: 'swarm', engineVersion: info.ServerVersion ?? '', apiVersion: version.ApiVersion ?? '',
			nodes: swarm.Nodes ?? 1, managers: swarm.Managers ?? 1, clusterId: swarm.Cluster?.ID ?? '',
		} };
	}

	private async refreshNodes(): Promise<void> {
		const nodes = await this.docker.listNodes() as { ID: string; Description?: { Hostname?: string } }[];
		this.nodeNames = new Map(nodes.map(n => [n.ID, n.Description?.Hostname ?? n.ID]));
	}

	async create(request: ServiceRequest, signal?: AbortSignal): Promise<string> {
		const name = `patchlens-${request.runId}`;
		// Never aborted: a cancel that lands after the engine made the service would lose its id and leak
		// it. The caller honours the cancel as soon as the create answers.
		void signal;
		const service = await this.docker.createService(serviceSpec(request, name));
		return service.id;
	}

	private async inspect(serviceId: string, signal?: AbortSignal) {
		return await this.docker.getService(serviceId).inspect({ abortSignal: signal } as object) as {
			Version: { Index: number }; Spec: Docker.ServiceSpec;
			UpdateStatus?: { State?: string; StartedAt?: string; Message?: string };
		};
	}

	async update(serviceId: string, image: string, policy: UpdatePolicy, signal?: AbortSignal): Promise<void> {
		const current = await this.inspect(serviceId, signal);
		const spec = structuredClone(current.Spec);
		(spec.TaskTemplate as Docker.ContainerTaskSpec).ContainerSpec!.Image = image;
		spec.UpdateConfig = updateConfig(policy);
		await this.docker.getService(serviceId).update({ _query: { version: current.Version.Index }, _body: spec, abortSignal: signal } as object);
	}

	async rollback(serviceId: string, signal?: AbortSignal): Promise<void> {
		const current = await this.inspect(serviceId, signal);
		// The engine restores the previous spec itself (what `docker service rollback` asks for).
		await this.docker.getService(serviceId).update({ _query: { version: current.Version.Index, rollback: 'previous' }, _body: current.Spec, abortSignal: signal } as object);
	}

	async observe(serviceId: string, signal?: AbortSignal): Promise<ServiceObservation> {
		const [service, tasks] = await Promise.all([
			this.inspect(serviceId, signal),
			this.docker.listTasks({ filters: JSON.stringify({ service: [serviceId] }), abortSignal: signal }) as Promise<RawTask[]>,
		]);
		if (tasks.some(t => t.NodeID && !this.nodeNames.has(t.NodeID))) await this.refreshNodes();
		const state = service.UpdateStatus?.State as UpdateState | undefined;
		return {
			updateState: state && UPDATE_STATES.has(state) ? state : 'none',
			...(service.UpdateStatus?.StartedAt ? { updateStartedMs: Date.parse(service.UpdateStatus.StartedAt) } : {}),
			...(service.UpdateStatus?.Message ? { message: service.UpdateStatus.Message } : {}),
			tasks: tasks.map(t => toSnapshot(t, this.nodeNames)),
		};
	}

	async watch(serviceId: string, onEvent: (event: TaskEvent) => void): Promise<() => void> {
		const stream = await this.docker.getEvents({
			filters: JSON.stringify({ type: ['container'], label: [`com.docker.swarm.service.id=${serviceId}`] }),
		}) as unknown as Readable;
		let buffer = '';
		stream.on('data', (chunk: Buffer) => {
			buffer += chunk.toString('utf8');
			let nl: number;
			while ((nl = buffer.indexOf('\n')) >= 0) {
				const line = buffer.slice(0, nl);
				buffer = buffer.slice(nl + 1);
				const event = line.trim() ? toTaskEvent(JSON.parse(line)) : undefined;
				if (event) onEvent(event);
			}
		});
		stream.on('error', () => { /* the engine went away: observe() reports it */ });
		return () => stream.destroy();
	}

	async remove(serviceId: string): Promise<void> {
		try {
			await this.docker.getService(serviceId).remove();
		} catch (error) {
			if ((error as { statusCode?: number }).statusCode !== 404) throw error;
		}
	}

	async list(labelKey: string): Promise<LabelledService[]> {
		const services = await this.docker.listServices({ filters: JSON.stringify({ label: [labelKey] }) }) as
			{ ID: string; CreatedAt?: string; Spec?: { Labels?: Record<string, string> } }[];
		return services.map(s => ({ id: s.ID, labels: s.Spec?.Labels ?? {}, createdMs: Date.parse(s.CreatedAt ?? '') || 0 }));
	}
}

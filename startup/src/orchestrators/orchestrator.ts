// What a rollout needs from an orchestrator, and nothing more: create a labelled service, change its
// image under an update policy, roll it back, observe its tasks and the container events of its nodes,
// remove it. Swarm implements it (swarm.ts); docs/orchestrators.md maps it onto a Kubernetes Deployment.
// This data model imports nothing, so the driver, the formats and the report can all depend on it.

export type UpdateOrder = 'stop-first' | 'start-first';
export type FailureAction = 'pause' | 'rollback';

export interface UpdatePolicy {
	/** Tasks replaced at once. */
	parallelism: number;
	/** Wait between batches. */
	delayMs: number;
	order: UpdateOrder;
	failureAction: FailureAction;
	/** How long a new task must keep running before the orchestrator counts it as a success. */
	monitorMs: number;
}

export interface ServiceLimits {
	/** CPUs per task (Swarm NanoCPUs / 1e9). */
	cpus?: number;
	memoryBytes?: number;
}

export interface ServiceRequest {
	runId: string;
	image: string;
	replicas: number;
	policy: UpdatePolicy;
	limits?: ServiceLimits;
	/** Time an old task gets between SIGTERM and SIGKILL. */
	stopGraceMs: number;
	/** Labels that let `--sweep` tell whether the creating process is still alive. */
	labels: Record<string, string>;
}

/** The orchestrator's own view of an update in progress. */
export type UpdateState = 'none' | 'updating' | 'paused' | 'completed' | 'rollback_started' | 'rollback_paused' | 'rollback_completed';

export interface TaskSnapshot {
	id: string;
	slot: number;
	node: string;
	image: string;
	/** Orchestrator state name, e.g. new, assigned, preparing, starting, running, shutdown, failed. */
	state: string;
	desiredState: string;
	/** Engine time (epoch ms) at which the task entered `state`. */
	stateSinceMs: number;
	createdMs: number;
	error?: string;
}

export interface ServiceObservation {
	updateState: UpdateState;
	/** Engine time the current update (or rollback) started, when the orchestrator says. */
	updateStartedMs?: number;
	message?: string;
	tasks: TaskSnapshot[];
}

/** A container event of one task, from the node's event stream. */
export interface TaskEvent {
	taskId: string;
	kind: 'start' | 'healthy' | 'kill' | 'die';
	/** For kill: the signal sent (15 = SIGTERM, 9 = SIGKILL). */
	signal?: string;
	timeMs: number;
}

export interface OrchestratorIdentity {
	orchestrator: 'swarm';
	engineVersion: string;
	apiVersion: string;
	nodes: number;
	managers: number;
	/** The swarm's id: lets a reader tell results from different clusters apart. */
	clusterId: string;
}

export interface LabelledService {
	id: string;
	labels: Record<string, string>;
	createdMs: number;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

export interface Orchestrator {
	/** Who we talk to; a clear error when the engine cannot run services (not a swarm manager). */
	identity(signal?: AbortSignal): Promise<Checked<OrchestratorIdentity>>;
	create(request: ServiceRequest, signal?: AbortSignal): Promise<string>;
	/** Changes the image (and the update policy) of a service; the orchestrator rolls it out. */
	update(serviceId: string, image: string, policy: UpdatePolicy, signal?: AbortSignal): Promise<void>;
	rollback(serviceId: string, signal?: AbortSignal): Promise<void>;
	observe(serviceId: string, signal?: AbortSignal): Promise<ServiceObservation>;
	/** Streams task container events until the returned function is called. */
	watch(serviceId: string, onEvent: (event: TaskEvent) => void): Promise<() => void>;
	remove(serviceId: string): Promise<void>;
	list(labelKey: string): Promise<LabelledService[]>;
}

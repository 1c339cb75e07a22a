// Runs swarm rollouts for the UI: one at a time, `withProgress` with a Cancel that aborts the rollout
// (the engine side removes the service), the last report kept for the report panel.
import * as vscode from 'vscode';
import { dockerOptions, resolveDockerHost } from '../../../startup/src/dockerHost';
import type { UpdatePolicy } from '../../../startup/src/orchestrators/orchestrator';
import { RolloutCancelledError, runRollout, type PhaseKind, type RolloutReport } from '../../../startup/src/orchestrators/rollout';
import { SwarmOrchestrator } from '../../../startup/src/orchestrators/swarm';
import { newRunId } from '../../../startup/src/runner';

export interface RolloutSettings {
	host: string;
	replicas: number;
	policy: UpdatePolicy;
}

export function rolloutSettings(scope?: vscode.ConfigurationScope): RolloutSettings {
	const config = vscode.workspace.getConfiguration('patchlens', scope);
	const int = (key: string, fallback: number, max: number) => Math.min(max, Math.max(1, Math.round(config.get<number>(key, fallback) || fallback)));
	return {
		// Restricted settings: in an untrusted workspace VS Code only returns the user's own values.
		host: config.get<string>('rollout.host', '') || config.get<string>('docker.host', ''),
		replicas: int('rollout.replicas', 4, 64),
		policy: {
			parallelism: int('rollout.parallelism', 1, 64), delayMs: 0, failureAction: 'pause',
			order: config.get<string>('rollout.order') === 'start-first' ? 'start-first' : 'stop-first',
			monitorMs: Math.round(1000 * Math.min(600, Math.max(0, config.get<number>('rollout.monitorSeconds', 5)))),
		},
	};
}

export interface RolloutRun {
	image: string;
	candidate: string;
	scope?: vscode.Uri;
	/** Overrides the settings' swarm manager. */
	host?: string;
}

export type RolloutOutcome =
	| { kind: 'done'; report: RolloutReport }
	| { kind: 'cancelled' }
	| { kind: 'failed'; message: string }
	| { kind: 'refused'; reason: string };

const PHASE_WORD: Record<PhaseKind, string> = { deploy: 'deploying', canary: 'canary', update: 'updating', rollback: 'rolling back' };

export class RolloutController {
	private running: AbortController | undefined;
	private lastReport: RolloutReport | undefined;
	private readonly changed = new vscode.EventEmitter<RolloutReport>();
	readonly onDidFinish = this.changed.event;

	constructor(private readonly output: vscode.LogOutputChannel) {}

	get last(): RolloutReport | undefined {
		return this.lastReport;
	}

	get isRunning(): boolean {
		return this.running !== undefined;
	}

	cancel(): void {
		this.running?.abort();
	}

	dispose(): void {
		this.changed.dispose();
	}

	async run(request: RolloutRun): Promise<RolloutOutcome> {
		if (this.running) return { kind: 'refused', reason: 'a rollout is already running' };
		const settings = rolloutSettings(request.scope);
		const host = resolveDockerHost(request.host || settings.host);
		const abort = new AbortController();
		this.running = abort;
		this.output.info(`rollout: ${request.image} → ${request.candidate}, ${settings.replicas} replicas, parallelism ${settings.policy.parallelism}, ${settings.policy.order}, on ${host.host} (${host.source})`);
		try {
			const report = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Patchlens: rolling out ${request.candidate}`, cancellable: true }, (progress, token) => {
				token.onCancellationRequested(() => abort.abort());
				return runRollout({
					orchestrator: new SwarmOrchestrator(dockerOptions(host.host)), runId: newRunId(), image: request.image, candidate: request.candidate,
					replicas: settings.replicas, policy: settings.policy, rollback: false, stopGraceMs: 10_000, timeoutMs: 600_000, signal: abort.signal,
					onPhase: (kind, ready) => progress.report({ message: `${PHASE_WORD[kind]}: ${ready}/${settings.replicas} ready` }),
				});
			});
			this.lastReport = report;
			this.output.info(`rollout ${report.runId}: update ${report.update.outcome}${report.update.convergedMs !== undefined ? ` in ${Math.round(report.update.convergedMs)} ms` : ''}, min ready ${report.update.minReady}/${report.replicas}`);
			this.changed.fire(report);
			return { kind: 'done', report };
		} catch (error) {
			if (error instanceof RolloutCancelledError || abort.signal.aborted) {
				this.output.info('rollout cancelled; its service was removed');
				return { kind: 'cancelled' };
			}
			const message = (error as Error).message;
			this.output.error(`rollout on ${host.host} failed: ${message}`);
			void vscode.window.showErrorMessage(`Patchlens: the rollout on ${host.host} (${host.source}) failed: ${message}`);
			return { kind: 'failed', message };
		} finally {
			this.running = undefined;
		}
	}
}

// The model's estimate of an image's warm startup for lenses that have no measurement yet. The cost
// model (bench/estimate.ts) needs the image's layer count, read from the local engine once per image
// in the background; until it is known, or when the image is not on the engine, there is no estimate.
import * as vscode from 'vscode';
import { DockerExecutor } from '../../../startup/src/dockerExecutor';
import { resolveDockerHost } from '../../../startup/src/dockerHost';
import { calibrate, predictWarmReady, type CostModel } from '../../../startup/src/estimate';
import { imageKey } from '../dockerfile/imageKey';
import type { ResultsRepository } from '../results/resultsRepository';
import { benchmarkSettings } from '../settings';

export class StartupEstimator implements vscode.Disposable {
	private readonly changed = new vscode.EventEmitter<void>();
	/** Fires when a layer count arrived or the model was refitted. */
	readonly onDidChange = this.changed.event;
	private readonly layers = new Map<string, number | null | 'pending'>();
	private model: CostModel | undefined;
	private readonly subscriptions: vscode.Disposable[];

	constructor(private readonly results: ResultsRepository) {
		this.subscriptions = [
			results.onDidChange(() => (this.model = undefined)),
			vscode.workspace.onDidChangeConfiguration(e => {
				if (e.affectsConfiguration('patchlens.docker.host')) this.layers.clear();
			}),
		];
	}

	/** Estimated median ms, or undefined while (or when) the model cannot say. */
	estimate = (image: string, concurrency: number): number | undefined => {
		// Reading image metadata talks to the engine: not in an untrusted workspace.
		if (!vscode.workspace.isTrusted) return undefined;
		const key = imageKey(image);
		const count = this.layers.get(key);
		if (count === undefined) {
			this.layers.set(key, 'pending');
			void this.lookUp(image, key);
			return undefined;
		}
		if (count === null || count === 'pending') return undefined;
		this.model ??= calibrate(this.results.all());
		return predictWarmReady(this.model, count, concurrency);
	};

	private async lookUp(image: string, key: string): Promise<void> {
		const host = resolveDockerHost(benchmarkSettings().dockerHost).host;
		const local = await new DockerExecutor(host).inspectImage(image).catch(() => undefined);
		this.layers.set(key, local ? local.layers.length : null);
		if (local) this.changed.fire();
	}

	dispose(): void {
		this.changed.dispose();
		this.subscriptions.forEach(d => d.dispose());
	}
}

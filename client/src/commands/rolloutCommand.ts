// "Roll Out the Bump on a Swarm": the final FROM's image (CURRENT) rolled to a bump the server proposes
// (or one the user types) as a real Swarm service update; the report panel then shows it.
import * as vscode from 'vscode';
import { fromLines } from '../dockerfile/fromLines';
import type { RolloutController, RolloutOutcome } from '../run/rolloutController';
import { benchmarkSettings } from '../settings';
import { requireTrust } from '../trust';
import { imagesForFrom } from './benchmarkCommands';

/** Arguments for a scripted call (tests, keybindings): both images given, nothing asked. */
export interface RolloutArgs {
	image: string;
	candidate: string;
	/** A swarm manager other than `patchlens.rollout.host`'s. */
	host?: string;
}

const isArgs = (arg: unknown): arg is RolloutArgs => typeof (arg as RolloutArgs)?.image === 'string' && typeof (arg as RolloutArgs)?.candidate === 'string';

async function pickCandidate(image: string, bumps: string[]): Promise<string | undefined> {
	const other = { label: '$(edit) Another image…', other: true };
	const picks = [...bumps.map(b => ({ label: b, description: 'proposed bump', other: false })), other];
	const chosen = bumps.length ? await vscode.window.showQuickPick(picks, { title: `Roll out a bump of ${image}`, placeHolder: 'The image every task is updated to' }) : other;
	if (!chosen) return undefined;
	if (!chosen.other) return chosen.label;
	return vscode.window.showInputBox({ title: `Roll out a bump of ${image}`, prompt: 'Image to update the service to (a registry reference every swarm node can pull)', value: image });
}

/** CURRENT and NEW from the active Dockerfile's final FROM, asking for NEW. */
async function imagesFromEditor(): Promise<{ image: string; candidate: string; scope: vscode.Uri } | undefined> {
	const document = vscode.window.activeTextEditor?.document;
	if (document?.languageId !== 'dockerfile') {
		void vscode.window.showInformationMessage('Open a Dockerfile: the rollout updates a service from its final base image to a bump.');
		return undefined;
	}
	const final = [...fromLines(document.getText(), benchmarkSettings(document.uri).buildArgs)].reverse().find(f => f.inFinalImage);
	if (!final) {
		void vscode.window.showInformationMessage('The final stage has no base image to roll out (scratch or an unresolved ARG).');
		return undefined;
	}
	const [image, ...bumps] = await imagesForFrom(document, final);
	const candidate = await pickCandidate(image, bumps);
	return candidate ? { image, candidate, scope: document.uri } : undefined;
}

export async function rolloutSwarm(controller: RolloutController, arg: unknown, show: () => void): Promise<RolloutOutcome | undefined> {
	if (!(await requireTrust('run a rollout on a swarm'))) return { kind: 'refused', reason: 'untrusted workspace' };
	if (controller.isRunning) {
		void vscode.window.showInformationMessage('A Patchlens rollout is already running.');
		return { kind: 'refused', reason: 'a rollout is already running' };
	}
	const request = isArgs(arg) ? { image: arg.image, candidate: arg.candidate, host: arg.host } : await imagesFromEditor();
	if (!request) return undefined;
	const outcome = await controller.run(request);
	if (outcome.kind === 'done') show();
	return outcome;
}

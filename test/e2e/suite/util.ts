import * as http from 'node:http';
import * as vscode from 'vscode';
import type { PatchlensApi } from '../../../client/src/workbench';

export function workspaceFile(name: string): vscode.Uri {
	const folder = vscode.workspace.workspaceFolders?.[0];
	if (!folder) throw new Error('the e2e run needs a workspace folder');
	return vscode.Uri.joinPath(folder.uri, name);
}

/** Polls the diagnostics of `uri` from the patchlens source until `accept` holds (or times out). */
export async function waitForDiagnostics(uri: vscode.Uri, accept: (d: vscode.Diagnostic[]) => boolean, timeoutMs = 30_000): Promise<vscode.Diagnostic[]> {
	const deadline = Date.now() + timeoutMs;
	let diagnostics: vscode.Diagnostic[] = [];
	while (Date.now() < deadline) {
		diagnostics = vscode.languages.getDiagnostics(uri).filter(d => d.source === 'patchlens');
		if (accept(diagnostics)) return diagnostics;
		await sleep(100);
	}
	throw new Error(`diagnostics for ${uri.fsPath} did not arrive in ${timeoutMs} ms; last: ${JSON.stringify(diagnostics.map(d => d.message))}`);
}

export function codeOf(d: vscode.Diagnostic): string {
	return String(typeof d.code === 'object' ? d.code.value : d.code);
}

export const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Polls `probe` until it returns something truthy. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(100);
	}
}

export async function patchlens(): Promise<PatchlensApi> {
	const extension = vscode.extensions.getExtension<PatchlensApi>('patchlens.patchlens');
	if (!extension) throw new Error('the Patchlens extension is not installed in this VS Code');
	return extension.activate();
}

/** The code lenses VS Code shows for `uri` (every provider), with their titles. */
export async function lensesOf(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
	return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
}

export async function setSetting(key: string, value: unknown): Promise<void> {
	await vscode.workspace.getConfiguration('patchlens').update(key, value, vscode.ConfigurationTarget.Global);
}

/** Containers on the engine carrying `label` (e.g. `patchlens=<run id>`), straight from the Engine API. */
export function containersWithLabel(label: string): Promise<{ Id: string; Labels: Record<string, string> }[]> {
	const filters = encodeURIComponent(JSON.stringify({ label: [label] }));
	return engineGet(`/containers/json?all=1&filters=${filters}`);
}

function engineSocket(): string {
	const host = process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
	if (!host.startsWith('unix://')) throw new Error(`the e2e suite talks to a local socket engine, not ${host}`);
	return host.slice('unix://'.length);
}

/** One Engine API GET on the local socket, its JSON answer. */
export function engineGet<T>(path: string): Promise<T> {
	return new Promise((resolve, reject) => {
		const request = http.get({ socketPath: engineSocket(), path }, response => {
			let body = '';
			response.on('data', chunk => (body += chunk));
			response.on('end', () => {
				try {
					resolve(JSON.parse(body));
				} catch (error) {
					reject(error);
				}
			});
		});
		request.on('error', reject);
	});
}

/** One Engine API call on the local socket; resolves with the status code (the e2e suite tags fixtures). */
export function engineCall(method: string, path: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const request = http.request({ socketPath: engineSocket(), path, method }, response => {
			response.resume();
			response.on('end', () => resolve(response.statusCode ?? 0));
		});
		request.on('error', reject);
		request.end();
	});
}

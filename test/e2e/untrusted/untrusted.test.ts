// Restricted mode: an untrusted workspace gets diagnostics from the bundled data, never a registry
// lookup (even with `patchlens.online` on in the user's settings), no lens that would start a
// container, and container commands that are disabled and, if run anyway, start nothing.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as vscode from 'vscode';
import { codeOf, containersWithLabel, lensesOf, patchlens, sleep, waitForDiagnostics, workspaceFile } from '../suite/util';

const CONTAINER_COMMANDS = ['patchlens.benchmarkImage', 'patchlens.benchmarkFrom', 'patchlens.benchmarkDockerfile', 'patchlens.sweepContainers'];

describe('Patchlens in an untrusted workspace', () => {
	let registry: http.Server;
	const requests: string[] = [];
	before(async () => {
		// The registry mirror the extension host was started with (test-e2e.sh): any request is a lookup.
		const port = Number(new URL(process.env.PATCHLENS_REGISTRY_MIRROR!.split('=')[1]).port);
		registry = http.createServer((req, res) => { requests.push(`${req.method} ${req.url}`); res.writeHead(404).end(); });
		await new Promise<void>(resolve => registry.listen(port, '127.0.0.1', resolve));
	});
	after(() => new Promise<void>(resolve => registry.close(() => resolve())));

	it('is in restricted mode, with registry lookups switched on in the user settings', () => {
		assert.equal(vscode.workspace.isTrusted, false);
		assert.equal(vscode.workspace.getConfiguration('patchlens').get('online'), true);
	});

	it('lints with the bundled lifecycle data and asks no registry', async () => {
		const uri = workspaceFile('bench/Dockerfile');
		await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
		// python:3.12.1-slim is behind per the bundled data: PL103 needs no lookup.
		const diagnostics = await waitForDiagnostics(uri, d => d.some(x => codeOf(x) === 'PL103'));
		console.log('untrusted diagnostics:', JSON.stringify(diagnostics.map(d => codeOf(d))));
		// A trusted online server starts its lookups right after the first analysis; give it the chance.
		await sleep(3000);
		assert.deepEqual(requests, []);
		assert.ok(!diagnostics.some(d => codeOf(d) === 'PL106'), 'no registry-based finding');
	});

	it('shows no lens that would start a container, and its container commands are disabled', async () => {
		const lenses = await lensesOf(workspaceFile('bench/Dockerfile'));
		assert.deepEqual(lenses.filter(l => l.command?.command.startsWith('patchlens.')).map(l => l.command!.title), []);
		const contributed = (vscode.extensions.getExtension('patchlens.patchlens')!.packageJSON.contributes.commands) as { command: string; enablement?: string }[];
		for (const command of CONTAINER_COMMANDS) {
			assert.equal(contributed.find(c => c.command === command)?.enablement, 'isWorkspaceTrusted', `${command} is disabled in restricted mode`);
		}
	});

	it('starts no container when the lens command is run anyway (it explains why instead)', async () => {
		const mine = async () => (await containersWithLabel('patchlens')).filter(c => c.Labels['patchlens.pid'] === String(process.pid));
		const api = await patchlens();
		// In a trusted workspace this measures `FROM 127.0.0.1:5000/patchlens/fast:1` (line 2) at once.
		// Not awaited: the command waits on its "not trusted" notification, which nobody dismisses here.
		void vscode.commands.executeCommand('patchlens.benchmarkFrom', workspaceFile('bench/Dockerfile'), 1);
		await sleep(3000);
		assert.deepEqual(await mine(), []);
		assert.equal(api.controller.isRunning, false);
	});
});

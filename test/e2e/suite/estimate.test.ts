// The estimated startup cost of a proposed bump in the real VS Code (issue 14): with registry look-ups on
// (docker.io mirrored to the local registry by scripts/test-e2e.sh, so nothing leaves 127.0.0.1), the lens
// above `FROM python:3.12.1-slim` shows the estimate for its bump once it arrives, with the breakdown as
// tooltip, and the hover on the FROM carries it. Runs before the benchmark suite: nothing measured yet.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { engineCall, engineGet, lensesOf, patchlens, setSetting, waitFor, workspaceFile } from './util';

const PYTHON_LINE = 5; // bench/Dockerfile: FROM python:3.12.1-slim
const CANDIDATE = 'python:3.12.11-slim';
const IN_REGISTRY = { repo: '127.0.0.1:5000/library/python', tag: '3.12.11-slim' };

/**
 * A bump is estimated before anything is pulled, so the candidate must not be on the engine: remove it (every
 * name it has), which leaves the base layers it shares with python:3.12.1-slim. Returns how to put it back.
 */
async function takeCandidateOffEngine(): Promise<() => Promise<void>> {
	const image = await engineGet<{ Id: string; RepoTags: string[] }>(`/images/${CANDIDATE}/json`);
	assert.equal(await engineCall('DELETE', `/images/${image.Id}?force=1`), 200, `remove ${CANDIDATE} from the engine`);
	return async () => {
		assert.equal(await engineCall('POST', `/images/create?fromImage=${encodeURIComponent(IN_REGISTRY.repo)}&tag=${IN_REGISTRY.tag}`), 200);
		for (const name of image.RepoTags) {
			const at = name.lastIndexOf(':');
			const path = `/images/${encodeURIComponent(`${IN_REGISTRY.repo}:${IN_REGISTRY.tag}`)}/tag?repo=${encodeURIComponent(name.slice(0, at))}&tag=${encodeURIComponent(name.slice(at + 1))}`;
			assert.equal(await engineCall('POST', path), 201, `tag ${name} again`);
		}
		assert.equal((await engineGet<{ Id: string }>(`/images/${CANDIDATE}/json`)).Id, image.Id, `${CANDIDATE} is back as it was`);
	};
}

describe('estimated bump lens (issue 14)', function () {
	this.timeout(120_000);
	const bench = () => workspaceFile('bench/Dockerfile');

	let restore: (() => Promise<void>) | undefined;
	before(async () => {
		await patchlens();
		await vscode.commands.executeCommand('patchlens.clearResults', { confirm: false });
		restore = await takeCandidateOffEngine(); // before look-ups start: the engine's layers are read once
		await setSetting('online', true);
	});
	after(async () => {
		await setSetting('online', false);
		await restore?.();
	});

	it('shows "≈ … first start after bump (…) · warm … (estimated)" above the FROM, with the breakdown', async () => {
		await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(bench()));
		const lens = await waitFor('the estimated bump lens', async () => (await lensesOf(bench())).find(l =>
			l.range.start.line === PYTHON_LINE && /bump to 3\.12\.11-slim: \u2248 /.test(l.command?.title ?? '')), 90_000);
		const title = lens.command!.title;
		console.log(`estimated bump lens: ${title}`);
		// The fixture recipe (scripts/env/up.sh): python images share the base and stdlib layers; 3.12.11-slim adds its
		// version file and 8 MiB of random padding, which no compression shrinks.
		const shape = /bump to 3\.12\.11-slim: \u2248 \+[^\u00b7]* first start after bump \((\d+) new layers, ([\d.]+) MB\) \u00b7 warm [+\u2212\u00b1][^(]*\(estimated\)$/.exec(title);
		assert.ok(shape, `lens title: ${title}`);
		assert.equal(Number(shape[1]), 2);
		assert.ok(Number(shape[2]) >= 8.3, `${shape[2]} MB for 8 MiB of random bytes`);
		assert.match(lens.command!.tooltip ?? '', /first container ready after .* \(interval .*\)/);
		assert.match(lens.command!.tooltip ?? '', /documented defaults|calibrated on this engine/);
	});

	it('the hover on the FROM carries the same estimate', async () => {
		const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', bench(), new vscode.Position(PYTHON_LINE, 2)) ?? [];
		const text = hovers.flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : c.value))).join('\n');
		assert.match(text, /Startup after bump to `python:3\.12\.11-slim`/);
		assert.match(text, /first start after bump/);
	});
});

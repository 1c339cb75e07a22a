// The estimated startup cost of a proposed bump in the real VS Code (issue 14): with registry look-ups on
// (docker.io mirrored to the local registry by scripts/test-e2e.sh, so nothing leaves 127.0.0.1), the lens
// above `FROM python:3.12.1-slim` shows the estimate for its bump once it arrives, with the breakdown as
// tooltip, and the hover on the FROM carries it. Runs before the benchmark suite: nothing measured yet.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { lensesOf, patchlens, setSetting, waitFor, workspaceFile } from './util';

const PYTHON_LINE = 5; // bench/Dockerfile: FROM python:3.12.1-slim

describe('estimated bump lens (issue 14)', function () {
	this.timeout(120_000);
	const bench = () => workspaceFile('bench/Dockerfile');

	before(async () => {
		await patchlens();
		await vscode.commands.executeCommand('patchlens.clearResults', { confirm: false });
		await setSetting('online', true);
	});
	after(async () => {
		await setSetting('online', false);
	});

	it('shows "≈ … first start after bump (…) · warm … (estimated)" above the FROM, with the breakdown', async () => {
		await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(bench()));
		const lens = await waitFor('the estimated bump lens', async () => (await lensesOf(bench())).find(l =>
			l.range.start.line === PYTHON_LINE && /bump to 3\.12\.11-slim: \u2248 /.test(l.command?.title ?? '')), 90_000);
		const title = lens.command!.title;
		console.log(`estimated bump lens: ${title}`);
		assert.match(title, /bump to 3\.12\.11-slim: \u2248 [+\u2212\u00b1][^\u00b7]* first start after bump \((no new layers|\d+ new layers?, [\d.]+ MB)\) \u00b7 warm [+\u2212\u00b1][^(]*\(estimated\)$/);
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

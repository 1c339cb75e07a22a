// "Update Lifecycle Data": the CLI's `patchlens update-data` from the editor. Fetches endoflife.date into
// the user's cache (the address can be changed with PATCHLENS_EOL_API), then restarts the language server,
// which merges that file over its bundled data when it starts.
import * as vscode from 'vscode';
import { updateLifecycleData } from '../../../server/src/registry/lifecycleUpdate';

export type UpdateDataOutcome = { ok: true; file: string; updated: number; failed: number } | { ok: false; message: string };

export async function updateLifecycleDataCommand(output: vscode.LogOutputChannel, restartServer: () => Promise<void>): Promise<UpdateDataOutcome> {
	const result = await vscode.window.withProgress({
		location: vscode.ProgressLocation.Notification,
		title: 'Patchlens: updating lifecycle data from endoflife.date',
		cancellable: false,
	}, () => updateLifecycleData());
	if (!result.ok) {
		const message = `${result.error.message}; the bundled data stays in use`;
		output.error(`update-data failed: ${message}`);
		void vscode.window.showErrorMessage(`Patchlens could not update its lifecycle data: ${message}.`);
		return { ok: false, message };
	}
	const { file, updated, failed } = result.value;
	for (const f of failed) output.warn(`update-data: ${f.product}: ${f.message}; keeping the bundled data for it`);
	output.info(`update-data: ${updated.length} product(s) written to ${file}`);
	await restartServer();
	void vscode.window.showInformationMessage(`Patchlens updated the lifecycle data of ${updated.length} product(s)${failed.length ? ` (${failed.length} kept from the bundled data, see output)` : ''}; diagnostics use it now.`);
	return { ok: true, file, updated: updated.length, failed: failed.length };
}

// Palette, menu and lens commands that start a benchmark.
import * as vscode from 'vscode';
import { DockerExecutor } from '../../../startup/src/dockerExecutor';
import { resolveDockerHost } from '../../../startup/src/dockerHost';
import { bumpCandidates } from '../dockerfile/bumpCandidates';
import { fromLines, type FromLine } from '../dockerfile/fromLines';
import { sameImage } from '../dockerfile/imageKey';
import type { BenchmarkController, RunOutcome } from '../run/benchmarkController';
import { benchmarkSettings } from '../settings';
import { requireTrust } from '../trust';
import { targetDockerfile } from './targets';

/** A FROM's image plus the bumps the server proposes for it; the current image is the baseline. */
export async function imagesForFrom(document: vscode.TextDocument, from: FromLine): Promise<string[]> {
	const buildArgs = benchmarkSettings(document.uri).buildArgs;
	const line = new vscode.Range(from.line, 0, from.line, Number.MAX_SAFE_INTEGER);
	const bumps = (await bumpCandidates(document, buildArgs, line)).filter(b => b.from.line === from.line).map(b => b.image);
	return [from.image, ...bumps.filter((b, i) => !sameImage(b, from.image) && bumps.indexOf(b) === i)];
}

/** The code lens command: benchmark the FROM on `line` (and its proposed bump). */
export async function benchmarkFrom(controller: BenchmarkController, uri: vscode.Uri, line: number): Promise<RunOutcome | undefined> {
	if (!(await requireTrust('run benchmark containers'))) return undefined;
	const document = await vscode.workspace.openTextDocument(uri);
	const from = fromLines(document.getText(), benchmarkSettings(uri).buildArgs).find(f => f.line === line);
	if (!from) {
		void vscode.window.showInformationMessage(`Line ${line + 1} no longer has a FROM with an image to measure.`);
		return undefined;
	}
	const images = await imagesForFrom(document, from);
	return controller.run({ images, title: `${vscode.workspace.asRelativePath(uri)}:${line + 1}`, scope: uri, includeLensConcurrency: true });
}

/**
 * "Benchmark Startup of This Dockerfile": builds it as written and once on each base image the server
 * proposes for its final stage, then benchmarks the builds against each other (as `patchlens bench`).
 */
export async function benchmarkDockerfile(controller: BenchmarkController, arg: unknown): Promise<RunOutcome | undefined> {
	if (!(await requireTrust('build images and run benchmark containers'))) return undefined;
	const document = await targetDockerfile(arg);
	if (!document) return undefined;
	if (document.uri.scheme !== 'file') {
		void vscode.window.showInformationMessage('Save the Dockerfile first: the build needs its folder as the context.');
		return undefined;
	}
	// The build reads the file from disk, as docker build would.
	if (document.isDirty && !(await document.save())) return undefined;
	const froms = fromLines(document.getText(), benchmarkSettings(document.uri).buildArgs);
	const final = [...froms].reverse().find(f => f.inFinalImage);
	const bumps = final ? (await imagesForFrom(document, final)).slice(1) : [];
	return controller.run({
		images: [], title: vscode.workspace.asRelativePath(document.uri), scope: document.uri,
		build: { dockerfile: document.uri.fsPath, variants: bumps.map(image => ({ label: image, baseImageOverride: image })) },
	});
}

interface ImagePick extends vscode.QuickPickItem {
	image: string;
}

/** "Benchmark an Image…": pick local images and the file's FROMs; the first picked is the baseline. */
export async function benchmarkImage(controller: BenchmarkController): Promise<RunOutcome | undefined> {
	if (!(await requireTrust('run benchmark containers'))) return undefined;
	const document = vscode.window.activeTextEditor?.document;
	const picks: (ImagePick | vscode.QuickPickItem)[] = [];
	if (document?.languageId === 'dockerfile') {
		const froms = fromLines(document.getText(), benchmarkSettings(document.uri).buildArgs);
		if (froms.length) picks.push({ label: vscode.workspace.asRelativePath(document.uri), kind: vscode.QuickPickItemKind.Separator });
		for (const f of froms) picks.push({ label: f.image, description: `FROM, line ${f.line + 1}`, image: f.image, iconPath: new vscode.ThemeIcon('file') });
	}
	const local = await localImages();
	if (local.ok) {
		picks.push({ label: 'Local images', kind: vscode.QuickPickItemKind.Separator });
		for (const image of local.images) picks.push({ label: image.ref, description: image.detail, image: image.ref, iconPath: new vscode.ThemeIcon('package') });
	}
	const selectable = picks.filter((p): p is ImagePick => 'image' in p);
	if (!selectable.length) {
		void vscode.window.showWarningMessage(local.ok ? 'No images to benchmark: the engine has no tagged images and no Dockerfile is open.' : `Cannot list images: ${local.message}`);
		return undefined;
	}
	const chosen = await vscode.window.showQuickPick(picks, {
		title: 'Patchlens: Benchmark Images',
		placeHolder: local.ok ? 'Pick one image, or several to compare (the first picked is the baseline)' : `Local images unavailable (${local.message}); pick from the Dockerfile`,
		canPickMany: true,
		matchOnDescription: true,
	}) as ImagePick[] | undefined;
	if (!chosen?.length) return undefined;
	const images = chosen.map(c => c.image).filter((image, i, all) => all.findIndex(x => sameImage(x, image)) === i);
	return controller.run({ images, title: images.length > 1 ? `${images.length} images` : images[0], scope: document?.uri });
}

async function localImages(): Promise<{ ok: true; images: { ref: string; detail: string }[] } | { ok: false; message: string }> {
	const host = resolveDockerHost(benchmarkSettings().dockerHost);
	try {
		const list = await new DockerExecutor(host.host).docker.listImages();
		const images = list.flatMap(i => (i.RepoTags ?? []).filter(t => t !== '<none>:<none>').map(ref => ({ ref, detail: `${(i.Size / 1e6).toFixed(0)} MB` })));
		return { ok: true, images: images.sort((a, b) => a.ref.localeCompare(b.ref)) };
	} catch (error) {
		return { ok: false, message: (error as Error).message };
	}
}

// Words for an estimate, shared by the CLI, the lens, the hover and the quick-fix titles:
// `≈ +1.3 s first start after bump (3 new layers, 48 MB) · warm ±0 ms (estimated)`.
import type { Calibration } from './model';
import type { EstimateAnswer } from './service';

function seconds(ms: number): string {
	return Math.abs(ms) >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

function signedSeconds(ms: number): string {
	if (Math.round(ms) === 0) return '\u00b10 ms';
	return `${ms > 0 ? '+' : '\u2212'}${seconds(Math.abs(ms))}`;
}

function megabytes(bytes: number): string {
	return bytes >= 10e6 ? `${Math.round(bytes / 1e6)} MB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

export function layersPhrase(a: Pick<EstimateAnswer, 'newLayers' | 'newBytes'>): string {
	return a.newLayers ? `${a.newLayers} new layer${a.newLayers === 1 ? '' : 's'}, ${megabytes(a.newBytes)}` : 'no new layers';
}

/** The one-line figure: lens text, hover line, quick-fix title suffix. */
export function estimateLine(a: EstimateAnswer): string {
	const approx = a.source === 'estimated' ? '\u2248 ' : '';
	const warm = `warm ${signedSeconds(a.warmDeltaMs)}`;
	return `${approx}${signedSeconds(a.firstStartDeltaMs)} first start after bump (${layersPhrase(a)}) \u00b7 ${warm} (${a.source})`;
}

export function calibrationSentence(c: Calibration): string {
	if (c.source === 'defaults') return 'documented defaults with a wide interval: no cold runs on this engine yet (calibrate with `patchlens bench --image IMAGE --mode cold`)';
	return `calibrated on this engine from ${c.pullObservations} cold pull(s) and ${c.startObservations} warm level(s)`;
}

/** Why the warm difference is what it is (warm.ts): learnt from warm comparisons, or layer counts only. */
export function warmBasis(w: { basis: 'kin' | 'command' | 'layers'; comparisons: number }): string {
	switch (w.basis) {
		case 'kin': return `(learnt from ${w.comparisons} warm comparison(s) on this engine, images of both repositories and commands among them)`;
		case 'command': return `(learnt from ${w.comparisons} warm comparison(s) on this engine of images running the same commands)`;
		case 'layers': return '(layer counts only: no warm run on this engine compared images running these commands)';
	}
}

/** The breakdown: lens tooltip, hover body, `patchlens estimate` text. */
export function estimateDetails(a: EstimateAnswer): string[] {
	const lines = [
		`${a.candidate} at ${a.concurrency} container(s) at once: first container ready after ${seconds(a.coldStartMs)} (interval ${seconds(a.coldStartInterval[0])}\u2013${seconds(a.coldStartInterval[1])})`,
	];
	if (a.source === 'estimated') {
		const b = a.breakdown;
		lines.push(`pull ${seconds(b.totalMs)}: ${b.layers} layer(s) to download, ${megabytes(b.compressedBytes)} at the registry's bandwidth ${seconds(b.downloadMs)}, unpack ${megabytes(b.unpackedBytes)} ${seconds(b.unpackMs)}, ${b.files.toLocaleString('en-US')} files ${seconds(b.filesMs)}, per-layer and fixed costs ${seconds(b.layerMs + b.fixedMs)}${b.estimatedLayers ? ` (sizes of ${b.estimatedLayers} layer(s) estimated from ratios)` : ''}`);
		lines.push(`start ${seconds(b.startMs)} with ${a.concurrency} starting at once; warm difference ${signedSeconds(a.warmDeltaMs)} ${warmBasis(a.warm)}`);
	} else {
		lines.push(`measured on this engine at ${a.measuredAt}`);
	}
	lines.push(calibrationSentence(a.calibration));
	return lines;
}

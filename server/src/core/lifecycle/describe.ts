// Sentences shared by lifecycle findings and hovers: what a line's status is, and what to move to.
import type { Assessment, Candidate } from './assess';
import type { AnalysisOptions } from '../options';
import { referenceWith, supportedUntil, targetOf } from './fixes';
import { lineName, supportedLines } from './lookup';

export { statusSentence } from './phase';

/** `Move to python:3.14.7-slim (Python 3.14, supported until 2030-10-31).` or the best available advice. */
export function moveToSentence(a: Assessment, candidates: (Candidate | undefined)[], now: Date): string {
	const best = candidates.find(Boolean);
	if (best && a.product) {
		const move = best.distribution ? `, which also moves ${best.distribution.name} ${best.distribution.from.cycle} to ${best.distribution.to.cycle}` : '';
		return `Move to \`${referenceWith(a, best.tag)}\` (${lineName(a.product, best.line)}, ${supportedUntil(best.line)}${move}).`;
	}
	const lines = a.product ? supportedLines(a.product, now) : [];
	if (lines.length && a.product) {
		const newest = lines[0];
		return `Move to a supported line such as ${lineName(a.product, newest)} (${supportedUntil(newest)}); no published tag of it keeps the variant \`${a.tag.variant}\`.`;
	}
	return 'No supported line is listed in the data.';
}

/** The "Move to …" sentence of every lifecycle finding on a FROM: its one target when there is one. */
export function targetSentence(a: Assessment, options: AnalysisOptions): string {
	const target = targetOf(a, options);
	const sentence = moveToSentence(a, [target?.candidate], options.now);
	if (!target) return sentence;
	const remains = target.remains.length ? ` It leaves ${target.remains.join(', ')}.` : '';
	return `${sentence.replace(/\.$/, '')}; it settles ${target.settles.join(', ')}.${remains}`;
}

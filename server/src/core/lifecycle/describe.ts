// Sentences shared by lifecycle findings and hovers: what a line's status is, and what to move to.
import type { Assessment, Candidate } from './assess';
import { referenceWith, supportedUntil } from './fixes';
import type { LineStatus } from './lookup';
import { lineName, supportedLines } from './lookup';

/** `reached end of life on 2024-10-07`, with extended support when the data has it. */
export function statusSentence(status: LineStatus, now: Date): string {
	const extended = (until?: string) => until ? `; extended support (LTS/ESM) until ${until}` : '';
	switch (status.kind) {
		case 'eol':
			if (status.extendedUntil) return `ended regular support${status.since ? ` on ${status.since}` : ''}; LTS/extended support until ${status.extendedUntil}`;
			return `${status.since ? `reached end of life on ${status.since}` : 'is past end of life'}${status.extendedEnded ? ` (extended support ended ${status.extendedEnded})` : ''}`;
		case 'nearing-eol':
			return `reaches end of life on ${status.eol} (in ${status.daysLeft} day${status.daysLeft === 1 ? '' : 's'})${extended(status.extendedUntil)}`;
		case 'supported':
			return status.eol ? `is supported until ${status.eol} (${status.daysLeft} days from ${now.toISOString().slice(0, 10)})` : 'is supported (no end of life announced)';
	}
}

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

// The one place that decides where a release line is in its life at an explicit `now`, and the
// sentence that says so. PL101 (end of life), PL102 (extended support or end of life soon), PL107
// (the variant's OS) and the hover all read this, so their wording cannot contradict each other.
//
// Phases: active (full support) → security-only (bug fixes ended at `eoas`, security fixes go on
// until `eol`) → extended (regular support ended at `eol`; someone named still ships security fixes
// until `eoes`) → end of life. Only extended support that reaches the public image — free, or a
// subscription the user attaches to that same image — counts as a phase of its own; a vendor's
// paid support for its own builds (Node.js, MariaDB, RabbitMQ "commercial support") does not patch
// the image, so for it the line is at end of life and the message says so.
import type { ReleaseLine } from './dataset';

const DAY_MS = 86_400_000;

/** Who keeps shipping security fixes after `eol`, per endoflife.date product id. */
export const EXTENDED_SUPPORT: Readonly<Record<string, string>> = {
	debian: 'the Debian LTS team (free, through the regular Debian archive)',
	ubuntu: 'Canonical\'s Expanded Security Maintenance (an Ubuntu Pro subscription; the public image gets the fixes only with Pro attached)',
	rhel: 'Red Hat\'s Extended Life Cycle Support add-on (a subscription)',
	'oracle-linux': 'Oracle Extended Support (a support contract)',
};

export type LineStatus =
	/** Full or security-only support; `securityOnlySince` when bug fixes already ended. */
	| { kind: 'supported'; eol?: string; daysLeft?: number; securityOnlySince?: string }
	| { kind: 'nearing-eol'; eol: string; daysLeft: number; securityOnlySince?: string; extendedUntil?: string; extendedBy?: string }
	| { kind: 'extended'; since?: string; until: string; daysLeft: number; by: string }
	| { kind: 'eol'; since?: string; extendedEnded?: string; commercialUntil?: string };

/** Status of `line` of product `productId` at `now`; `warnDays` is the PL102 window. */
export function lineStatus(line: ReleaseLine, now: Date, warnDays: number, productId = ''): LineStatus {
	const by = EXTENDED_SUPPORT[productId];
	const eoes = typeof line.eoes === 'string' ? line.eoes : undefined;
	const extendedLeft = eoes ? daysUntil(eoes, now) : 0;
	const securityOnlySince = typeof line.eoas === 'string' && daysUntil(line.eoas, now) <= 0 && line.eoas !== line.eol ? { securityOnlySince: line.eoas } : {};
	if (line.eol === true || (typeof line.eol === 'string' && daysUntil(line.eol, now) <= 0)) {
		const since = typeof line.eol === 'string' ? { since: line.eol } : {};
		if (eoes && extendedLeft > 0) {
			return by ? { kind: 'extended', ...since, until: eoes, daysLeft: extendedLeft, by } : { kind: 'eol', ...since, commercialUntil: eoes };
		}
		return { kind: 'eol', ...since, ...(eoes && by ? { extendedEnded: eoes } : {}) };
	}
	if (typeof line.eol !== 'string') return { kind: 'supported', ...securityOnlySince };
	const daysLeft = daysUntil(line.eol, now);
	if (daysLeft <= warnDays) {
		const extended = eoes && by && extendedLeft > 0 ? { extendedUntil: eoes, extendedBy: by } : {};
		return { kind: 'nearing-eol', eol: line.eol, daysLeft, ...securityOnlySince, ...extended };
	}
	return { kind: 'supported', eol: line.eol, daysLeft, ...securityOnlySince };
}

/** True when the line still gets security fixes from its project without the user doing anything. */
export function isHealthy(status: LineStatus): boolean {
	return status.kind === 'supported';
}

/**
 * `reached end of life on 2024-10-07`, `left regular support on 2026-07-11; the Debian LTS team
 * (…) ships security fixes until 2028-06-30`, `gets security fixes only (bug fixes ended …) until …`.
 * True at every point of a line's life: never "no more security fixes" while someone ships them.
 */
export function statusSentence(status: LineStatus, now: Date): string {
	switch (status.kind) {
		case 'eol': {
			const base = status.since ? `reached end of life on ${status.since}` : 'is past end of life';
			if (status.extendedEnded) return `${base} (extended support ended ${status.extendedEnded})`;
			if (status.commercialUntil) return `${base} (only paid vendor support continues, until ${status.commercialUntil}; the public image gets no fixes)`;
			return base;
		}
		case 'extended':
			return `left regular support${status.since ? ` on ${status.since}` : ''}; security fixes continue from ${status.by} until ${status.until} (${days(status.daysLeft)} from ${isoDay(now)})`;
		case 'nearing-eol': {
			const extended = status.extendedUntil ? `; after that ${status.extendedBy} ships security fixes until ${status.extendedUntil}` : '';
			return `${securityOnly(status.securityOnlySince)}reaches end of life on ${status.eol} (in ${days(status.daysLeft)})${extended}`;
		}
		case 'supported':
			if (!status.eol) return `${securityOnly(status.securityOnlySince)}is supported (no end of life announced)`;
			return status.securityOnlySince
				? `gets security fixes only (bug-fix support ended ${status.securityOnlySince}) until ${status.eol} (${days(status.daysLeft!)} from ${isoDay(now)})`
				: `is supported until ${status.eol} (${days(status.daysLeft!)} from ${isoDay(now)})`;
	}
}

/** What the public image gets from now on, for the end of a finding's first sentence. */
export function consequence(status: LineStatus): string {
	switch (status.kind) {
		case 'eol': return 'gets no more security fixes';
		case 'extended': return status.by.startsWith('the Debian') ? 'still gets security fixes, from a smaller team and for fewer packages' : 'gets security fixes only through that subscription';
		case 'nearing-eol': return status.extendedUntil ? 'moves to extended support then' : 'stops getting security fixes then';
		case 'supported': return 'is supported';
	}
}

function securityOnly(since: string | undefined): string {
	return since ? `gets security fixes only (since ${since}) and ` : '';
}

function days(n: number): string {
	return `${n} day${n === 1 ? '' : 's'}`;
}

function isoDay(now: Date): string {
	return now.toISOString().slice(0, 10);
}

/** Whole days from `now` to the start of `date` (UTC); 0 or less once the day has come. */
export function daysUntil(date: string, now: Date): number {
	return Math.ceil((Date.parse(`${date}T00:00:00Z`) - now.getTime()) / DAY_MS);
}

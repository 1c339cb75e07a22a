// What `check --fix` tells on stderr about one file: what it changed, what it refused, what it left
// for a human. Lines are 1-based; "needs review" lines name the flag that would apply the fix.
import type { FixLevel } from '../../server/src/core/finding';
import type { ReviewFix } from '../../server/src/core/fix/applyFixes';
import type { FileFix } from './fix';

export function fixMessages(file: string, fixed: FileFix, level: FixLevel): string[] {
	const out: string[] = [];
	const n = fixed.applied.length;
	if (n) out.push(`fixed ${n} problem${n === 1 ? '' : 's'} in ${file}`);
	for (const r of fixed.rejected) {
		const why = r.reason === 'pin' ? 'it would have removed a digest pin' : 'it would have broken the Dockerfile';
		out.push(`warning: ${file}:${r.line + 1}: left "${r.title}" (${r.code}) unapplied: ${why}`);
	}
	for (const u of fixed.unresolved) out.push(`warning: ${file}:${u.line + 1}: left "${u.title}" (${u.code}) unapplied: the problem remained after it`);
	// One fix may settle several findings of a line: one line for it, naming them all.
	const byFix = new Map<string, ReviewFix[]>();
	for (const r of fixed.needsReview) {
		const key = `${r.line}\u0000${r.title}`;
		byFix.set(key, [...byFix.get(key) ?? [], r]);
	}
	for (const group of byFix.values()) {
		const r = group[0];
		out.push(`needs review: ${file}:${r.line + 1}: "${r.title}" (${group.map(g => g.code).join(', ')}, ${r.level}): not applied; ${reviewHint(r, level)}`);
	}
	return out;
}

function reviewHint(r: ReviewFix, level: FixLevel): string {
	if (r.dropsPin) return 'it removes the digest pin: apply it by hand and pin the new image';
	return r.level === level || r.level === 'patch' ? 'apply it in the editor' : `--fix-level ${r.level} applies it`;
}

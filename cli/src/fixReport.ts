// What `check --fix` tells on stderr about one file: what it changed, what it refused, what it left
// for a human. Lines are 1-based; "needs review" lines name the flag that would apply the fix.
import type { FixLevel } from '../../server/src/core/finding';
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
	for (const r of fixed.needsReview) {
		const hint = r.level === level || r.level === 'patch' ? 'apply it in the editor' : `--fix-level ${r.level} applies it`;
		out.push(`needs review: ${file}:${r.line + 1}: "${r.title}" (${r.code}, ${r.level}): not applied; ${hint}`);
	}
	return out;
}

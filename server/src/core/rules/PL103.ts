import { assessedStages, candidateFixes, referenceWith, resolvedNote } from '../lifecycle/fixes';
import { lineName } from '../lifecycle/lookup';
import { parseTag } from '../image/tagVersion';
import { targetOf } from '../lifecycle/fixes';
import { problemsOf } from '../lifecycle/target';
import type { Assessment } from '../lifecycle/assess';
import type { AnalysisOptions } from '../options';
import { defineRule } from './rule';

/** When the line has other lifecycle findings, the patch is the smallest step and the target settles all. */
function lineNote(a: Assessment, options: AnalysisOptions): string {
	const target = targetOf(a, options);
	if (!target || target.candidate === a.latestPatch) return '';
	return ` That is the smallest step; \`${referenceWith(a, target.candidate.tag)}\` settles ${target.settles.join(', ')} at once.`;
}

export default defineRule({
	code: 'PL103',
	name: 'newer-patch-available',
	severity: 'warning',
	title: 'A newer patch of the same release line is published',
	rationale: 'Patch releases of a line carry security and bug fixes without breaking changes; a tag pinned to an old patch keeps known vulnerabilities. The suggested tag keeps the line and the variant and is really published.',
	*check(ctx) {
		for (const entry of assessedStages(ctx)) {
			const a = entry.assessment;
			const patch = a.latestPatch;
			if (!problemsOf(a).includes('PL103') || !a.product || !a.match || !patch) continue;
			const version = parseTag(patch.tag).version;
			const released = patch.line.latest === version && patch.line.latestDate ? `, released ${patch.line.latestDate}` : '';
			// PL101/PL102 already say to leave the line; the patch is still the smallest safe step.
			yield {
				range: entry.from.range,
				message: `\`${entry.from.text}\` is behind: ${version} is the latest ${lineName(a.product, a.match.line)} ${a.tag.codename ? 'build' : 'patch'}${a.tag.variant ? ` published with the variant \`${a.tag.variant}\`` : ''}${released}${resolvedNote(entry)}. Move to \`${referenceWith(a, patch.tag)}\`.${lineNote(a, ctx.options)}`,
				fixes: candidateFixes(ctx, entry, [patch, a.newestLts, a.newestLine]),
			};
		}
	},
});

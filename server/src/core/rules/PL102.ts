import { moveToSentence, statusSentence } from '../lifecycle/describe';
import { assessedStages, candidateFixes, resolvedNote } from '../lifecycle/fixes';
import { lineName } from '../lifecycle/lookup';
import { defineRule } from './rule';

export default defineRule({
	code: 'PL102',
	name: 'release-line-nearing-end-of-life',
	severity: 'warning',
	title: 'The base image\'s release line reaches end of life soon',
	rationale: 'Moving a base image to a new release line takes testing; starting before the end-of-life date means the image never runs unpatched. The window is `patchlens.lifecycle.warnDays` (default 90 days).',
	*check(ctx) {
		const now = ctx.options.now;
		for (const entry of assessedStages(ctx)) {
			const a = entry.assessment;
			if (!a.product || !a.match || a.status?.kind !== 'nearing-eol') continue;
			const candidates = [a.newestLts, a.newestLine];
			yield {
				range: entry.from.range,
				message: `${lineName(a.product, a.match.line)} ${statusSentence(a.status, now)}; \`${entry.from.text}\` stops getting security fixes then${resolvedNote(entry)}. ${moveToSentence(a, candidates, now)}`,
				fixes: candidateFixes(ctx, entry, candidates),
			};
		}
	},
});

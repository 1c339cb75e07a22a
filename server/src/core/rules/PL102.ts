import { targetSentence } from '../lifecycle/describe';
import { assessedStages, candidateFixes, resolvedNote } from '../lifecycle/fixes';
import { lineName } from '../lifecycle/lookup';
import { consequence, statusSentence } from '../lifecycle/phase';
import { problemsOf } from '../lifecycle/target';
import { defineRule } from './rule';

export default defineRule({
	code: 'PL102',
	name: 'release-line-nearing-end-of-life',
	severity: 'warning',
	title: 'The base image\'s release line is in extended support or reaches end of life soon',
	rationale: 'Moving a base image to a new release line takes testing; starting before the end-of-life date means the image never runs unpatched. The window is `patchlens.lifecycle.warnDays` (default 90 days). A line whose regular support ended but that still gets security fixes from a named extended-support programme (Debian LTS; Ubuntu ESM with a Pro subscription) is reported here too, naming who supports it until when.',
	*check(ctx) {
		const now = ctx.options.now;
		for (const entry of assessedStages(ctx)) {
			const a = entry.assessment;
			if (!problemsOf(a).includes('PL102') || !a.product || !a.match || !a.status) continue;
			yield {
				range: entry.from.range,
				message: `${lineName(a.product, a.match.line)} ${statusSentence(a.status, now)}: \`${entry.from.text}\` ${consequence(a.status)}${resolvedNote(entry)}. ${targetSentence(a, ctx.options, 'PL102')}`,
				fixes: candidateFixes(ctx, entry, [a.newestLts, a.newestLine]),
			};
		}
	},
});

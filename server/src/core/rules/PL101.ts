import { targetSentence } from '../lifecycle/describe';
import { assessedStages, candidateFixes, resolvedNote } from '../lifecycle/fixes';
import { lineName } from '../lifecycle/lookup';
import { consequence, statusSentence } from '../lifecycle/phase';
import { problemsOf } from '../lifecycle/target';
import { defineRule } from './rule';

export default defineRule({
	code: 'PL101',
	name: 'release-line-end-of-life',
	severity: 'error',
	title: 'The base image\'s release line is past end of life',
	rationale: 'After end of life nobody ships security fixes to the image: every vulnerability found later stays in it, and rebuilding does not help. A line in free or subscription extended support (Debian LTS, Ubuntu ESM) is PL102\'s warning, not this error. Move to a supported line.',
	*check(ctx) {
		const now = ctx.options.now;
		for (const entry of assessedStages(ctx)) {
			const a = entry.assessment;
			if (!problemsOf(a).includes('PL101') || !a.product || !a.match || !a.status) continue;
			yield {
				range: entry.from.range,
				message: `${lineName(a.product, a.match.line)} ${statusSentence(a.status, now)}: \`${entry.from.text}\` ${consequence(a.status)}${resolvedNote(entry)}. ${targetSentence(a, ctx.options, 'PL101')}`,
				fixes: candidateFixes(ctx, entry, [a.newestLts, a.newestLine]),
			};
		}
	},
});

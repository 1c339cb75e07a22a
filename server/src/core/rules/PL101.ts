import { moveToSentence, statusSentence } from '../lifecycle/describe';
import { assessedStages, candidateFixes, resolvedNote } from '../lifecycle/fixes';
import { lineName } from '../lifecycle/lookup';
import { defineRule } from './rule';

export default defineRule({
	code: 'PL101',
	name: 'release-line-end-of-life',
	severity: 'error',
	title: 'The base image\'s release line is past end of life',
	rationale: 'After end of life a release line gets no security fixes: every vulnerability found later stays in the image, and rebuilding does not help. Move to a supported line.',
	*check(ctx) {
		const now = ctx.options.now;
		for (const entry of assessedStages(ctx)) {
			const a = entry.assessment;
			if (!a.product || !a.match || a.status?.kind !== 'eol') continue;
			const candidates = [a.newestLts, a.newestLine];
			yield {
				range: entry.from.range,
				message: `${lineName(a.product, a.match.line)} ${statusSentence(a.status, now)}: \`${entry.from.text}\` gets no more security fixes${resolvedNote(entry)}. ${moveToSentence(a, candidates, now)}`,
				fixes: candidateFixes(ctx, entry, candidates),
			};
		}
	},
});

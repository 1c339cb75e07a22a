import { imageRefAt } from '../image/fromImage';
import { explicitTagFixes } from '../lifecycle/explicitTag';
import { defineRule } from './rule';

export default defineRule({
	code: 'DL3006',
	name: 'tag-your-images',
	severity: 'warning',
	title: 'Always tag the version of an image explicitly',
	rationale: 'An untagged FROM means `latest`: every build may pull a different base, so patches arrive (or break) unannounced and layers cannot be shared between builds.',
	*check(ctx) {
		for (const stage of ctx.stages) {
			const ref = imageRefAt(ctx, stage);
			if (ref.kind !== 'image' || ref.tag || ref.digest) continue;
			const fixes = explicitTagFixes(ctx, stage, ref);
			yield {
				...(fixes.length ? { fixes } : {}),
				range: ref.range,
				message: `Always tag the version of an image explicitly: \`${ref.text}\` means \`${ref.text}:latest\`.`,
			};
		}
	},
});

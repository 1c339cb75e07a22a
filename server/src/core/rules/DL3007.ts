import { imageRefAt } from '../image/fromImage';
import { explicitTagFixes } from '../lifecycle/explicitTag';
import { defineRule } from './rule';

export default defineRule({
	code: 'DL3007',
	name: 'no-latest-tag',
	severity: 'warning',
	title: 'Using latest is prone to errors if the image will ever update; pin the version explicitly to a release tag',
	rationale: '`latest` moves: builds stop being reproducible, and the image you patched is not the one you test.',
	*check(ctx) {
		for (const stage of ctx.stages) {
			const ref = imageRefAt(ctx, stage);
			// hadolint: a digest pins the image even when the tag says latest.
			if (ref.kind !== 'image' || ref.tag !== 'latest' || ref.digest) continue;
			const fixes = explicitTagFixes(ctx, stage, ref);
			yield {
				...(fixes.length ? { fixes } : {}),
				range: ref.range,
				message: `Using latest is prone to errors if the image will ever update. Pin \`${ref.text}\` to a release tag.`,
			};
		}
	},
});

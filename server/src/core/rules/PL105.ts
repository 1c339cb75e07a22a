import { imageRefAt } from '../image/fromImage';
import { formatReference } from '../image/reference';
import { retagEdit } from '../image/retag';
import { repositoryKey } from '../lifecycle/assess';
import { defineRule } from './rule';

export default defineRule({
	code: 'PL105',
	name: 'pin-base-image-digest',
	severity: 'info',
	optional: true,
	title: 'Pin the base image by digest',
	rationale: 'A tag can be re-pushed: the same FROM line may build on different bytes tomorrow. `tag@sha256:...` keeps the readable tag and makes the build reproducible; a bot (or PL106) then moves the digest deliberately.',
	*check(ctx) {
		for (const stage of ctx.stages) {
			const ref = imageRefAt(ctx, stage);
			if (ref.kind !== 'image' || ref.digest) continue;
			const tag = ref.tag ?? 'latest';
			const digest = ctx.options.offline ? undefined : ctx.options.registryFacts?.digest(repositoryKey(ref), tag);
			const edit = digest ? retagEdit(ctx, stage, { tag, digest }) : undefined;
			const pinned = digest ? formatReference({ ...ref, tag, digest }) : undefined;
			yield {
				range: ref.range,
				message: pinned
					? `\`${ref.text}\` is not pinned by digest; it currently resolves to \`${pinned}\`.`
					: `\`${ref.text}\` is not pinned by digest; pin it as \`${formatReference({ ...ref, tag })}@sha256:<digest>\` (online mode looks the digest up).`,
				...(edit ? { fixes: [{ title: `Pin ${formatReference({ ...ref, tag })} to ${digest!.slice(0, 19)}…`, edits: [edit], isPreferred: true }] } : {}),
			};
		}
	},
});

import { imageRefAt } from '../image/fromImage';
import { formatReference } from '../image/reference';
import { retagEdit } from '../image/retag';
import { defineRule } from './rule';

/** `sha256:0123456789ab…`: enough to recognise a digest in a message. */
function short(digest: string): string {
	return `${digest.slice(0, 19)}…`;
}

export default defineRule({
	code: 'PL106',
	name: 'stale-base-image-digest',
	severity: 'warning',
	title: 'The pinned digest is no longer what the tag points to',
	rationale: 'A `tag@sha256:…` pin builds the pinned bytes forever, while the tag has moved on to a rebuilt image — usually one with security patches. The tag in the line then tells readers a story the build does not follow. Refresh the digest deliberately (online mode looks it up).',
	*check(ctx) {
		const facts = ctx.options.offline ? undefined : ctx.options.registryFacts;
		if (!facts) return;
		for (const stage of ctx.stages) {
			const ref = imageRefAt(ctx, stage);
			if (ref.kind !== 'image' || !ref.tag || !ref.digest) continue;
			const current = facts.digest(`${ref.registry}/${ref.path}`, ref.tag);
			if (!current || current === ref.digest) continue;
			const edit = retagEdit(ctx, stage, { tag: ref.tag, digest: current });
			yield {
				range: ref.range,
				message: `\`${formatReference({ ...ref, digest: undefined })}\` is pinned to ${short(ref.digest)}, but the tag now points to ${short(current)} (registry checked ${facts.fetchedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC). Refresh the digest to build what the tag names.`,
				...(edit ? { fixes: [{ title: `Refresh the digest of ${formatReference({ ...ref, digest: undefined })} to ${short(current)}`, edits: [edit], isPreferred: true }] } : {}),
			};
		}
	},
});

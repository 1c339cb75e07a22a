// DL3006/DL3007's fix: replace `latest` (or no tag) with the current explicit tag from the data.
import type { Fix } from '../finding';
import type { FromImage } from '../image/fromImage';
import { formatReference } from '../image/reference';
import { retagEdit } from '../image/retag';
import type { Stage } from '../parse';
import type { RuleContext } from '../rules/rule';
import { currentExplicitTag } from './assess';
import { bundledDataset } from './dataset';
import { imageData } from './lookup';
import { isOperatingSystem } from './target';

export function explicitTagFixes(ctx: RuleContext, stage: Stage, ref: Extract<FromImage, { kind: 'image' }>): Fix[] {
	const candidate = currentExplicitTag(ref, ctx.options);
	if (!candidate) return [];
	const edit = retagEdit(ctx, stage, { tag: candidate.tag });
	if (!edit) return [];
	const eol = typeof candidate.line.eol === 'string' ? `, supported until ${candidate.line.eol}` : '';
	// `latest` follows whatever is newest; pinning it names a release a human should confirm
	// (for an OS image, `latest` may be the LTS while the newest release is not): never unattended.
	return [{
		title: `Use ${formatReference({ ...ref, tag: candidate.tag, digest: undefined })} (the current ${candidate.line.cycle} release${eol})`,
		edits: [edit],
		isPreferred: false,
		level: isOperatingSystem(imageData(bundledDataset(), ref)?.productId) ? 'major' : 'minor',
	}];
}

import { assessedStages, candidateFixes, referenceWith, resolvedNote, targetOf } from '../lifecycle/fixes';
import { deprecationNotice, newestBuiltOfMajor } from '../lifecycle/tagList';
import { problemsOf } from '../lifecycle/target';
import { defineRule } from './rule';

export default defineRule({
	code: 'PL104',
	name: 'tag-no-longer-built',
	severity: 'warning',
	title: 'The official image no longer builds this tag',
	rationale: 'Docker Official Images rebuild their tags when the base OS gets security updates. A tag that is no longer built is frozen: it keeps every OS vulnerability found after its last build, even when the language release line is still supported.',
	*check(ctx) {
		for (const entry of assessedStages(ctx)) {
			const a = entry.assessment;
			// A newer patch with the same variant is PL103's finding, an end-of-life line PL101's:
			// do not say it twice.
			if (!problemsOf(a).includes('PL104')) continue;
			const candidates = [a.distro?.move, a.newestLts, a.newestLine];
			const best = targetOf(a, ctx.options)?.candidate ?? candidates.find(Boolean);
			const fromList = best || a.image.entry.deprecated ? undefined : newestBuiltOfMajor(a.tag, a.image.entry.tags);
			const advice = deprecationNotice(a.image.name, a.image.entry)
				?? (best ? ` Move to \`${referenceWith(a, best.tag)}\`, which is still built.`
					: fromList ? ` Move to \`${referenceWith(a, fromList)}\`, the newest build of its major version.`
						: ' No still-built tag keeps its line and variant; choose another variant of a supported line.');
			yield {
				range: entry.from.range,
				message: `\`${entry.from.text}\` is no longer built by the official \`${a.image.name}\` image (tag list of ${a.asOf.dataset}): it receives no OS security rebuilds${resolvedNote(entry)}.${advice}`,
				fixes: candidateFixes(ctx, entry, candidates),
			};
		}
	},
});

import { targetSentence } from '../lifecycle/describe';
import { assessedStages, candidateFixes, resolvedNote } from '../lifecycle/fixes';
import { lineName } from '../lifecycle/lookup';
import { statusSentence } from '../lifecycle/phase';
import { problemsOf } from '../lifecycle/target';
import { defineRule } from './rule';

export default defineRule({
	code: 'PL107',
	name: 'variant-distribution-end-of-life',
	severity: 'warning',
	title: 'The tag\'s variant names an operating-system release past or near end of life',
	rationale: 'Variants such as `-bullseye` or `-alpine3.16` fix the OS under the language runtime. When that OS release is out of support, its packages get no security fixes even though the language line is supported. The proposed tag is the same one every lifecycle finding of the line proposes: it moves the variant (and the line, when the line needs it too) in one step.',
	*check(ctx) {
		const now = ctx.options.now;
		for (const entry of assessedStages(ctx)) {
			const a = entry.assessment;
			const distro = a.distro;
			if (!distro || !problemsOf(a).includes('PL107')) continue;
			const product = a.dataset.products[distro.found.distribution.product];
			const moved = [distro.move, a.newestLts, a.newestLine, distro.moveWithNewerLine].some(c => c?.distribution);
			const advice = moved ? ` ${targetSentence(a, ctx.options, 'PL107')}` : ` No published tag of this line moves the variant to a supported ${distro.found.distribution.name} release.`;
			yield {
				range: entry.from.range,
				message: `The variant \`${distro.found.word}\` of \`${entry.from.text}\` is ${lineName(product, distro.found.line)}, which ${statusSentence(distro.status, now)}${resolvedNote(entry)}.${advice}`,
				fixes: candidateFixes(ctx, entry, [distro.move, distro.moveWithNewerLine]),
			};
		}
	},
});

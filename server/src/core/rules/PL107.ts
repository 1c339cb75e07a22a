import { statusSentence } from '../lifecycle/describe';
import { assessedStages, candidateFixes, referenceWith, resolvedNote } from '../lifecycle/fixes';
import { lineName } from '../lifecycle/lookup';
import { defineRule } from './rule';

export default defineRule({
	code: 'PL107',
	name: 'variant-distribution-end-of-life',
	severity: 'warning',
	title: 'The tag\'s variant names an operating-system release past or near end of life',
	rationale: 'Variants such as `-bullseye` or `-alpine3.16` fix the OS under the language runtime. When that OS release is out of support, its packages get no security fixes even though the language line is supported. Moving the variant to a supported release is a separate change from a version bump.',
	*check(ctx) {
		const now = ctx.options.now;
		for (const entry of assessedStages(ctx)) {
			const a = entry.assessment;
			const distro = a.distro;
			if (!distro || distro.isProductItself || distro.status.kind === 'supported') continue;
			const product = a.dataset.products[distro.found.distribution.product];
			if (!product) continue;
			const move = distro.move;
			const other = [a.newestLts, a.newestLine].find(c => c?.distribution) ?? distro.moveWithNewerLine;
			const advice = move && move.distribution
				? ` Move the variant to ${lineName(product, move.distribution.to)}: \`${referenceWith(a, move.tag)}\`.`
				: other?.distribution
					? ` This line is not built on a supported ${distro.found.distribution.name} release; \`${referenceWith(a, other.tag)}\` is (${lineName(product, other.distribution.to)}).`
					: ` No published tag of this line moves the variant to a supported ${distro.found.distribution.name} release.`;
			yield {
				range: entry.from.range,
				message: `The variant \`${distro.found.word}\` of \`${entry.from.text}\` is ${lineName(product, distro.found.line)}, which ${statusSentence(distro.status, now)}${resolvedNote(entry)}.${advice}`,
				fixes: candidateFixes(ctx, entry, [move ?? other]),
			};
		}
	},
});

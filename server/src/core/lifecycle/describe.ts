// Sentences shared by lifecycle findings and hovers: what a line's status is, and what to move to.
import type { Assessment, Candidate } from './assess';
import type { AnalysisOptions } from '../options';
import { referenceWith, supportedUntil, targetOf } from './fixes';
import { lineName, supportedLines } from './lookup';
import type { LifecycleCode } from './target';

export { statusSentence } from './phase';

/** Where users of a product without any supported release went (the product's own project says so). */
const SUCCESSORS: Readonly<Record<string, string>> = {
	centos: '`rockylinux:9`, `almalinux:9`, `quay.io/centos/centos:stream9` or Red Hat UBI (`registry.access.redhat.com/ubi9/ubi`)',
};

/** `Move to python:3.14.7-slim (Python 3.14, supported until 2030-10-31).` or the best available advice. */
export function moveToSentence(a: Assessment, candidates: (Candidate | undefined)[], now: Date): string {
	const best = candidates.find(Boolean);
	if (best && a.product) {
		const move = best.distribution ? `, which also moves ${best.distribution.name} ${best.distribution.from.cycle} to ${best.distribution.to.cycle}` : '';
		return `Move to \`${referenceWith(a, best.tag)}\` (${lineName(a.product, best.line)}, ${supportedUntil(best.line)}${move}).`;
	}
	const lines = a.product ? supportedLines(a.product, now) : [];
	if (lines.length && a.product) {
		const newest = lines[0];
		// Images mapped by pattern have no bundled tag list: say so rather than "no tag keeps the variant".
		const why = a.image.mapping && a.publishedFrom === 'bundled'
			? `Patchlens has no tag list for \`${a.ref.registry === 'docker.io' ? a.ref.path.replace(/^library\//, '') : `${a.ref.registry}/${a.ref.path}`}\`; pick that line's tag from the registry (online mode lists them)`
			: a.tag.variant ? `no published tag of it keeps the variant \`${a.tag.variant}\`` : 'no published tag of it was found';
		return `Move to a supported line such as ${lineName(a.product, newest)} (${supportedUntil(newest)}); ${why}.`;
	}
	const successors = a.image.productId ? SUCCESSORS[a.image.productId] : undefined;
	return successors ? `${a.product?.title ?? 'This product'} has no supported release; maintained successors: ${successors}.` : 'No supported line is listed in the data.';
}

/**
 * The "Move to …" sentence of a lifecycle finding (`code`): the FROM's one target when it settles
 * this finding. When no published tag does (the target only settles others, e.g. a patch of an
 * end-of-life line that has no successor in the data), the sentence says so instead of proposing it.
 */
export function targetSentence(a: Assessment, options: AnalysisOptions, code: LifecycleCode): string {
	const target = targetOf(a, options);
	if (target && !target.settles.includes(code)) {
		return `${moveToSentence(a, [], options.now).replace(/\.$/, '')}. (\`${referenceWith(a, target.candidate.tag)}\` settles ${target.settles.join(', ')} only.)`;
	}
	const sentence = moveToSentence(a, [target?.candidate], options.now);
	if (!target) return sentence;
	const remains = target.remains.length ? ` It leaves ${target.remains.join(', ')}.` : '';
	return `${sentence.replace(/\.$/, '')}; it settles ${target.settles.join(', ')}.${remains}`;
}

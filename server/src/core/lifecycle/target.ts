// One coherent target per FROM (issue 18): which lifecycle findings a FROM has, which tag settles
// the most of them at once, and how much review each move needs (`Fix.level`). Every lifecycle rule
// reads its firing condition from `problemsOf`, so "settles PL101, PL107" in a fix title is
// computed by the same test the rules use, on the candidate tag re-assessed.
import type { FixLevel } from '../finding';
import type { AnalysisOptions } from '../options';
import { parseTag } from '../image/tagVersion';
import { assessImage, type Assessment, type Candidate } from './assess';
import { isHealthy } from './phase';

export type LifecycleCode = 'PL101' | 'PL102' | 'PL103' | 'PL104' | 'PL107';

/** Products that are operating systems: moving to another of their lines is a distribution move. */
const OPERATING_SYSTEMS = new Set(['debian', 'ubuntu', 'alpine-linux', 'centos', 'centos-stream', 'rhel', 'rocky-linux', 'almalinux',
	'amazon-linux', 'fedora', 'oracle-linux', 'clearlinux', 'windows-nano-server', 'windows-server-core']);

export function isOperatingSystem(productId: string | undefined): boolean {
	return !!productId && OPERATING_SYSTEMS.has(productId);
}

/** The lifecycle findings `a` gets, in code order. The rules' only firing conditions. */
export function problemsOf(a: Assessment): LifecycleCode[] {
	const codes: LifecycleCode[] = [];
	const lined = !!(a.product && a.match && a.status);
	if (lined && a.status!.kind === 'eol') codes.push('PL101');
	if (lined && (a.status!.kind === 'nearing-eol' || a.status!.kind === 'extended')) codes.push('PL102');
	if (lined && a.latestPatch) codes.push('PL103');
	if (a.stillBuilt === false && !a.latestPatch && a.status?.kind !== 'eol') codes.push('PL104');
	if (a.distro && !a.distro.isProductItself && !isHealthy(a.distro.status) && a.dataset.products[a.distro.found.distribution.product]) codes.push('PL107');
	return codes;
}

export interface Target {
	candidate: Candidate;
	/** Findings of the FROM this move makes go away. */
	settles: LifecycleCode[];
	/** Findings the moved FROM would still get. */
	remains: LifecycleCode[];
	level: FixLevel;
}

/** Every distinct move, in the order preferred on a tie: smallest step first, LTS before newest. */
export function candidatesOf(a: Assessment): Candidate[] {
	const all = [a.latestPatch, a.distro?.move, a.distro?.lineMove, a.newestLts, a.newestLine, a.distro?.moveWithNewerLine];
	const seen = new Set<string>();
	return all.filter((c): c is Candidate => !!c && !seen.has(c.tag) && !!seen.add(c.tag));
}

// Per analysis (the options object) and assessment: each move is judged once, however many
// findings of the FROM list it.
const judged = new WeakMap<AnalysisOptions, WeakMap<Assessment, Map<string, Target>>>();

/** What moving `a` to `candidate` settles and leaves, judged by re-assessing the new tag. */
export function judgeMove(a: Assessment, candidate: Candidate, options: AnalysisOptions): Target {
	let byAssessment = judged.get(options);
	if (!byAssessment) judged.set(options, byAssessment = new WeakMap());
	let byTag = byAssessment.get(a);
	if (!byTag) byAssessment.set(a, byTag = new Map());
	const known = byTag.get(candidate.tag);
	if (known && known.candidate === candidate) return known;
	const result = judgeUncached(a, candidate, options);
	byTag.set(candidate.tag, result);
	return result;
}

function judgeUncached(a: Assessment, candidate: Candidate, options: AnalysisOptions): Target {
	const before = problemsOf(a);
	const moved = assessImage({ ...a.ref, tag: candidate.tag, digest: undefined }, options, a.dataset);
	// A tag read from the live registry list exists now, whatever the older bundled snapshot says.
	const after = (moved ? problemsOf(moved) : []).filter(c => !(c === 'PL104' && a.publishedFrom === 'registry'));
	return {
		candidate,
		settles: before.filter(c => !after.includes(c)),
		remains: after,
		level: moveLevel(a, candidate),
	};
}

/** The move that leaves the fewest lifecycle findings (ties: the smallest step); undefined when none helps. */
export function lineTarget(a: Assessment, options: AnalysisOptions): Target | undefined {
	let best: Target | undefined;
	for (const candidate of candidatesOf(a)) {
		const judged = judgeMove(a, candidate, options);
		if (!judged.settles.length) continue;
		if (!best || judged.remains.length < best.remains.length) best = judged;
	}
	return best;
}

/**
 * How much review a move needs: a patch of the same line and variant is 'patch'; a new release
 * line of the same variant 'minor'; an LTS line, a distribution move (of the variant, or of an
 * OS image itself) or any other change of the variant 'major'.
 */
export function moveLevel(a: Assessment, candidate: Candidate): FixLevel {
	const variantKept = parseTag(candidate.tag).variant === a.tag.variant;
	if (candidate.kind === 'patch' && variantKept) return 'patch';
	if (candidate.distribution || !variantKept || candidate.kind === 'lts' || candidate.kind === 'distribution') return 'major';
	if (isOperatingSystem(a.image.productId)) return 'major';
	return 'minor';
}

// Cold rounds remove an image and pull it again. A user's image is only removed when a registry can give
// exactly it back (a RepoDigest the registry still serves), and its tags are put back afterwards.
import { ImageUnavailableError } from './errors';
import type { Executor, LocalImage, PullOutcome } from './executor';

export interface ColdPlan {
	image: string;
	imageId: string;
	/** repo@sha256:… the registry serves; pulling it yields the same image id. */
	source: string;
	/** Tags the image had before the run, restored after every pull. */
	tags: string[];
}

/** Finds a pull source for a present image, or explains why cold mode cannot be used. */
export async function planCold(executor: Executor, image: string, local: LocalImage, signal?: AbortSignal): Promise<ColdPlan> {
	for (const candidate of local.repoDigests) {
		const digest = candidate.slice(candidate.indexOf('@') + 1);
		if (await executor.registryDigest(candidate, signal) === digest) {
			return { image, imageId: local.id, source: candidate, tags: [...local.repoTags] };
		}
	}
	const where = local.repoDigests.length ? `none of ${local.repoDigests.join(', ')} is served by a reachable registry` : 'it was built locally and never pushed or pulled (no registry digest)';
	throw new ImageUnavailableError(image, `cold mode needs an image a registry can give back, but ${where}; use --mode warm`);
}

/** Removes the image (all its tags) so the next pull is cold; true when it is really gone. */
export async function evict(executor: Executor, plan: ColdPlan): Promise<boolean> {
	try {
		await executor.removeImage(plan.imageId);
	} catch (error) {
		const status = (error as { statusCode?: number }).statusCode;
		if (status !== 404) throw new ImageUnavailableError(plan.image, `cannot remove it for a cold pull: ${(error as Error).message}`);
	}
	return !(await executor.inspectImage(plan.imageId));
}

export async function pullBack(executor: Executor, plan: ColdPlan, signal?: AbortSignal): Promise<PullOutcome> {
	const outcome = await executor.pullImage(plan.source, signal);
	const pulled = await executor.inspectImage(plan.source);
	if (pulled?.id !== plan.imageId) throw new ImageUnavailableError(plan.image, `the registry returned a different image for ${plan.source}`);
	return outcome;
}

/** Makes sure the image and every tag it had are present again (also after a failed or cancelled round). */
export async function restore(executor: Executor, plan: ColdPlan): Promise<void> {
	if (!(await executor.inspectImage(plan.imageId))) await executor.pullImage(plan.source);
	for (const tag of plan.tags) {
		if ((await executor.inspectImage(tag))?.id !== plan.imageId) await executor.tagImage(plan.imageId, tag);
	}
}

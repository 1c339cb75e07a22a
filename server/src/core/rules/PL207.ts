// PL207: a service image (it EXPOSEs a port) without a HEALTHCHECK. A rolling update then counts a task
// as ready the moment its process starts, moves on to the next batch and stops old tasks while the new
// ones may still be loading: availability drops although every task reads "running".
import { finalChain } from './helpers';
import { defineRule } from './rule';

export default defineRule({
	code: 'PL207',
	name: 'service-without-healthcheck',
	severity: 'info',
	title: 'A service image (EXPOSE) has no HEALTHCHECK: a rolling update cannot know when a task is ready',
	rationale: 'Swarm (and `docker run --health-*` users) learn readiness from the image\'s HEALTHCHECK. Without one a task is "running" as soon as its process starts, '
		+ 'so a rolling update replaces the next batch and stops old tasks before the new ones serve, and `patchlens rollout` cannot tell running from ready. '
		+ 'Add a HEALTHCHECK that asks the service itself, or `HEALTHCHECK NONE` to say there deliberately is none.',
	*check(ctx) {
		const chain = finalChain(ctx);
		const instructions = chain.flatMap(s => s.instructions);
		// Any HEALTHCHECK of the chain counts, NONE included: that is a decision, not an omission.
		if (instructions.some(i => i.getKeyword() === 'HEALTHCHECK')) return;
		const expose = instructions.find(i => i.getKeyword() === 'EXPOSE');
		if (!expose) return;
		yield {
			range: expose.getRange(),
			message: 'This image serves a port but has no HEALTHCHECK: a rolling update counts a task ready when its process starts, not when it serves, '
				+ 'so old tasks stop before new ones can answer. Add a HEALTHCHECK (or HEALTHCHECK NONE if the base image\'s is wanted off).',
		};
	},
});

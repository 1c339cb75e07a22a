import { defineRule } from './rule';

export default defineRule({
	code: 'PL001',
	name: 'no-from',
	severity: 'error',
	title: 'The Dockerfile has no `FROM`: it builds no image',
	rationale: 'docker build rejects a Dockerfile without a build stage ("no build stage in current context"). A fragment or template is still linted instruction by instruction.',
	*check(ctx) {
		const instructions = ctx.dockerfile.getInstructions();
		if (ctx.stages.length || !instructions.length) return;
		yield {
			range: instructions[0].getInstructionRange(),
			message: 'No `FROM` instruction: docker build rejects this file (no build stage). The other rules still judge its instructions, as hadolint does.',
		};
	},
});

import { defineRule } from './rule';

export default defineRule({
	code: 'PL004',
	name: 'empty-file',
	severity: 'error',
	title: 'The Dockerfile is empty',
	rationale: 'docker build rejects a Dockerfile without instructions ("the Dockerfile cannot be empty"); comments and blank lines do not count.',
	*check(ctx) {
		if (ctx.dockerfile.getInstructions().length) return;
		yield { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: 'The Dockerfile has no instructions: docker build rejects an empty Dockerfile.' };
	},
});

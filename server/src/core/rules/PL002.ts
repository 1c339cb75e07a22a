import { defineRule } from './rule';

export default defineRule({
	code: 'PL002',
	name: 'instruction-before-from',
	severity: 'error',
	title: 'Only `ARG` and parser directives may come before the first `FROM`',
	rationale: 'docker build stops at any other instruction before the first FROM ("no build stage in current context"): there is no image yet for it to change.',
	*check(ctx) {
		// Without any FROM, PL001 says it once for the whole file.
		if (!ctx.preamble || !ctx.stages.length) return;
		for (const instruction of ctx.preamble.instructions) {
			yield {
				range: instruction.getInstructionRange(),
				message: `\`${instruction.getKeyword()}\` before the first \`FROM\`: only \`ARG\` may come first, so docker build rejects the file. Move it below \`FROM\`.`,
			};
		}
	},
});

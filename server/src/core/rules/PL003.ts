import { defineRule } from './rule';

/** Dockerfile instructions (BuildKit's dockerfile frontend); keywords are case-insensitive. */
const INSTRUCTIONS: ReadonlySet<string> = new Set([
	'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER',
	'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);

export default defineRule({
	code: 'PL003',
	name: 'unknown-instruction',
	severity: 'error',
	title: 'Unknown instruction',
	rationale: 'docker build stops at an instruction it does not know; often a typo, a missing line continuation or a stray line of shell.',
	*check(ctx) {
		for (const instruction of ctx.dockerfile.getInstructions()) {
			const keyword = instruction.getKeyword();
			if (INSTRUCTIONS.has(keyword)) continue;
			yield {
				range: instruction.getInstructionRange(),
				message: `Unknown instruction \`${instruction.getInstruction()}\`: docker build rejects it. A missing \`\\\` at the end of the line before?`,
			};
		}
	},
});

import { MAX_EXPANDED_LENGTH } from '../expansion';
import { globalArgs } from '../image/fromImage';
import { cappedStageVariables } from '../shell/variables';
import { defineRule } from './rule';

export default defineRule({
	code: 'PL009',
	name: 'variable-expansion-capped',
	severity: 'warning',
	title: `An ARG or ENV value expands to more than ${MAX_EXPANDED_LENGTH.toLocaleString('en-US')} characters; it is treated as unknown`,
	rationale: 'Values that refer to earlier ones several times grow exponentially. Past the cap Patchlens stops expanding, so checks that need the value (the base image, packages) say nothing about it.',
	*check(ctx) {
		const capped = [...globalArgs(ctx).capped, ...cappedStageVariables(ctx)];
		if (!capped.length) return;
		// Said once: the first definition that passed the cap, naming how many others did.
		const first = capped.reduce((a, b) => (b.line < a.line ? b : a));
		const line = ctx.lines[first.line] ?? '';
		const others = capped.length - 1;
		yield {
			range: { start: { line: first.line, character: 0 }, end: { line: first.line, character: line.length } },
			message: `\`${first.name}\` expands to more than ${MAX_EXPANDED_LENGTH.toLocaleString('en-US')} characters${others ? ` (and ${others} more variable${others === 1 ? '' : 's'})` : ''}: `
				+ 'treated as unknown, so checks that need its value are skipped.',
		};
	},
});

import { rangeAt } from '../shell/run';
import { NOT_TEXT_MESSAGES, notText } from '../textKind';
import { defineRule } from './rule';

export default defineRule({
	code: 'PL005',
	name: 'not-a-text-file',
	severity: 'error',
	title: 'Not a text file: binary content, NUL bytes or invalid UTF-8',
	rationale: 'A Dockerfile is UTF-8 text. A binary picked up by a file pattern, or a file in another encoding, cannot be built; the other rules stay silent on it instead of judging garbage.',
	*check(ctx) {
		const problem = notText(ctx.text);
		if (!problem) return;
		yield {
			range: rangeAt(ctx, problem.offset, Math.min(problem.offset + 1, ctx.text.length)),
			message: `Not a text file: ${NOT_TEXT_MESSAGES[problem.reason]}.`,
		};
	},
});

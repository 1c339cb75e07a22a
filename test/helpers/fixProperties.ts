// What fix-all promises on any input (issue 17): it stops within its passes, a second run changes
// nothing (it converged), and every command the file ran is still run. Shared by the fuzz test's
// seeded sample and `npm run fuzz:fix`'s 10,000 inputs.
import { applyFixes, type AnalyzeText, type FixAllOptions } from '../../server/src/core/fix/applyFixes';
import { lostCommands } from './fix';

export interface FixAllVerdict {
	changed: boolean;
	/** Empty when every promise held. */
	problems: string[];
}

export function checkFixAll(text: string, analyzeText: AnalyzeText, options: FixAllOptions = {}): FixAllVerdict {
	const problems: string[] = [];
	const first = applyFixes(text, analyzeText, options);
	if (first.passes > (options.maxPasses ?? 5)) problems.push(`ran ${first.passes} passes`);
	const second = applyFixes(first.text, analyzeText, options);
	if (second.changed) problems.push(`not converged: a second run applied ${second.applied.map(a => `${a.code} "${a.title}"`).join(', ')}`);
	const lost = lostCommands(text, first.text);
	if (lost.length) problems.push(`lost commands: ${lost.map(c => JSON.stringify(c.slice(0, 80))).join(', ')}`);
	return { changed: first.changed, problems };
}

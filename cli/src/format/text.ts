// Human output: `file:line:col severity CODE message`, with the source line and a caret on a terminal.
import type { Severity } from '../../../server/src/core/finding';
import type { Formatter } from './types';

const COLOR: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', style: '\x1b[90m' };
const RESET = '\x1b[0m';
const DIM = '\x1b[2m';

export const formatText: Formatter = (reports, ctx) => {
	const paint = (code: string, s: string) => ctx.color ? `${code}${s}${RESET}` : s;
	const lines: string[] = [];
	let total = 0;
	for (const report of reports) {
		const source = report.text.split(/\r?\n/);
		for (const f of report.findings) {
			total++;
			const { line, character } = f.range.start;
			lines.push(`${report.file}:${line + 1}:${character + 1} ${paint(COLOR[f.severity], f.severity)} ${f.code} ${f.message}`);
			if (ctx.color && source[line] !== undefined) {
				const width = f.range.end.line === line ? Math.max(1, f.range.end.character - character) : Math.max(1, source[line].length - character);
				lines.push(paint(DIM, `  ${line + 1} | `) + source[line]);
				lines.push(paint(DIM, `  ${' '.repeat(String(line + 1).length)} | `) + ' '.repeat(character) + paint(COLOR[f.severity], '^'.repeat(width)));
			}
		}
	}
	const files = reports.length;
	lines.push(total === 0
		? `No findings in ${files} Dockerfile${files === 1 ? '' : 's'}.`
		: `${total} finding${total === 1 ? '' : 's'} in ${files} Dockerfile${files === 1 ? '' : 's'}.`);
	return lines.join('\n') + '\n';
};

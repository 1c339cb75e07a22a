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
				const excerpt = excerptOf(source[line], character, f.range.end.line === line ? f.range.end.character : source[line].length);
				lines.push(paint(DIM, `  ${line + 1} | `) + excerpt.text);
				lines.push(paint(DIM, `  ${' '.repeat(String(line + 1).length)} | `) + excerpt.pad + paint(COLOR[f.severity], '^'.repeat(excerpt.width)));
			}
		}
	}
	const files = reports.length;
	lines.push(total === 0
		? `No findings in ${files} Dockerfile${files === 1 ? '' : 's'}.`
		: `${total} finding${total === 1 ? '' : 's'} in ${files} Dockerfile${files === 1 ? '' : 's'}.`);
	return lines.join('\n') + '\n';
};

const MAX_EXCERPT = 160;

/**
 * The source line and where the caret goes. Tabs in front of the finding are kept in the padding so
 * the caret lines up in any tab width; long lines are cut to a window around the finding.
 */
export function excerptOf(source: string, start: number, end: number): { text: string; pad: string; width: number } {
	// Control characters from the file must not reach the terminal (escape-sequence injection);
	// U+FFFD keeps every offset where it was.
	// eslint-disable-next-line no-control-regex
	let text = source.replace(/\r$/, '').replace(/[\u0000-\u0008\u000B-\u001F\u007F\u009B]/g, '\uFFFD');
	let from = Math.min(start, text.length);
	let to = Math.max(from, Math.min(end, text.length));
	if (text.length > MAX_EXCERPT) {
		const windowStart = Math.max(0, Math.min(from - 20, text.length - MAX_EXCERPT));
		const cut = text.slice(windowStart, windowStart + MAX_EXCERPT);
		const lead = windowStart > 0 ? '\u2026' : '';
		text = lead + cut + (windowStart + MAX_EXCERPT < source.length ? '\u2026' : '');
		from = from - windowStart + lead.length;
		to = Math.min(to - windowStart + lead.length, text.length);
	}
	const pad = text.slice(0, from).replace(/[^\t]/g, ' ');
	return { text, pad, width: Math.max(1, to - from) };
}

import { formatCheckstyle } from './checkstyle';
import { formatGitlab } from './gitlab';
import { formatJson } from './json';
import { formatSarif } from './sarif';
import { formatText } from './text';
import type { Formatter } from './types';

/** One formatter per output format; add a format by adding a file and a line here. */
export const formatters: Record<string, Formatter> = {
	text: formatText,
	json: formatJson,
	sarif: formatSarif,
	checkstyle: formatCheckstyle,
	gitlab: formatGitlab,
};

// Shape checks for fix-all: a pass may rewrite instructions, add some and merge RUNs, but must not
// drop or reorder any other instruction, change the stages, create an instruction Docker cannot
// parse, or remove the last RUN of a file.
import { parseDockerfile, type ParsedDockerfile } from '../parse';

export interface Shape {
	stages: number;
	/** Keyword of every instruction except RUN, in order. */
	keywords: string[];
	runs: number;
	/** Instructions whose keyword Docker does not know: a fix must not create one. */
	unknown: number;
}

const KEYWORDS = new Set(['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);

/** `parsed`: the text's parse when the caller has one (an analysis made it), saving a parse. */
export function shapeOf(text: string, parsed: Pick<ParsedDockerfile, 'dockerfile'> = parseDockerfile(text)): Shape {
	const keywords = parsed.dockerfile.getInstructions().map(i => i.getKeyword().toUpperCase());
	const others = keywords.filter(k => k !== 'RUN');
	return {
		stages: keywords.filter(k => k === 'FROM').length,
		// ADD -> COPY (DL3020) keeps the instruction: both copy files into the layer.
		keywords: others.map(k => k === 'ADD' ? 'COPY' : k),
		runs: keywords.length - others.length,
		unknown: keywords.filter(k => !KEYWORDS.has(k)).length,
	};
}

export function keepsShape(before: Shape, after: Shape): boolean {
	return after.stages === before.stages
		&& after.unknown <= before.unknown
		&& isSubsequence(before.keywords, after.keywords)
		&& (before.runs === 0 || after.runs > 0);
}

function isSubsequence(needle: readonly string[], haystack: readonly string[]): boolean {
	let i = 0;
	for (const item of haystack) if (i < needle.length && item === needle[i]) i++;
	return i === needle.length;
}

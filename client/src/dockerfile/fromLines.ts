// The FROM lines of a Dockerfile and the images they name, parsed client-side with the analysis core's
// own parser and ARG resolution (so lenses agree with diagnostics). Pure: text in, plain data out.
import { imageRefAt } from '../../../server/src/core/image/fromImage';
import { formatReference } from '../../../server/src/core/image/reference';
import { defaultOptions } from '../../../server/src/core/options';
import { positionMap } from '../../../server/src/core/loneCr';
import { parseDockerfile } from '../../../server/src/core/parse';
import type { Range } from '../../../server/src/core/finding';

export interface FromLine {
	/** 0-based line of the FROM keyword. */
	line: number;
	/** Where the image reference is written. */
	range: Range;
	/** The image after ARG substitution, e.g. `python:3.12.1-slim`. */
	image: string;
	/** `AS name`, when the stage has one. */
	stage?: string;
	/** True when this stage ends up in the final image. */
	inFinalImage: boolean;
}

/**
 * Every FROM that names a registry image. FROMs of `scratch`, of an earlier stage, or with an ARG that
 * has no value are left out: there is nothing to measure, and guessing would mislead.
 */
export function fromLines(text: string, buildArgs: Record<string, string> = {}): FromLine[] {
	const parsed = parseDockerfile(text);
	// Lines as the editor counts them (a lone \r breaks a line there, not in the parse).
	const map = positionMap(text);
	const ctx = { ...parsed, options: defaultOptions({ buildArgs, offline: true }) };
	const lines: FromLine[] = [];
	for (const stage of parsed.stages) {
		const ref = imageRefAt(ctx, stage);
		if (ref.kind !== 'image') continue;
		lines.push({
			line: map.toEditor(stage.from.getRange()).start.line,
			range: map.toEditor(ref.range),
			image: formatReference(ref),
			stage: stage.name,
			inFinalImage: stage.inFinalImage,
		});
	}
	return lines;
}

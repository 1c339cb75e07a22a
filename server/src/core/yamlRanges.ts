// Positions in a YAML config file (`.hadolint.yaml`, `.patchlens.yaml`) for its problems: the yaml
// library's offsets turned into 0-based ranges, so the editor can mark the config file itself.
import type { LineCounter } from 'yaml';
import type { Range } from './finding';

export function yamlRangeOf(lineCounter: LineCounter): (offsets: readonly number[] | undefined | null) => Range {
	return offsets => {
		const [start, end] = offsets ?? [0, 0];
		const a = lineCounter.linePos(start);
		const b = lineCounter.linePos(Math.max(start, end));
		return { start: { line: a.line - 1, character: a.col - 1 }, end: { line: b.line - 1, character: b.col - 1 } };
	};
}

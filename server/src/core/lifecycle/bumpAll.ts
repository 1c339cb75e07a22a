// "Bump all base images in this file": one edit per FROM that has a safe move. A line that is
// still supported moves to its latest patch; an end-of-life line moves to the newest LTS line
// (or the newest supported one). Variants, `--platform`, `AS name` and the registry are kept;
// distributions are never moved here (that is PL107's explicit fix). A digest pin is kept: the new
// tag is pinned to the digest the registry reported, and a pinned FROM without one is left alone.
import type { TextEdit } from '../finding';
import { retagEdit } from '../image/retag';
import { defaultOptions, type AnalysisOptions } from '../options';
import { positionMap } from '../loneCr';
import { parseDockerfile } from '../parse';
import type { Candidate } from './assess';
import { assessedStages } from './fixes';

export interface BumpEdit extends TextEdit {
	/** `python:3.12.1-slim -> python:3.12.14-slim`, for a summary. */
	description: string;
}

export function bumpAllEdits(text: string, options: Partial<AnalysisOptions> = {}): BumpEdit[] {
	const parsed = parseDockerfile(text);
	const ctx = { ...parsed, options: defaultOptions(options) };
	const edits: BumpEdit[] = [];
	const { toEditor } = positionMap(text); // the parse counts lines as BuildKit, the editor a lone \r too
	const seen = new Set<string>();
	for (const entry of assessedStages(ctx)) {
		const a = entry.assessment;
		const eol = a.status?.kind === 'eol';
		const pick: Candidate | undefined = eol ? (a.newestLts ?? a.newestLine) : a.latestPatch;
		if (!pick || pick.distribution) continue;
		const digest = entry.from.digest && !ctx.options.offline ? ctx.options.registryFacts?.digest(a.repository, pick.tag) : undefined;
		if (entry.from.digest && !digest) continue;
		const edit = retagEdit(ctx, entry.stage, { tag: pick.tag, ...(digest ? { digest } : {}) });
		if (!edit) continue;
		// Two FROMs built from one ARG produce the same edit: apply it once.
		const key = JSON.stringify(edit.range);
		if (seen.has(key)) continue;
		seen.add(key);
		edits.push({ ...edit, range: toEditor(edit.range), description: `${entry.from.text} -> ${pick.tag}` });
	}
	return edits;
}

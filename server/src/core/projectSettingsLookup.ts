// The I/O edge of `.patchlens.yaml` for the analysis: the nearest one walking up from the
// Dockerfile's folder (stopping at a workspace root or a folder holding `.git`), read and parsed.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { ConfigProblem } from './config';
import { bundledDataset } from './lifecycle/dataset';
import { parseProjectSettings, PROJECT_SETTINGS_NAMES, type ProjectSettings } from './projectSettings';

export interface LoadedProjectSettings {
	file?: string;
	settings: ProjectSettings;
	problems: ConfigProblem[];
	/** Set when the file exists but cannot be read. */
	error?: string;
}

export async function findProjectSettingsFile(dockerfile: string, roots: readonly string[] = []): Promise<string | undefined> {
	const stops = new Set(roots.map(r => path.resolve(r)));
	let dir = path.dirname(path.resolve(dockerfile));
	for (;;) {
		for (const name of PROJECT_SETTINGS_NAMES) {
			const candidate = path.join(dir, name);
			if (await fs.stat(candidate).then(s => s.isFile(), () => false)) return candidate;
		}
		const parent = path.dirname(dir);
		if (stops.has(dir) || parent === dir || await fs.access(path.join(dir, '.git')).then(() => true, () => false)) return undefined;
		dir = parent;
	}
}

/** Reads and parses `file`; a missing or unreadable file gives empty settings and says why. */
export async function loadProjectSettings(file: string): Promise<LoadedProjectSettings> {
	let text: string;
	try {
		text = await fs.readFile(file, 'utf8');
	} catch (error) {
		return { file, settings: {}, problems: [], error: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
	}
	const parsed = parseProjectSettings(text, Object.keys(bundledDataset().products));
	return { file, settings: parsed.settings, problems: parsed.problems };
}

// `.patchlens.yaml` per Dockerfile for `check`: the nearest one walking up, read once per file.
// Problems print as warnings (file:line:col) and checking goes on with what is valid.
import * as path from 'node:path';
import { findProjectSettingsFile, loadProjectSettings } from '../../server/src/core/projectSettingsLookup';
import type { ProjectSettings } from '../../server/src/core/projectSettings';
import { formatProblem } from './projectConfig';

export class ProjectSettingsFiles {
	private readonly byFile = new Map<string, Promise<ProjectSettings>>();
	private readonly byDir = new Map<string, Promise<string | undefined>>();
	readonly warnings: string[] = [];

	async forDockerfile(dockerfile: string): Promise<ProjectSettings> {
		const dir = path.dirname(path.resolve(dockerfile));
		let found = this.byDir.get(dir);
		if (!found) this.byDir.set(dir, found = findProjectSettingsFile(dockerfile));
		const file = await found;
		if (!file) return {};
		let settings = this.byFile.get(file);
		if (!settings) this.byFile.set(file, settings = this.load(file));
		return settings;
	}

	private async load(file: string): Promise<ProjectSettings> {
		const loaded = await loadProjectSettings(file);
		const shown = path.relative(process.cwd(), file) || file;
		if (loaded.error) this.warnings.push(`warning: ${loaded.error}; ignoring it`);
		this.warnings.push(...loaded.problems.map(p => formatProblem(shown, p)));
		return loaded.settings;
	}
}

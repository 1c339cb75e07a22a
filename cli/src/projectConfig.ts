// Which `.hadolint.yaml` applies to each Dockerfile on the command line: `--config FILE` for all of
// them, or the nearest one found by walking up (see configLookup.ts). A broken config prints one
// warning per problem (file:line:col, like a compiler) and checking goes on with what is valid.
import * as path from 'node:path';
import type { ConfigProblem, HadolintConfig } from '../../server/src/core/config';
import { findConfigFile, loadConfigFile } from '../../server/src/core/configLookup';
import { UsageError } from './exitCode';

export class ProjectConfigs {
	private readonly byFile = new Map<string, Promise<HadolintConfig>>();
	private readonly byDir = new Map<string, Promise<string | undefined>>();
	readonly warnings: string[] = [];

	/** `explicit`: the `--config` file, which must be readable. */
	constructor(private readonly explicit?: string) {}

	async forDockerfile(dockerfile: string): Promise<HadolintConfig> {
		const file = this.explicit ?? await this.find(dockerfile);
		if (!file) return {};
		let config = this.byFile.get(file);
		if (!config) {
			config = this.load(file);
			this.byFile.set(file, config);
		}
		return config;
	}

	private find(dockerfile: string): Promise<string | undefined> {
		const dir = path.dirname(path.resolve(dockerfile));
		let found = this.byDir.get(dir);
		if (!found) {
			found = findConfigFile(dockerfile);
			this.byDir.set(dir, found);
		}
		return found;
	}

	private async load(file: string): Promise<HadolintConfig> {
		const loaded = await loadConfigFile(file);
		if (!loaded.ok) {
			if (file === this.explicit) throw new UsageError(loaded.error);
			this.warnings.push(`warning: ${loaded.error}; using defaults`);
			return {};
		}
		const shown = path.relative(process.cwd(), file) || file;
		this.warnings.push(...loaded.parsed.problems.map(p => formatProblem(shown, p)));
		return loaded.parsed.config;
	}
}

export function formatProblem(file: string, problem: ConfigProblem): string {
	const { line, character } = problem.range.start;
	return `${problem.severity}: ${file}:${line + 1}:${character + 1}: ${problem.message}`;
}

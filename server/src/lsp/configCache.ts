// Per-document `.hadolint.yaml`: looked up once per folder, read once per file, both cached until a
// watched config file changes. Problems in a config file are published as diagnostics on that file,
// and the analysis goes on with defaults: a typo in the config never stops linting.
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DiagnosticSeverity, FileChangeType, type Connection, type Diagnostic, type FileEvent } from 'vscode-languageserver/node';
import type { ConfigProblem, HadolintConfig } from '../core/config';
import { findConfigFile, loadConfigFile, PROJECT_CONFIG_NAMES } from '../core/configLookup';
import { PROJECT_SETTINGS_NAMES, type ProjectSettings } from '../core/projectSettings';
import { findProjectSettingsFile, loadProjectSettings } from '../core/projectSettingsLookup';
import { DIAGNOSTIC_SOURCE } from './toLsp';

export interface DocumentConfig {
	/** The config file used, if any. */
	file?: string;
	config: HadolintConfig;
	/** `lifecycleImages` / `toolchainImages` from the nearest `.patchlens.yaml`. */
	settings?: ProjectSettings;
}

/** Glob for the client's file watcher. */
export const CONFIG_GLOB = `**/{${[...PROJECT_CONFIG_NAMES, ...PROJECT_SETTINGS_NAMES].join(',')}}`;

export class ConfigCache {
	private readonly lookups = new Map<string, Promise<string | undefined>>();
	private readonly loads = new Map<string, Promise<HadolintConfig>>();
	/** Config file URIs that currently show problems. */
	private readonly published = new Set<string>();

	constructor(private readonly connection: Connection, private readonly roots: () => string[]) {}

	private readonly settingsLookups = new Map<string, Promise<ProjectSettings>>();

	async forDocument(uri: string): Promise<DocumentConfig> {
		const file = toPath(uri);
		if (!file) return { config: {} };
		const [hadolint, settings] = await Promise.all([this.hadolintConfig(file), this.projectSettings(file)]);
		return { ...hadolint, settings };
	}

	/** The nearest `.patchlens.yaml` (problems published on it like `.hadolint.yaml`'s), once per folder. */
	private projectSettings(file: string): Promise<ProjectSettings> {
		const dir = path.dirname(file);
		let lookup = this.settingsLookups.get(dir);
		if (!lookup) {
			lookup = findProjectSettingsFile(file, this.roots()).then(async found => {
				if (!found) return {};
				const loaded = await loadProjectSettings(found);
				const uri = pathToFileURL(found).href;
				if (loaded.problems.length || this.published.has(uri)) {
					if (loaded.problems.length) this.published.add(uri);
					else this.published.delete(uri);
					void this.connection.sendDiagnostics({ uri, diagnostics: loaded.problems.map(toConfigDiagnostic) });
				}
				return loaded.settings;
			}).catch(() => ({}));
			this.settingsLookups.set(dir, lookup);
		}
		return lookup;
	}

	private async hadolintConfig(file: string): Promise<DocumentConfig> {
		const dir = path.dirname(file);
		let lookup = this.lookups.get(dir);
		if (!lookup) {
			lookup = findConfigFile(file, { roots: this.roots() }).catch(() => undefined);
			this.lookups.set(dir, lookup);
		}
		const configFile = await lookup;
		if (!configFile) return { config: {} };
		let load = this.loads.get(configFile);
		if (!load) {
			load = this.load(configFile);
			this.loads.set(configFile, load);
		}
		return { file: configFile, config: await load };
	}

	/** Drops everything cached when a config file changed; true when the caller should revalidate. */
	onWatchedFilesChanged(changes: readonly FileEvent[]): boolean {
		const relevant = changes.filter(c => [...PROJECT_CONFIG_NAMES, ...PROJECT_SETTINGS_NAMES].includes(path.posix.basename(c.uri)));
		for (const change of relevant) {
			if (change.type === FileChangeType.Deleted && this.published.delete(change.uri)) {
				void this.connection.sendDiagnostics({ uri: change.uri, diagnostics: [] });
			}
		}
		if (relevant.length) this.clear();
		return relevant.length > 0;
	}

	clear(): void {
		this.settingsLookups.clear();
		this.lookups.clear();
		this.loads.clear();
	}

	private async load(file: string): Promise<HadolintConfig> {
		const loaded = await loadConfigFile(file);
		const uri = pathToFileURL(file).href;
		const diagnostics = loaded.ok
			? loaded.parsed.problems.map(toConfigDiagnostic)
			: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Error, source: DIAGNOSTIC_SOURCE, message: loaded.error }];
		if (diagnostics.length || this.published.has(uri)) {
			if (diagnostics.length) this.published.add(uri);
			else this.published.delete(uri);
			void this.connection.sendDiagnostics({ uri, diagnostics });
		}
		return loaded.ok ? loaded.parsed.config : {};
	}
}

export function toConfigDiagnostic(problem: ConfigProblem): Diagnostic {
	return {
		range: problem.range,
		severity: problem.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
		source: DIAGNOSTIC_SOURCE,
		message: problem.message,
	};
}

function toPath(uri: string): string | undefined {
	if (!uri.startsWith('file:')) return undefined;
	try {
		return fileURLToPath(uri);
	} catch {
		return undefined;
	}
}

/** Workspace folder URIs from `initialize` -> paths, for the lookup's upper bound. */
export function folderPaths(uris: readonly string[]): string[] {
	return uris.map(toPath).filter((p): p is string => p !== undefined);
}

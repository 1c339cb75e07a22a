// Per-resource settings under `patchlens.*`, read through workspace/configuration and cached
// until the client says they changed (vscode-eslint's pattern).
import type { Connection } from 'vscode-languageserver/node';
import { toAnalysisConfig, type HadolintConfig } from '../core/config';
import { isSeverity, type Severity } from '../core/finding';
import type { AnalysisOptions } from '../core/options';

export interface PatchlensSettings {
	enable: boolean;
	ignoredRules: string[];
	severityOverrides: Record<string, Severity | 'off'>;
	online: boolean;
	buildArgs: Record<string, string>;
	trustedRegistries: string[];
	enabledRules: string[];
	/** `patchlens.lifecycle.warnDays`: PL102's window. */
	warnDays: number;
}

export const DEFAULT_SETTINGS: PatchlensSettings = {
	enable: true,
	ignoredRules: [],
	severityOverrides: {},
	online: true,
	buildArgs: {},
	trustedRegistries: [],
	enabledRules: [],
	warnDays: 90,
};

export class SettingsCache {
	private readonly cache = new Map<string, Promise<PatchlensSettings>>();

	constructor(private readonly connection: Connection, private readonly supportsConfiguration: () => boolean) {}

	get(uri: string): Promise<PatchlensSettings> {
		if (!this.supportsConfiguration()) return Promise.resolve(DEFAULT_SETTINGS);
		let settings = this.cache.get(uri);
		if (!settings) {
			settings = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'patchlens' })
				.then(normalise, () => DEFAULT_SETTINGS);
			this.cache.set(uri, settings);
		}
		return settings;
	}

	clear(uri?: string): void {
		if (uri) this.cache.delete(uri);
		else this.cache.clear();
	}
}

/** Settings arrive as user-typed JSON: keep what is valid, drop the rest. */
export function normalise(raw: unknown): PatchlensSettings {
	const value = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
	const strings = (v: unknown) => Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
	const overrides: Record<string, Severity | 'off'> = {};
	if (value.severityOverrides && typeof value.severityOverrides === 'object') {
		for (const [code, severity] of Object.entries(value.severityOverrides)) {
			if (isSeverity(severity) || severity === 'off') overrides[code.toUpperCase()] = severity;
		}
	}
	const buildArgs: Record<string, string> = {};
	if (value.buildArgs && typeof value.buildArgs === 'object') {
		for (const [name, v] of Object.entries(value.buildArgs)) if (typeof v === 'string') buildArgs[name] = v;
	}
	const lifecycle = (value.lifecycle && typeof value.lifecycle === 'object' ? value.lifecycle : {}) as Record<string, unknown>;
	const warnDays = lifecycle.warnDays ?? value['lifecycle.warnDays'];
	return {
		warnDays: typeof warnDays === 'number' && Number.isFinite(warnDays) && warnDays >= 0 ? Math.floor(warnDays) : DEFAULT_SETTINGS.warnDays,
		enable: value.enable !== false,
		ignoredRules: strings(value.ignoredRules).map(c => c.toUpperCase()),
		severityOverrides: overrides,
		online: value.online !== false,
		buildArgs,
		trustedRegistries: strings(value.trustedRegistries),
		enabledRules: strings(value.enabledRules).map(c => c.toUpperCase()),
	};
}

/** Settings layered over the `.hadolint.yaml` that applies to the document (settings win). */
export function toAnalysisOptions(settings: PatchlensSettings, now = new Date(), fileConfig: HadolintConfig = {}): Partial<AnalysisOptions> {
	return {
		now,
		offline: !settings.online,
		buildArgs: settings.buildArgs,
		enabledOptionalRules: settings.enabledRules,
		eolWarningDays: settings.warnDays,
		...toAnalysisConfig(fileConfig, {
			ignored: settings.ignoredRules,
			severityOverrides: settings.severityOverrides,
			trustedRegistries: settings.trustedRegistries,
		}),
	};
}

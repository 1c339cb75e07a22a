// `.hadolint.yaml` -> a typed config plus the problems found in it (with positions, so the editor
// can mark them in the config file). Pure: finding and reading the file lives in configLookup.ts.
// A broken file never throws: what is valid is kept, the rest falls back to defaults.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { isSeverity, SEVERITIES, type Range, type Severity } from './finding';
import type { AnalysisOptions } from './options';
import { nearest } from './nearest';
import { yamlRangeOf } from './yamlRanges';

export type FailureThreshold = Severity | 'none';

export interface HadolintConfig {
	ignored?: string[];
	/** hadolint's `override`: severity -> codes. */
	override?: Partial<Record<Severity, string[]>>;
	failureThreshold?: FailureThreshold;
	trustedRegistries?: string[];
	disableIgnorePragma?: boolean;
	/** hadolint's `no-fail`: never exit 1 because of findings. */
	noFail?: boolean;
}

export interface ConfigProblem {
	/** 0-based, within the config file. */
	range: Range;
	message: string;
	severity: 'error' | 'warning';
}

export interface ParsedConfig {
	config: HadolintConfig;
	problems: ConfigProblem[];
}

/** hadolint keys we read, or knowingly accept without effect (label linting, output options). */
const ACCEPTED_KEYS = new Set(['format', 'label-schema', 'no-color', 'strict-labels', 'require-labels', 'verbose']);
const RULE_CODE = /^[A-Z]{2}\d+$/;

export interface ParseConfigOptions {
	/** Codes a rule list may name; a well-formed code outside them gets a warning naming the nearest. */
	knownCodes?: ReadonlySet<string>;
}

export function parseHadolintConfig(text: string, options: ParseConfigOptions = {}): ParsedConfig {
	const lineCounter = new LineCounter();
	const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
	const problems: ConfigProblem[] = [];
	const rangeOf = yamlRangeOf(lineCounter);
	const problem = (node: Node | null | undefined, message: string, severity: ConfigProblem['severity'] = 'error') =>
		problems.push({ range: rangeOf(node?.range), message, severity });

	if (doc.errors.length) {
		// A file that is not valid YAML is not used at all: half a config could hide findings.
		for (const error of doc.errors) {
			problems.push({ range: rangeOf(error.pos), message: `Invalid YAML: ${firstLine(error.message)}; the file is not used.`, severity: 'error' });
		}
		return { config: {}, problems };
	}
	const root = doc.contents;
	if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return { config: {}, problems };
	if (!isMap(root)) {
		problem(root, 'A hadolint config file must be a mapping of keys (ignored, override, failure-threshold, trustedRegistries...); the file is not used.');
		return { config: {}, problems };
	}

	const config: HadolintConfig = {};
	for (const pair of root.items) {
		const keyNode = pair.key as Node;
		const key = isScalar(keyNode) ? String(keyNode.value) : '';
		const value = pair.value as Node | null;
		switch (key) {
			case 'ignored': {
				const codes = readCodes(value, key, problem, options.knownCodes);
				if (codes) config.ignored = codes;
				break;
			}
			case 'override':
				config.override = readOverride(value, problem, options.knownCodes);
				break;
			case 'failure-threshold': {
				const raw = isScalar(value) ? String(value.value) : undefined;
				if (raw === 'none' || raw === 'ignore') config.failureThreshold = 'none';
				else if (isSeverity(raw)) config.failureThreshold = raw;
				else problem(value ?? keyNode, `failure-threshold must be one of error, warning, info, style, ignore, none; using the default.`);
				break;
			}
			case 'trustedRegistries': {
				// hadolint accepts a single registry or a list.
				const registries = isScalar(value) && typeof value.value === 'string' ? [value.value] : readStrings(value, key, problem);
				if (registries) config.trustedRegistries = registries;
				break;
			}
			case 'disable-ignore-pragma':
			case 'no-fail': {
				if (!isScalar(value) || typeof value.value !== 'boolean') {
					problem(value ?? keyNode, `${key} must be true or false.`);
				} else if (key === 'no-fail') config.noFail = value.value;
				else config.disableIgnorePragma = value.value;
				break;
			}
			default:
				if (!ACCEPTED_KEYS.has(key)) problem(keyNode, `Unknown key "${key}" is ignored.`, 'warning');
		}
	}
	return { config, problems };
}

type Report = (node: Node | null | undefined, message: string, severity?: ConfigProblem['severity']) => void;

function readStrings(node: Node | null, key: string, problem: Report): string[] | undefined {
	if (!isSeq(node)) {
		problem(node, `${key} must be a list; using the default.`);
		return undefined;
	}
	const out: string[] = [];
	for (const item of node.items as Node[]) {
		if (isScalar(item) && typeof item.value === 'string' && item.value.trim()) out.push(item.value.trim());
		else problem(item, `${key}: ${isScalar(item) ? JSON.stringify(item.value) : 'this entry'} is not a string; skipped.`);
	}
	return out;
}

function readCodes(node: Node | null, key: string, problem: Report, known?: ReadonlySet<string>): string[] | undefined {
	const strings = readStrings(node, key, problem);
	if (!strings) return undefined;
	const items = (node as { items: Node[] }).items.filter(i => isScalar(i) && typeof i.value === 'string');
	return strings.filter((code, i) => {
		if (!RULE_CODE.test(code)) {
			problem(items[i], `${key}: "${code}" is not a rule code like DL3008 or PL101; skipped.`, 'warning');
			return false;
		}
		// Kept (hadolint may know it), but a typo silently ignoring nothing deserves a word.
		if (known && !code.startsWith('SC') && !known.has(code)) problem(items[i], `${key}: unknown rule code "${code}"${nearestNote(code, known)}`, 'warning');
		return true;
	});
}

/** `; did you mean DL3008?` for the known code fewest edits away (the first in order on a tie). */
function nearestNote(code: string, known: ReadonlySet<string>): string {
	const found = nearest(code, [...known].sort());
	return found ? `; did you mean ${found.best}?` : '.';
}

function readOverride(node: Node | null, problem: Report, known?: ReadonlySet<string>): HadolintConfig['override'] {
	if (!isMap(node)) {
		problem(node, 'override must map error/warning/info/style to lists of rule codes; using the default.');
		return undefined;
	}
	const out: Partial<Record<Severity, string[]>> = {};
	for (const pair of node.items) {
		const keyNode = pair.key as Node;
		const level = isScalar(keyNode) ? String(keyNode.value) : '';
		if (!isSeverity(level)) {
			problem(keyNode, `override: "${level}" is not one of ${SEVERITIES.join(', ')}; skipped.`);
			continue;
		}
		const codes = readCodes(pair.value as Node | null, `override.${level}`, problem, known);
		if (codes) out[level] = codes;
	}
	return out;
}

function firstLine(message: string): string {
	return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/** What the editor settings or CLI flags say, layered over the config file. */
export interface ConfigOverrides {
	ignored?: string[];
	severityOverrides?: AnalysisOptions['severityOverrides'];
	/** Non-empty replaces the file's list. */
	trustedRegistries?: string[];
	disableIgnorePragma?: boolean;
}

/**
 * File config + settings/flags -> analysis options. Ignores add up (so "ignore in this workspace"
 * never revives a code the file ignores); per-code severities from settings win over the file's.
 */
export function toAnalysisConfig(config: HadolintConfig, overrides: ConfigOverrides = {}): Pick<AnalysisOptions, 'ignored' | 'severityOverrides' | 'trustedRegistries' | 'disableIgnorePragma'> {
	const severityOverrides: AnalysisOptions['severityOverrides'] = {};
	// hadolint applies override lists in this order, so the last (least severe) wins on duplicates.
	for (const level of SEVERITIES) for (const code of config.override?.[level] ?? []) severityOverrides[code] = level;
	Object.assign(severityOverrides, overrides.severityOverrides);
	return {
		ignored: [...new Set([...(config.ignored ?? []), ...(overrides.ignored ?? [])])],
		severityOverrides,
		trustedRegistries: overrides.trustedRegistries?.length ? overrides.trustedRegistries : config.trustedRegistries ?? [],
		disableIgnorePragma: overrides.disableIgnorePragma ?? config.disableIgnorePragma ?? false,
	};
}

// `.patchlens.yaml`: Patchlens' own project file (hadolint's `.hadolint.yaml` stays hadolint's). The
// analysis reads two keys from it — `lifecycleImages` (a team's image → lifecycle product mapping)
// and `toolchainImages` (bases whose final images are toolchains by design, for PL203); `budget` is
// the benchmark gate's (startup/src/budget/config.ts) and other keys are left to their owners. Pure:
// text in, typed settings and positioned problems out; a broken entry is skipped, never thrown.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml';
import type { ConfigProblem } from './config';
import { nearest } from './nearest';
import { yamlRangeOf } from './yamlRanges';
import type { ImageMapping } from './lifecycle/imageMapping';
import type { AnalysisOptions } from './options';

export const PROJECT_SETTINGS_NAMES = ['.patchlens.yaml', '.patchlens.yml'];

export type ProjectSettings = Pick<AnalysisOptions, 'lifecycleImages' | 'toolchainImages'>;

export interface ParsedProjectSettings {
	settings: ProjectSettings;
	problems: ConfigProblem[];
}

type Report = (node: Node | null | undefined, message: string, severity?: ConfigProblem['severity']) => void;

const MAPPING_KEYS = new Set(['image', 'product', 'version', 'pathVersion', 'aliases', 'title', 'requireVersion']);

/** `knownProducts`: endoflife.date ids in the dataset, so a typo is reported with the nearest id. */
export function parseProjectSettings(text: string, knownProducts: readonly string[]): ParsedProjectSettings {
	const lineCounter = new LineCounter();
	const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
	const problems: ConfigProblem[] = [];
	const rangeOf = yamlRangeOf(lineCounter);
	const problem: Report = (node, message, severity = 'error') => problems.push({ range: rangeOf(node?.range), message, severity });
	if (doc.errors.length) {
		for (const error of doc.errors) problems.push({ range: rangeOf(error.pos), message: `Invalid YAML: ${error.message.split('\n')[0]}; the file is not used.`, severity: 'error' });
		return { settings: {}, problems };
	}
	const root = doc.contents;
	if (!isMap(root)) {
		if (root && !(isScalar(root) && (root.value === null || root.value === ''))) problem(root, '.patchlens.yaml must be a mapping of keys (lifecycleImages, toolchainImages, budget); the file is not used.');
		return { settings: {}, problems };
	}
	const settings: ProjectSettings = {};
	const images = root.get('lifecycleImages', true) as Node | undefined;
	if (images !== undefined) settings.lifecycleImages = readMappings(images, knownProducts, problem);
	const toolchains = root.get('toolchainImages', true) as Node | undefined;
	if (toolchains !== undefined) settings.toolchainImages = readGlobs(toolchains, problem);
	return { settings, problems };
}

function readGlobs(node: Node, problem: Report): string[] {
	if (!isSeq(node)) {
		problem(node, 'toolchainImages must be a list of image globs such as registry.example.com/ci/*; ignored.');
		return [];
	}
	return (node.items as Node[]).flatMap(item => {
		if (isScalar(item) && typeof item.value === 'string' && item.value.trim()) return [item.value.trim()];
		problem(item, 'toolchainImages: each entry must be an image glob (a string); skipped.');
		return [];
	});
}

function readMappings(node: Node, knownProducts: readonly string[], problem: Report): ImageMapping[] {
	if (!isSeq(node)) {
		problem(node, 'lifecycleImages must be a list of {image, product, version?} entries; ignored.');
		return [];
	}
	const out: ImageMapping[] = [];
	for (const item of node.items as Node[]) {
		const mapping = isMap(item) ? readMapping(item, knownProducts, problem) : undefined;
		if (!isMap(item)) problem(item, 'lifecycleImages: each entry must be a mapping with image and product; skipped.');
		if (mapping) out.push(mapping);
	}
	return out;
}

/** One `{image, product, version?, pathVersion?, aliases?, title?}` entry, or undefined when unusable. */
function readMapping(item: YAMLMap, knownProducts: readonly string[], problem: Report): ImageMapping | undefined {
	const fields: Record<string, unknown> = {};
	for (const pair of item.items) {
		const key = isScalar(pair.key) ? String(pair.key.value) : '';
		const value = pair.value as Node | null;
		if (!MAPPING_KEYS.has(key)) {
			problem(pair.key as Node, `lifecycleImages: unknown key "${key}" (expected ${[...MAPPING_KEYS].join(', ')}); ignored.`, 'warning');
		} else if (key === 'aliases') {
			fields.aliases = isMap(value) ? Object.fromEntries(value.items.map(p => [String((p.key as { value?: unknown }).value).toLowerCase(), String((p.value as { value?: unknown } | null)?.value ?? '')])) : undefined;
			if (!isMap(value)) problem(value, 'lifecycleImages: aliases must map release names to cycles (ltsc2022: "2022"); ignored.');
		} else if (key === 'requireVersion') {
			fields.requireVersion = isScalar(value) && value.value === true;
		} else if (isScalar(value) && (typeof value.value === 'string' || typeof value.value === 'number')) {
			fields[key] = String(value.value);
		} else {
			problem(value ?? pair.key as Node, `lifecycleImages: ${key} must be a string; the entry is skipped.`);
			return undefined;
		}
	}
	if (typeof fields.image !== 'string' || typeof fields.product !== 'string') {
		problem(item, 'lifecycleImages: an entry needs both image (a glob) and product (an endoflife.date id); skipped.');
		return undefined;
	}
	if (!knownProducts.includes(fields.product)) {
		problem(item.get('product', true) as Node, `lifecycleImages: no lifecycle data for product "${fields.product}"${didYouMean(fields.product, knownProducts)}; the entry is skipped.`);
		return undefined;
	}
	for (const key of ['version', 'pathVersion'] as const) {
		if (typeof fields[key] !== 'string') continue;
		try {
			new RegExp(fields[key] as string);
		} catch (error) {
			problem(item.get(key, true) as Node, `lifecycleImages: ${key} is not a regular expression (${(error as Error).message}); the entry is skipped.`);
			return undefined;
		}
	}
	return fields as unknown as ImageMapping;
}

function didYouMean(word: string, known: readonly string[]): string {
	const found = nearest(word.toLowerCase(), known);
	return found && found.distance <= Math.max(2, word.length / 3) ? ` (did you mean "${found.best}"?)` : '';
}

// The warm part of a bump's estimate: a container of CANDIDATE started warm, minus one of CURRENT, at N.
// A warm start reads no layer; it mounts the image's layers (one overlay lower dir each) and runs the image's
// command. So two images differ warm by (a) their layer counts and (b) what their commands do until the
// container is ready: python's interpreter start is not a shell's. (b) is not in any manifest. It is learnt
// from this engine's runs that measured two images warm *in one run* (their difference is free of how loaded
// the machine was at other times): a cost per command, and per kin (repository and command) a deviation from
// it, carried through chains of comparisons to a pair never measured together. Pure.
import { parseImageReference } from '../../../server/src/core/image/reference';
import { ridgeSolve } from '../estimate';

/** An image as the warm model sees it. */
export interface WarmSubject {
	image: string;
	/** What a warm start runs (Entrypoint then Cmd, as JSON); an unknown command is its repository's own. */
	command: string;
	/** Repository and command: images of one kin are expected to start alike. */
	kin: string;
	layers: number;
}

/** Two images measured warm in one run at one concurrency: `other` minus `base`, median to median. */
export interface WarmComparison {
	concurrency: number;
	base: WarmSubject;
	other: WarmSubject;
	diffMs: number;
}

export interface WarmLevel {
	concurrency: number;
	perLayerMs: number;
	/** Relative start cost of each command seen in comparisons, and each kin's own deviation from its command's. */
	commands: ReadonlyMap<string, number>;
	kins: ReadonlyMap<string, number>;
	/** Commands linked by comparisons share a component id; costs of different components are not comparable. */
	component: ReadonlyMap<string, number>;
	comparisons: number;
}

export interface WarmModel {
	levels: readonly WarmLevel[];
	/** Per layer when no comparison taught one (an overlay mount is cheap: about a millisecond). */
	defaultPerLayerMs: number;
}

export interface WarmPrediction {
	deltaMs: number;
	/**
	 * `kin`: both images' repositories and commands were compared on this engine; `command`: their commands were
	 * (the repositories' own deviations taken as 0); `layers`: the layer count difference only.
	 */
	basis: 'kin' | 'command' | 'layers';
	comparisons: number;
}

export const DEFAULT_WARM_PER_LAYER_MS = 1;

/**
 * How strongly a kin's own deviation from its command's cost is pulled to 0, in comparisons: one run that says
 * trixie's python starts 20 ms slower than bookworm's moves it by a third of that. A single warm comparison
 * is noisy (±20 ms per round median on a 2-core machine); the command's cost rests on every comparison of it.
 */
const KIN_SHRINK = 2;

/** The repository (normalised: `python` is `docker.io/library/python`; tag and digest dropped). */
function repositoryOf(image: string): string {
	const parsed = parseImageReference(image);
	return parsed.ok ? `${parsed.ref.registry}/${parsed.ref.path}` : image;
}

export function warmSubject(image: string, command: readonly string[] | undefined, layers: number): WarmSubject {
	const repository = repositoryOf(image);
	const run = command ? JSON.stringify(command) : `unknown ${repository}`;
	return { image, command: run, kin: `${repository} ${run}`, layers };
}

function components(keys: readonly string[], edges: readonly [string, string][]): Map<string, number> {
	const parent = new Map(keys.map(k => [k, k]));
	const root = (k: string): string => (parent.get(k) === k ? k : root(parent.get(k)!));
	for (const [a, b] of edges) parent.set(root(a), root(b));
	const ids = new Map<string, number>();
	return new Map(keys.map(k => [k, ids.get(root(k)) ?? (ids.set(root(k), ids.size), ids.size - 1)]));
}

/**
 * Least squares over one concurrency level:
 *   diff = perLayer · Δlayers + command(other) − command(base) + kin(other) − kin(base)
 * Partial pooling: a command's cost rests on every comparison of it (a faint ridge fixes each component's free
 * constant, ≈0.5 % on differences); a kin's deviation from it needs consistent evidence (KIN_SHRINK).
 */
export function fitWarmLevel(concurrency: number, comparisons: readonly WarmComparison[], defaultPerLayerMs = DEFAULT_WARM_PER_LAYER_MS): WarmLevel {
	const commands = [...new Set(comparisons.flatMap(c => [c.base.command, c.other.command]))];
	const kins = [...new Set(comparisons.flatMap(c => [c.base.kin, c.other.kin]))];
	const col = new Map([...commands.map((k, i) => [`c ${k}`, 1 + i] as const), ...kins.map((k, i) => [`k ${k}`, 1 + commands.length + i] as const)]);
	const rows = comparisons.map(c => {
		const row = new Array<number>(1 + commands.length + kins.length).fill(0);
		row[0] = c.other.layers - c.base.layers;
		row[col.get(`c ${c.other.command}`)!] += 1;
		row[col.get(`c ${c.base.command}`)!] -= 1;
		row[col.get(`k ${c.other.kin}`)!] += 1;
		row[col.get(`k ${c.base.kin}`)!] -= 1;
		return row;
	});
	const theta = ridgeSolve(rows, comparisons.map(c => c.diffMs), [defaultPerLayerMs, ...commands.map(() => 0), ...kins.map(() => 0)],
		[1, ...commands.map(() => 0.01), ...kins.map(() => KIN_SHRINK)]);
	return {
		concurrency, perLayerMs: Math.max(0, theta[0]), comparisons: comparisons.length,
		commands: new Map(commands.map((k, i) => [k, theta[1 + i]])),
		kins: new Map(kins.map((k, i) => [k, theta[1 + commands.length + i]])),
		component: components(commands, comparisons.map(c => [c.base.command, c.other.command])),
	};
}

export function fitWarm(comparisons: readonly WarmComparison[], defaultPerLayerMs = DEFAULT_WARM_PER_LAYER_MS): WarmModel {
	const levels = [...new Set(comparisons.map(c => c.concurrency))].sort((a, b) => a - b);
	return { defaultPerLayerMs, levels: levels.map(n => fitWarmLevel(n, comparisons.filter(c => c.concurrency === n), defaultPerLayerMs)) };
}

/** The fitted level nearest to N (by ratio: 4 is nearer to 8 than to 1). */
function levelFor(model: WarmModel, n: number): WarmLevel | undefined {
	const distance = (l: WarmLevel) => Math.abs(Math.log(l.concurrency / Math.max(1, n)));
	return [...model.levels].sort((a, b) => distance(a) - distance(b))[0];
}

export function predictWarmDelta(model: WarmModel, current: WarmSubject, candidate: WarmSubject, concurrency: number): WarmPrediction {
	const level = levelFor(model, concurrency);
	const layerMs = (level?.perLayerMs ?? model.defaultPerLayerMs) * (candidate.layers - current.layers);
	const a = level?.component.get(current.command), b = level?.component.get(candidate.command);
	if (!level || a === undefined || a !== b) return { deltaMs: layerMs, basis: 'layers', comparisons: level?.comparisons ?? 0 };
	const kin = (s: WarmSubject) => level.kins.get(s.kin);
	const commandMs = level.commands.get(candidate.command)! - level.commands.get(current.command)!;
	const kinMs = (kin(candidate) ?? 0) - (kin(current) ?? 0);
	const basis = kin(candidate) !== undefined && kin(current) !== undefined ? 'kin' : 'command';
	return { deltaMs: layerMs + commandMs + kinMs, basis, comparisons: level.comparisons };
}

// Images that are not Docker Official Images, tied to a lifecycle product by pattern: the bundled
// table (mcr.microsoft.com .NET and Windows, Red Hat UBI, CentOS, Amazon Linux on ECR, …; see
// scripts/lifecycle-image-map.ts) and a team's own entries from `.patchlens.yaml` (`lifecycleImages`),
// which are tried first. Pure: the patterns and the product's release lines are inputs.
import type { ImageReference } from '../image/reference';
import type { ImageMapping, Product, ReleaseLine } from './dataset';

export type { ImageMapping } from './dataset';

export interface MappedLine {
	line: ReleaseLine;
	pinsPatch: boolean;
	depth: number;
}

const globs = new Map<string, RegExp>();

/** `mcr.microsoft.com/dotnet/*` → anchored regex; malformed input matches literally, never throws. */
export function imageGlob(glob: string): RegExp {
	let re = globs.get(glob);
	if (re) return re;
	let body = '';
	let depth = 0;
	for (let i = 0; i < glob.length; i++) {
		const c = glob[i];
		if (c === '*' && glob[i + 1] === '*') {
			body += '.*';
			i++;
		} else if (c === '*') body += '[^/]*';
		else if (c === '{') {
			body += '(?:';
			depth++;
		} else if (c === '}' && depth > 0) {
			body += ')';
			depth--;
		} else if (c === ',' && depth > 0) body += '|';
		else body += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
	}
	// An unclosed `{` would be a broken pattern: match the glob literally instead.
	re = depth ? new RegExp(`^${glob.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : new RegExp(`^${body}$`);
	if (globs.size > 500) globs.clear();
	globs.set(glob, re);
	return re;
}

/** Whether `mapping.image` names this reference (with or without `docker.io/` and `library/`). */
export function mappingMatches(mapping: ImageMapping, ref: Pick<ImageReference, 'registry' | 'path'>): boolean {
	const re = imageGlob(mapping.image);
	const full = `${ref.registry}/${ref.path}`;
	if (re.test(full)) return true;
	if (ref.registry !== 'docker.io') return false;
	return re.test(ref.path) || re.test(ref.path.replace(/^library\//, '')) || re.test(full.replace('/library/', '/'));
}

function safeRegExp(source: string): RegExp | undefined {
	try {
		return new RegExp(source, 'i');
	} catch {
		return undefined;
	}
}

function capture(source: string | undefined, text: string): string | undefined {
	const m = source ? safeRegExp(source)?.exec(text) : undefined;
	return m ? (m[1] ?? m[0]) : undefined;
}

/** The release line a mapped image's reference names, or undefined when neither path nor tag says. */
export function mappedLine(mapping: ImageMapping, product: Product, ref: Pick<ImageReference, 'path' | 'tag'>): MappedLine | undefined {
	const tag = ref.tag ?? 'latest';
	const raw = capture(mapping.pathVersion, ref.path)
		?? (mapping.version ? capture(mapping.version, tag) : /^v?(\d+(?:\.\d+)*)/.exec(tag)?.[1]);
	if (!raw) return undefined;
	const key = raw.toLowerCase();
	const name = mapping.aliases ? mapping.aliases[key] : key;
	if (!name) return undefined;
	const exact = product.releases.find(r => r.cycle.toLowerCase() === name);
	if (exact) return { line: exact, pinsPatch: false, depth: name.split('.').length };
	const parts = name.split('.');
	if (!parts.every(p => /^\d+$/.test(p))) return undefined;
	let best: MappedLine | undefined;
	for (const line of product.releases) {
		const cycle = line.cycle.split('.');
		if (cycle.length > parts.length || !cycle.every((c, i) => /^\d+$/.test(c) && Number(c) === Number(parts[i]))) continue;
		if (!best || cycle.length > best.depth) best = { line, pinsPatch: parts.length > cycle.length, depth: cycle.length };
	}
	return best;
}

/** The first mapping (in order) that names the image and resolves its release line; else the first that names it. */
export function findMapping(mappings: readonly ImageMapping[], products: Record<string, Product>, ref: Pick<ImageReference, 'registry' | 'path' | 'tag'>): ImageMapping | undefined {
	let named: ImageMapping | undefined;
	for (const mapping of mappings) {
		const product = products[mapping.product];
		if (!product || !mappingMatches(mapping, ref)) continue;
		if (mappedLine(mapping, product, ref)) return mapping;
		if (!mapping.requireVersion) named ??= mapping;
	}
	return named;
}

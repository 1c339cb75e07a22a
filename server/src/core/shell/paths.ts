// Paths a command creates or removes, resolved against WORKDIR, and glob-aware comparison.
// Used by PL201 (files removed in a later layer than the one that added them).
import { operands } from './args';
import type { Command, Word } from './commands';

/** Joins `path` onto `cwd` and normalises `.`/`..`/trailing slashes; undefined when unknown. */
export function resolvePath(cwd: string | undefined, path: string): string | undefined {
	if (!path || path.includes('$') || path.startsWith('~')) return undefined;
	const full = path.startsWith('/') ? path : cwd ? `${cwd}/${path}` : undefined;
	if (!full) return undefined;
	const parts: string[] = [];
	for (const part of full.split('/')) {
		if (!part || part === '.') continue;
		if (part === '..') parts.pop();
		else parts.push(part);
	}
	return '/' + parts.join('/');
}

const GLOB = /[*?[]/;

const regexes = new Map<string, RegExp>();
const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** `*`, `?` and `[…]` as the shell reads them; anything malformed is matched literally, never thrown. */
function compileGlob(glob: string): RegExp {
	let source = '';
	for (let i = 0; i < glob.length; i++) {
		const c = glob[i];
		const close = c === '[' ? glob.indexOf(']', i + 2) : -1;
		if (c === '*') source += '[^/]*';
		else if (c === '?') source += '[^/]';
		else if (close > 0) {
			const body = glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
			source += `[${body}]`;
			i = close;
		} else source += escapeRegex(c);
	}
	try {
		return new RegExp(`^${source}$`);
	} catch {
		return new RegExp(`^${escapeRegex(glob)}$`);
	}
}

function globRegex(glob: string): RegExp {
	const cached = regexes.get(glob);
	if (cached) return cached;
	if (regexes.size > 1000) regexes.clear();
	const re = compileGlob(glob);
	regexes.set(glob, re);
	return re;
}

/** Does removing `removed` (maybe a glob) delete `added`, something inside it, or its parent? */
export function removes(removed: string, added: string): boolean {
	if (added === '/') return false;
	if (!GLOB.test(removed)) return removed === added || added.startsWith(removed + '/') || removed.startsWith(added + '/');
	const re = globRegex(removed);
	const segments = added.split('/');
	for (let n = 2; n <= segments.length; n++) if (re.test(segments.slice(0, n).join('/'))) return true;
	// `rm -rf /app/tests/*` when `/app` was added: the glob lies inside the added directory.
	const staticDir = removed.slice(0, removed.search(GLOB)).replace(/\/[^/]*$/, '');
	return staticDir === added || staticDir.startsWith(added + '/');
}

const value = (w: Word | undefined) => (w && !w.dynamic ? w.value : undefined);

function optionValue(cmd: Command, short: string[], long: string[]): string | undefined {
	for (let i = 0; i < cmd.args.length; i++) {
		const v = cmd.args[i].value;
		if (short.includes(v) || long.includes(v)) return value(cmd.args[i + 1]);
		const eq = long.find(l => v.startsWith(l + '='));
		if (eq) return v.slice(eq.length + 1);
	}
	return undefined;
}

/** Paths (as written) that a command creates: downloads, clones, mkdir/touch/cp targets, `> file`. */
export function createdPaths(cmd: Command): string[] {
	const out: (string | undefined)[] = [];
	switch (cmd.name) {
		case 'curl': out.push(optionValue(cmd, ['-o'], ['--output'])); break;
		case 'wget': out.push(optionValue(cmd, ['-O'], ['--output-document']), optionValue(cmd, ['-P'], ['--directory-prefix'])); break;
		case 'mkdir': case 'touch': out.push(...operands(cmd, new Set(['-m', '--mode'])).map(value)); break;
		case 'cp': out.push(value(operands(cmd).at(-1))); break;
		case 'unzip': out.push(optionValue(cmd, ['-d'], [])); break;
		case 'git': {
			const ops = operands(cmd, new Set(['-b', '--branch', '--depth', '-c', '--config', '-o', '--origin']));
			if (ops[0]?.value === 'clone' && ops[1] && !ops[1].dynamic) out.push(value(ops[2]) ?? ops[1].value.replace(/\/+$/, '').replace(/^.*[/:]/, '').replace(/\.git$/, ''));
			break;
		}
		case 'apt-get': case 'apt': if (operands(cmd)[0]?.value === 'update') out.push('/var/lib/apt/lists'); break;
	}
	for (const r of cmd.redirects) if ((r.op === '>' || r.op === '>>' || r.op === '>|') && r.target && !r.target.value.startsWith('/dev/')) out.push(value(r.target));
	return out.filter((p): p is string => !!p && p !== '-');
}

/** Operands of `rm`. */
export function removedPaths(cmd: Command): Word[] {
	return cmd.name === 'rm' ? operands(cmd).filter(w => !w.dynamic) : [];
}

/**
 * Paths with values, findable by what a removal could delete: the path itself, anything under
 * it, or a folder it lies in. Per path only the first and the latest value are kept (enough for
 * "added in an earlier layer" and "added again in this one"), so PL201 stays linear when every
 * RUN updates the apt lists.
 */
export class PathIndex<T extends { path: string }> {
	private readonly exact = new Map<string, T[]>();
	private readonly under = new Map<string, Set<string>>();

	add(value: T): void {
		const list = this.exact.get(value.path);
		if (list) {
			list[1] = value;
			return;
		}
		this.exact.set(value.path, [value]);
		for (let dir = parentOf(value.path); dir && dir !== '/'; dir = parentOf(dir)) {
			const set = this.under.get(dir);
			if (set) set.add(value.path);
			else this.under.set(dir, new Set([value.path]));
		}
	}

	/** Drops the paths `removed` deletes entirely: a later removal of them again saves nothing and blames no one. */
	forget(removed: string): void {
		for (const value of this.removedBy(removed)) {
			if (removesAll(removed, value.path)) this.exact.delete(value.path);
		}
	}

	/** Values whose path removing `removed` (maybe a glob) deletes, first-added first. */
	removedBy(removed: string): T[] {
		const glob = removed.search(GLOB);
		const base = glob < 0 ? removed : removed.slice(0, glob).replace(/\/[^/]*$/, '') || '/';
		const paths = new Set<string>([base, ...(this.under.get(base) ?? [])]);
		for (let dir = parentOf(base); dir; dir = parentOf(dir)) paths.add(dir);
		const out: T[] = [];
		for (const path of paths) {
			const values = this.exact.get(path);
			if (values && removes(removed, path)) out.push(...values);
		}
		return out;
	}
}

/**
 * Does removing `removed` leave nothing of `added` (the path itself, a folder holding it, or — for
 * `dir/*` — all of its contents)? Unlike `removes`, a removal strictly inside `added` does not count.
 */
export function removesAll(removed: string, added: string): boolean {
	if (added === '/') return false;
	if (removed === added || added.startsWith(removed + '/')) return true;
	if (!GLOB.test(removed)) return false;
	if (removed === `${added}/*`) return true;
	const re = globRegex(removed);
	const segments = added.split('/');
	for (let n = 2; n <= segments.length; n++) if (re.test(segments.slice(0, n).join('/'))) return true;
	return false;
}

function parentOf(path: string): string | undefined {
	if (path === '/' || !path.startsWith('/')) return undefined;
	const slash = path.lastIndexOf('/');
	return slash <= 0 ? '/' : path.slice(0, slash);
}

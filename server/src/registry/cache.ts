// On-disk cache of registry answers: one JSON file per key (named by its SHA-256), written
// atomically (temp file + rename) so a crash or a concurrent writer never leaves half a file.
// Best effort: an unreadable or unwritable cache only costs a lookup. Holds no credentials.
// Anyone who can write the folder (a CI cache restored from another branch, a shared --cache-dir)
// controls what is read back, so every value is checked by the caller's validator exactly as a
// live answer is, only regular files of bounded size are read (a FIFO would block a read forever),
// and entries carry a schema version.
import { createHash, randomBytes } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** `${XDG_CACHE_HOME:-~/.cache}/patchlens/<sub>`. */
export function defaultCacheDir(sub = 'registry', env: NodeJS.ProcessEnv = process.env): string {
	const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
	return path.join(base, 'patchlens', sub);
}

/** Bumped whenever the shape of a cached value changes: older entries are then plain misses. */
export const CACHE_SCHEMA = 2;
/** Far above any capped answer (tag lists are capped at a few MB): larger files are not ours. */
const MAX_ENTRY_BYTES = 16 * 1024 * 1024;

interface Entry {
	schema: number;
	key: string;
	storedAt: number;
	value: unknown;
}

/** Accepts a value read back only when it is one a live answer could have produced. */
export type Validator<T> = (value: unknown) => value is T;

export interface DiskCacheOptions {
	dir: string;
	/** How long an entry is fresh, unless `get` names its own. */
	ttlMs: number;
	now?: () => number;
	/** Told about the first invalid entry met (later ones are misses without a word). */
	onInvalid?: (message: string) => void;
}

type Read = { entry: Entry } | { invalid: string } | 'miss';

export class DiskCache {
	private readonly now: () => number;
	private toldInvalid = false;

	constructor(private readonly options: DiskCacheOptions) {
		this.now = options.now ?? Date.now;
	}

	get dir(): string {
		return this.options.dir;
	}

	fileFor(key: string): string {
		return path.join(this.options.dir, `${createHash('sha256').update(key).digest('hex')}.json`);
	}

	/** The fresh, valid value for `key`, or undefined (missing, expired, older schema, invalid). */
	async get<T>(key: string, validate: Validator<T>, ttlMs = this.options.ttlMs): Promise<T | undefined> {
		const file = this.fileFor(key);
		const read = await readEntry(file);
		if (read === 'miss') return undefined;
		if ('invalid' in read) return this.invalid(file, read.invalid);
		const { entry } = read;
		// Written by another Patchlens version: not invalid, just not ours to read.
		if (entry.schema !== CACHE_SCHEMA) return undefined;
		if (entry.key !== key || typeof entry.storedAt !== 'number') return this.invalid(file, 'written for another key');
		if (!validate(entry.value)) return this.invalid(file, 'its value is not a valid registry answer');
		const age = this.now() - entry.storedAt;
		return age >= 0 && age < ttlMs ? entry.value : undefined;
	}

	async set<T>(key: string, value: T): Promise<boolean> {
		const file = this.fileFor(key);
		const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
		try {
			await fs.mkdir(this.options.dir, { recursive: true, mode: 0o700 });
			const entry: Entry = { schema: CACHE_SCHEMA, key, storedAt: this.now(), value };
			await fs.writeFile(temp, JSON.stringify(entry), { mode: 0o600 });
			await fs.rename(temp, file);
			return true;
		} catch {
			await fs.rm(temp, { force: true }).catch(() => undefined);
			return false;
		}
	}

	private invalid(file: string, why: string): undefined {
		if (!this.toldInvalid) {
			this.toldInvalid = true;
			this.options.onInvalid?.(`ignoring cache entry ${file}: ${why}; looking it up again`);
		}
		return undefined;
	}
}

/** Opens without following links and without blocking (a FIFO opens at once), then reads only a regular file. */
async function readEntry(file: string): Promise<Read> {
	let handle: fs.FileHandle;
	try {
		handle = await fs.open(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		return code === 'ENOENT' ? 'miss' : { invalid: code === 'ELOOP' ? 'a symbolic link' : `unreadable (${code ?? 'error'})` };
	}
	try {
		const stat = await handle.stat();
		if (!stat.isFile()) return { invalid: 'not a regular file' };
		if (stat.size > MAX_ENTRY_BYTES) return { invalid: `larger than ${MAX_ENTRY_BYTES / (1024 * 1024)} MB` };
		const parsed: unknown = JSON.parse(await handle.readFile('utf8'));
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? { entry: parsed as Entry } : { invalid: 'not a cache entry' };
	} catch {
		return { invalid: 'not valid JSON' };
	} finally {
		await handle.close();
	}
}

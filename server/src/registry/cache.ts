// On-disk cache of registry answers: one JSON file per key (named by its SHA-256), written
// atomically (temp file + rename) so a crash or a concurrent writer never leaves half a file.
// Best effort: an unreadable or unwritable cache only costs a lookup. Holds no credentials.
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** `${XDG_CACHE_HOME:-~/.cache}/patchlens/<sub>`. */
export function defaultCacheDir(sub = 'registry', env: NodeJS.ProcessEnv = process.env): string {
	const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
	return path.join(base, 'patchlens', sub);
}

interface Entry<T> {
	key: string;
	storedAt: number;
	value: T;
}

export interface DiskCacheOptions {
	dir: string;
	/** How long an entry is fresh, unless `set` names its own. */
	ttlMs: number;
	now?: () => number;
}

export class DiskCache {
	private readonly now: () => number;

	constructor(private readonly options: DiskCacheOptions) {
		this.now = options.now ?? Date.now;
	}

	get dir(): string {
		return this.options.dir;
	}

	fileFor(key: string): string {
		return path.join(this.options.dir, `${createHash('sha256').update(key).digest('hex')}.json`);
	}

	/** The fresh value for `key`, or undefined (missing, expired, unreadable). */
	async get<T>(key: string, ttlMs = this.options.ttlMs): Promise<T | undefined> {
		let entry: Entry<T>;
		try {
			entry = JSON.parse(await fs.readFile(this.fileFor(key), 'utf8')) as Entry<T>;
		} catch {
			return undefined;
		}
		if (entry?.key !== key || typeof entry.storedAt !== 'number') return undefined;
		const age = this.now() - entry.storedAt;
		return age >= 0 && age < ttlMs ? entry.value : undefined;
	}

	async set<T>(key: string, value: T): Promise<boolean> {
		const file = this.fileFor(key);
		const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
		try {
			await fs.mkdir(this.options.dir, { recursive: true, mode: 0o700 });
			await fs.writeFile(temp, JSON.stringify({ key, storedAt: this.now(), value } satisfies Entry<T>), { mode: 0o600 });
			await fs.rename(temp, file);
			return true;
		} catch {
			await fs.rm(temp, { force: true }).catch(() => undefined);
			return false;
		}
	}
}

// `patchlens check --fix`: fix-all, then write the file in place without losing its identity.
// A file with one link is replaced atomically: the new text goes to a temporary file in the same
// folder (same file system, so rename is atomic), is flushed, given the original's owner, group
// and mode, and renamed over the original — a reader, a crash or a full disk sees the old file or
// the new one. A file with several hard links is rewritten in place instead (a rename would split
// the links), after a backup copy is flushed next to it. Symlinks are followed to their file; a
// link to anything but a regular file (a pipe behind /dev/stdin) is refused, never replaced.
import { randomBytes } from 'node:crypto';
import { constants, promises as fs, type Stats } from 'node:fs';
import * as path from 'node:path';
import type { FixLevel } from '../../server/src/core/finding';
import { applyFixes, type AnalyzeText, type FixAllResult } from '../../server/src/core/fix/applyFixes';

export interface AtomicWriteHooks {
	/** Test seam: runs after the temp file is written and synced, before the rename. */
	beforeRename?(tempFile: string): void | Promise<void>;
}

/** A file --fix will not write, and why (one line for the user). */
export class WriteRefused extends Error {}

/**
 * Temp files start with a dot and end in `.tmp`, so Dockerfile discovery never picks one up
 * even if a crash leaves it behind.
 */
export function tempFileFor(file: string): string {
	return path.join(path.dirname(file), `.${path.basename(file)}.patchlens-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

export interface WriteOptions extends AtomicWriteHooks {
	/** Write read-only files too (their mode is kept). */
	force?: boolean;
}

export async function writeFileAtomic(file: string, text: string, options: WriteOptions = {}): Promise<void> {
	const { target, stats } = await writableTarget(file, options.force ?? false);
	if (stats.nlink > 1) return writeInPlace(target, text, options);
	const temp = tempFileFor(target);
	let handle: fs.FileHandle | undefined;
	try {
		handle = await fs.open(temp, 'wx', 0o600);
		await handle.writeFile(text, 'utf8');
		await handle.sync();
		// Owner first (chown clears set-id bits), then the mode: open's mode is filtered by the umask.
		if (stats.uid !== process.getuid?.() || stats.gid !== process.getgid?.()) await handle.chown(stats.uid, stats.gid);
		await handle.chmod(stats.mode & 0o7777);
		await handle.close();
		handle = undefined;
		await options.beforeRename?.(temp);
		await fs.rename(temp, target);
	} catch (error) {
		await handle?.close().catch(() => undefined);
		await fs.rm(temp, { force: true }).catch(() => undefined);
		throw error;
	}
}

/** The regular file behind `file` (symlinks followed) and its stats, or WriteRefused. */
async function writableTarget(file: string, force: boolean): Promise<{ target: string; stats: Stats }> {
	let target: string;
	try {
		target = await fs.realpath(file);
	} catch {
		// realpath fails for /dev/stdin -> pipe:[...]: nothing there can be rewritten.
		throw new WriteRefused('it does not resolve to a regular file');
	}
	const stats = await fs.stat(target);
	if (!stats.isFile()) throw new WriteRefused('it is not a regular file');
	if (!force && ((stats.mode & 0o222) === 0 || !await canWrite(target))) throw new WriteRefused('it is read-only (--force fixes it anyway)');
	return { target, stats };
}

async function canWrite(file: string): Promise<boolean> {
	try {
		await fs.access(file, constants.W_OK);
		return true;
	} catch {
		return false;
	}
}

/** Hard-linked files keep their inode: back up, rewrite, flush, drop the backup. */
async function writeInPlace(target: string, text: string, hooks: AtomicWriteHooks): Promise<void> {
	const backup = tempFileFor(target);
	await fs.copyFile(target, backup, constants.COPYFILE_EXCL);
	let written = false;
	const handle = await fs.open(target, 'r+');
	try {
		await hooks.beforeRename?.(backup);
		const bytes = Buffer.from(text, 'utf8');
		written = true;
		await handle.write(bytes, 0, bytes.length, 0);
		await handle.truncate(bytes.length);
		await handle.sync();
	} finally {
		await handle.close();
		// A failure mid-write keeps the backup: it is the only whole copy of the old text.
		if (!written) await fs.rm(backup, { force: true });
	}
	await fs.rm(backup, { force: true });
}

export interface FileFix extends FixAllResult {
	file: string;
}

export interface FixFileOptions extends WriteOptions {
	level?: FixLevel;
	/** `text` came without the file's byte-order mark: the file keeps it. */
	bom?: boolean;
}

export async function fixFile(file: string, text: string, analyzeText: AnalyzeText, options: FixFileOptions = {}): Promise<FileFix> {
	const result = applyFixes(text, analyzeText, { level: options.level });
	if (result.changed) await writeFileAtomic(file, (options.bom ? '\ufeff' : '') + result.text, options);
	return { file, ...result };
}

// `patchlens check --fix`: fix-all, then write the file in place atomically. The new text goes to a
// temporary file in the same folder (same file system, so rename is atomic), is flushed to disk,
// given the original's mode, and renamed over the original: a reader, a crash or a full disk sees
// the old file or the new one, never half of one.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../../server/src/core/finding';
import { applyFixes, type FixAllResult } from '../../server/src/core/fix/applyFixes';

export interface AtomicWriteHooks {
	/** Test seam: runs after the temp file is written and synced, before the rename. */
	beforeRename?(tempFile: string): void | Promise<void>;
}

/**
 * Temp files start with a dot and end in `.tmp`, so Dockerfile discovery never picks one up
 * even if a crash leaves it behind.
 */
export function tempFileFor(file: string): string {
	return path.join(path.dirname(file), `.${path.basename(file)}.patchlens-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

export async function writeFileAtomic(file: string, text: string, hooks: AtomicWriteHooks = {}): Promise<void> {
	const target = await realTarget(file);
	const mode = (await fs.stat(target)).mode & 0o7777;
	const temp = tempFileFor(target);
	let handle: fs.FileHandle | undefined;
	try {
		handle = await fs.open(temp, 'wx', 0o600);
		await handle.writeFile(text, 'utf8');
		await handle.sync();
		// chmod after creation: the mode passed to open is filtered by the umask.
		await handle.chmod(mode);
		await handle.close();
		handle = undefined;
		await hooks.beforeRename?.(temp);
		await fs.rename(temp, target);
	} catch (error) {
		await handle?.close().catch(() => undefined);
		await fs.rm(temp, { force: true }).catch(() => undefined);
		throw error;
	}
}

/** Writing through a symlink replaces the file it points to, not the link. */
async function realTarget(file: string): Promise<string> {
	try {
		return await fs.realpath(file);
	} catch {
		return file;
	}
}

export interface FileFix extends FixAllResult {
	file: string;
}

export async function fixFile(file: string, text: string, analyzeText: (text: string) => readonly Finding[], hooks?: AtomicWriteHooks, bom = false): Promise<FileFix> {
	const result = applyFixes(text, analyzeText);
	// `text` comes without the file's byte-order mark (see check.ts); the file keeps it.
	if (result.changed) await writeFileAtomic(file, (bom ? '\uFEFF' : '') + result.text, hooks);
	return { file, ...result };
}

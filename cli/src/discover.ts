// PATH arguments -> Dockerfiles. Folders are searched recursively for the names Docker tools use.
// Symlinks are followed (to files and folders) once each: a folder reached twice, through a loop
// or two links, is walked once. A folder or link that cannot be read is a warning, not the end.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { compareOrdinal } from '../../server/src/core/compare';

const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

export function isDockerfileName(name: string): boolean {
	return name === 'Dockerfile' || name === 'Containerfile'
		|| name.startsWith('Dockerfile.') || name.startsWith('Containerfile.')
		|| /\.dockerfile$/i.test(name);
}

export type Discovery = {
	files: string[];
	/** Paths given on the command line that cannot be read: the run stops. */
	errors: string[];
	/** Things inside folders that could not be read or followed: said once, the scan goes on. */
	warnings: string[];
};

export async function discoverDockerfiles(paths: string[]): Promise<Discovery> {
	const walk = new Walk();
	const errors: string[] = [];
	for (const input of paths) {
		let stat;
		try {
			stat = await fs.stat(input);
		} catch (error) {
			errors.push(`cannot read ${input}: ${describeFsError(error)}`);
			continue;
		}
		if (stat.isDirectory()) await walk.folder(input);
		else walk.files.push(input);
	}
	return { files: [...new Set(walk.files)], errors, warnings: walk.warnings };
}

class Walk {
	readonly files: string[] = [];
	readonly warnings: string[] = [];
	/** Real paths of folders walked and files found, so loops and duplicate links end. */
	private readonly seen = new Set<string>();

	async folder(dir: string): Promise<void> {
		const real = await this.realpath(dir);
		if (real === undefined || this.seen.has(real)) return;
		this.seen.add(real);
		let entries;
		try {
			entries = await fs.readdir(dir, { withFileTypes: true });
		} catch (error) {
			this.warnings.push(`cannot read folder ${dir}: ${describeFsError(error)}; skipped`);
			return;
		}
		// Links last: a file or folder found under its own name wins over a link to it.
		entries.sort((a, b) => Number(a.isSymbolicLink()) - Number(b.isSymbolicLink()) || compareOrdinal(a.name, b.name));
		for (const entry of entries) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) {
				if (!SKIPPED_DIRS.has(entry.name)) await this.folder(full);
			} else if (entry.isFile()) {
				if (isDockerfileName(entry.name)) await this.file(full);
			} else if (entry.isSymbolicLink()) {
				await this.link(full, entry.name);
			}
		}
	}

	private async link(full: string, name: string): Promise<void> {
		let stat;
		try {
			stat = await fs.stat(full);
		} catch (error) {
			if (isDockerfileName(name)) this.warnings.push(`cannot follow symlink ${full}: ${describeFsError(error)}; skipped`);
			return;
		}
		if (stat.isDirectory() && !SKIPPED_DIRS.has(name)) await this.folder(full);
		else if (stat.isFile() && isDockerfileName(name)) await this.file(full);
	}

	private async file(full: string): Promise<void> {
		const real = await this.realpath(full);
		if (real === undefined || this.seen.has(real)) return;
		this.seen.add(real);
		this.files.push(full);
	}

	private async realpath(p: string): Promise<string | undefined> {
		try {
			return await fs.realpath(p);
		} catch (error) {
			this.warnings.push(`cannot resolve ${p}: ${describeFsError(error)}; skipped`);
			return undefined;
		}
	}
}

export function describeFsError(error: unknown): string {
	const code = (error as NodeJS.ErrnoException)?.code;
	switch (code) {
		case 'ENOENT': return 'no such file or directory';
		case 'EACCES': return 'permission denied';
		case 'EISDIR': return 'is a directory';
		case 'ELOOP': return 'too many levels of symbolic links';
		default: return (error as Error)?.message ?? String(error);
	}
}

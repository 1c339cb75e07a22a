// PATH arguments -> Dockerfiles. Folders are searched recursively for the names Docker tools use.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { compareOrdinal } from '../../server/src/core/compare';

const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

export function isDockerfileName(name: string): boolean {
	return name === 'Dockerfile' || name === 'Containerfile'
		|| name.startsWith('Dockerfile.') || name.startsWith('Containerfile.')
		|| /\.dockerfile$/i.test(name);
}

export type Discovery = { files: string[]; errors: string[] };

export async function discoverDockerfiles(paths: string[]): Promise<Discovery> {
	const files: string[] = [];
	const errors: string[] = [];
	for (const input of paths) {
		let stat;
		try {
			stat = await fs.stat(input);
		} catch (error) {
			errors.push(`cannot read ${input}: ${describeFsError(error)}`);
			continue;
		}
		if (stat.isDirectory()) files.push(...await walk(input));
		else files.push(input);
	}
	return { files: [...new Set(files)], errors };
}

async function walk(dir: string): Promise<string[]> {
	const found: string[] = [];
	const entries = await fs.readdir(dir, { withFileTypes: true });
	entries.sort((a, b) => compareOrdinal(a.name, b.name));
	for (const entry of entries) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) {
			if (!SKIPPED_DIRS.has(entry.name)) found.push(...await walk(full));
		} else if (entry.isFile() && isDockerfileName(entry.name)) {
			found.push(full);
		}
	}
	return found;
}

export function describeFsError(error: unknown): string {
	const code = (error as NodeJS.ErrnoException)?.code;
	switch (code) {
		case 'ENOENT': return 'no such file or directory';
		case 'EACCES': return 'permission denied';
		case 'EISDIR': return 'is a directory';
		default: return (error as Error)?.message ?? String(error);
	}
}

// The I/O edge of configuration: which `.hadolint.yaml` applies to a Dockerfile, and reading it.
// hadolint itself reads `$PWD/.hadolint.yaml` then per-user files; an editor has no meaningful
// $PWD, so the project part walks up from the Dockerfile to the workspace folder / repository root.
import { constants, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseHadolintConfig, type ParsedConfig } from './config';
import { HADOLINT_CODES } from './hadolintCodes';
import { rules } from './rules/index';

export const PROJECT_CONFIG_NAMES = ['.hadolint.yaml', '.hadolint.yml'];

export interface LookupOptions {
	/** Folders the walk never goes above (workspace folders); a folder holding `.git` stops it too. */
	roots?: string[];
	env?: NodeJS.ProcessEnv;
	home?: string;
	platform?: NodeJS.Platform;
}

/** Per-user config files, in hadolint's order (README "Configure"), each as .yaml then .yml. */
export function userConfigCandidates(options: LookupOptions = {}): string[] {
	const env = options.env ?? process.env;
	const home = options.home ?? os.homedir();
	const platform = options.platform ?? process.platform;
	const configHome = platform === 'win32' ? env.LOCALAPPDATA : env.XDG_CONFIG_HOME;
	const bases = [
		...(configHome ? [path.join(configHome, 'hadolint')] : []),
		path.join(home, '.config', 'hadolint'),
		path.join(home, '.hadolint', 'hadolint'),
		path.join(home, 'hadolint', 'config'),
		path.join(home, '.hadolint'),
	];
	return bases.flatMap(base => [`${base}.yaml`, `${base}.yml`]);
}

/** The config file for a Dockerfile, or undefined when there is none. The first found is used alone. */
export async function findConfigFile(dockerfile: string, options: LookupOptions = {}): Promise<string | undefined> {
	const roots = new Set((options.roots ?? []).map(r => path.resolve(r)));
	let dir = path.dirname(path.resolve(dockerfile));
	for (;;) {
		for (const name of PROJECT_CONFIG_NAMES) {
			const candidate = path.join(dir, name);
			if (await isFile(candidate)) return candidate;
		}
		const parent = path.dirname(dir);
		if (roots.has(dir) || parent === dir || await exists(path.join(dir, '.git'))) break;
		dir = parent;
	}
	for (const candidate of userConfigCandidates(options)) {
		if (await isFile(candidate)) return candidate;
	}
	return undefined;
}

export type LoadedConfig =
	| { ok: true; file: string; parsed: ParsedConfig }
	| { ok: false; file: string; error: string };

/** hadolint configs are a few lines; a bigger file (any cloned repository can ship one) is refused unread. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

export async function loadConfigFile(file: string): Promise<LoadedConfig> {
	try {
		const text = await readSmallFile(file);
		if (text === undefined) return { ok: false, file, error: `${file} is larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MB; not read` };
		return { ok: true, file, parsed: parseHadolintConfig(text, { knownCodes: KNOWN_CODES }) };
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
		return { ok: false, file, error: `cannot read ${file}: ${reason}` };
	}
}

const KNOWN_CODES: ReadonlySet<string> = new Set([...rules.map(r => r.code), ...HADOLINT_CODES]);

/** The file's text, or undefined when it is over the limit. Opened without blocking: a FIFO is no config. */
async function readSmallFile(file: string): Promise<string | undefined> {
	const handle = await fs.open(file, constants.O_RDONLY | constants.O_NONBLOCK);
	try {
		const stats = await handle.stat();
		if (stats.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
		if (!stats.isFile()) throw new Error('not a regular file');
		if (stats.size > MAX_CONFIG_BYTES) return undefined;
		const buffer = Buffer.alloc(MAX_CONFIG_BYTES + 1);
		const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
		return bytesRead > MAX_CONFIG_BYTES ? undefined : buffer.subarray(0, bytesRead).toString('utf8');
	} finally {
		await handle.close();
	}
}

async function isFile(file: string): Promise<boolean> {
	try {
		return (await fs.stat(file)).isFile();
	} catch {
		return false;
	}
}

async function exists(file: string): Promise<boolean> {
	try {
		await fs.access(file);
		return true;
	} catch {
		return false;
	}
}

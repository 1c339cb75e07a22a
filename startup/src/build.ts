// "Benchmark this Dockerfile": build it as written and with each proposed base image through the
// Engine API. The context is the Dockerfile's folder as a tar that honours .dockerignore.
import dockerignore from '@balena/dockerignore';
import { readFileSync, statSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { pack } from 'tar-fs';
import type { Executor } from './executor';

/** A build to benchmark: the Dockerfile with another text, or with its final base image replaced. */
export interface BuildVariant {
	label: string;
	dockerfileText?: string;
	baseImageOverride?: string;
}

export interface BuiltImage {
	label: string;
	tag: string;
	imageId: string;
}

/**
 * Tar stream of `dir` without what .dockerignore excludes, as `docker build` sends it. The Dockerfile
 * (`dockerfile`, relative to dir) is always sent, with `dockerfileText` as its content, so a variant
 * replaces it in place and `COPY . .` sees what `docker build` of that text would see.
 */
export function buildContext(dir: string, dockerfile: string, dockerfileText: string): NodeJS.ReadableStream {
	let ignoreText = '';
	try {
		ignoreText = readFileSync(path.join(dir, '.dockerignore'), 'utf8');
	} catch {
		// no .dockerignore: send everything, as docker build does
	}
	const rules = dockerignore({ ignorecase: false }).add(ignoreText);
	// With `!exceptions` a pruned folder could hide a re-included file, so folders are then walked.
	const hasExceptions = /^\s*!/m.test(ignoreText);
	const content = Buffer.from(dockerfileText);
	const isDockerfile = (name: string) => name === dockerfile;
	return pack(dir, {
		ignore: (name: string) => {
			const rel = path.relative(dir, name).split(path.sep).join('/');
			if (!rel || isDockerfile(rel) || rel === '.dockerignore' || !rules.ignores(rel)) return false;
			return !(hasExceptions && statSync(name).isDirectory());
		},
		map: header => (isDockerfile(header.name) ? { ...header, size: content.length } : header),
		mapStream: (stream, header) => {
			if (!isDockerfile(header.name)) return stream;
			stream.destroy();
			return Readable.from([content]) as unknown as typeof stream;
		},
	});
}

const FROM_LINE = /^(\s*FROM\s+(?:--\S+\s+)*)(\S+)(.*)$/i;

/**
 * Replaces the base image of the final stage: the last FROM, followed through `FROM <stage>` to the
 * stage that starts from a real image. Returns undefined when there is no FROM to replace.
 */
export function replaceBaseImage(text: string, image: string): string | undefined {
	const lines = text.split('\n');
	const froms = lines.flatMap((line, i) => {
		const m = FROM_LINE.exec(line);
		if (!m) return [];
		const alias = /\s+AS\s+(\S+)/i.exec(m[3])?.[1]?.toLowerCase();
		return [{ i, image: m[2], alias }];
	});
	let current = froms[froms.length - 1];
	const seen = new Set<number>();
	while (current && !seen.has(current.i)) {
		seen.add(current.i);
		const stage = froms.find(f => f.alias === current!.image.toLowerCase() && f.i < current!.i);
		if (!stage) break;
		current = stage;
	}
	if (!current) return undefined;
	lines[current.i] = lines[current.i].replace(FROM_LINE, (_all, head: string, _img: string, tail: string) => `${head}${image}${tail}`);
	return lines.join('\n');
}

function slug(label: string): string {
	return label.toLowerCase().replace(/[^a-z0-9_.-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 100) || 'build';
}

/**
 * Builds the Dockerfile as written (label "as written") and each variant, tagged patchlens-bench:<label>
 * (stable names, so reruns replace them instead of piling up images).
 */
export async function buildVariants(executor: Executor, dockerfilePath: string, variants: BuildVariant[], signal?: AbortSignal): Promise<BuiltImage[]> {
	const original = await fs.readFile(dockerfilePath, 'utf8');
	const dir = path.dirname(path.resolve(dockerfilePath));
	const name = path.basename(dockerfilePath);
	const all: BuildVariant[] = [{ label: path.basename(dockerfilePath), dockerfileText: original }, ...variants];
	const built: BuiltImage[] = [];
	for (const variant of all) {
		const text = variant.dockerfileText ?? (variant.baseImageOverride ? replaceBaseImage(original, variant.baseImageOverride) : original);
		if (text === undefined) throw new RangeError(`${dockerfilePath} has no FROM line to replace`);
		const tag = `patchlens-bench:${slug(variant.label)}`;
		const imageId = await executor.buildImage({ context: buildContext(dir, name, text), dockerfile: name, tag, labels: { 'org.patchlens.bench': variant.label } }, signal);
		built.push({ label: variant.label, tag, imageId });
	}
	return built;
}

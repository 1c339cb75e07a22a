import { imageRefAt } from '../image/fromImage';
import { defineRule } from './rule';

export default defineRule({
	code: 'DL3026',
	name: 'use-trusted-registries',
	severity: 'error',
	title: 'Use only an allowed registry in the FROM image',
	rationale: 'Base images from arbitrary registries bypass the scanning, mirroring and provenance a team relies on. Allowed registries come from `trustedRegistries` (`.hadolint.yaml`) or `patchlens.trustedRegistries`; `*.example.com` and `gcr.io/project` forms work.',
	*check(ctx) {
		const allowed = ctx.options.trustedRegistries;
		if (!allowed.length) return;
		for (const stage of ctx.stages) {
			const ref = imageRefAt(ctx, stage);
			// scratch, earlier stages and unresolvable ARG references are never judged (as hadolint).
			if (ref.kind !== 'image' || isTrusted(ref.registry, ref.path, ref.implicitRegistry, allowed)) continue;
			yield {
				range: ref.range,
				message: `Use only an allowed registry in the FROM image: \`${ref.text}\` comes from ${ref.implicitRegistry ? 'Docker Hub (docker.io)' : `\`${ref.registry}\``}, which is not in the trusted registries (${allowed.join(', ')}).`,
			};
		}
	},
});

/** hadolint's matching (`*`, `*.suffix`, `prefix*`, exact), plus `host/path` entries that allow a path prefix. */
export function isTrusted(registry: string, path: string, implicit: boolean, allowed: readonly string[]): boolean {
	const hosts = implicit || registry === 'docker.io' ? ['docker.io', 'hub.docker.com', 'index.docker.io'] : [registry];
	return allowed.some(entry => {
		const slash = entry.indexOf('/');
		const host = slash < 0 ? entry : entry.slice(0, slash);
		const prefix = slash < 0 ? '' : entry.slice(slash + 1).replace(/\/+$/, '');
		if (!hosts.some(h => matchHost(host.toLowerCase(), h))) return false;
		if (!prefix) return true;
		// On Docker Hub `docker.io/library` is where official images live, even when written `python`.
		return path === prefix || path.startsWith(`${prefix}/`);
	});
}

function matchHost(pattern: string, host: string): boolean {
	if (pattern === '*') return true;
	if (pattern.startsWith('*')) return host.endsWith(pattern.slice(1));
	if (pattern.endsWith('*')) return host.startsWith(pattern.slice(0, -1));
	return host === pattern;
}

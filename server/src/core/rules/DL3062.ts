import { operands } from '../shell/args';
import type { Command, Word } from '../shell/commands';
import { commandRange, commandsNamed, quotedList } from './helpers';
import { defineRule } from './rule';

const VALUED = new Set(['-C', '-o', '-p', '-tags', '--tags', '-ldflags', '-gcflags', '-modfile', '-mod', '-pkgdir', '-exec', '-overlay', '-toolexec', '-asmflags']);

/** hadolint: a local path, or `pkg@version` where the version is not `latest` / `none`. */
function versionFixed(pkg: string): boolean {
	if (pkg === '.' || pkg.startsWith('/') || pkg.startsWith('.')) return true;
	return pkg.includes('@') && !pkg.endsWith('@latest') && !pkg.endsWith('@none');
}

/** The module paths `go install` / `go get` / `go run` fetch (for `go run`, only the package itself). */
function goPackages(cmd: Command): Word[] {
	if (cmd.name !== 'go') return [];
	const ops = operands(cmd, VALUED);
	const verb = ops[0]?.value;
	if (verb === 'run') return ops.slice(1, 2);
	if (verb === 'install' || verb === 'get') return ops.slice(1).filter(w => w.value !== 'tool');
	return [];
}

export default defineRule({
	code: 'DL3062',
	name: 'go-pin-versions',
	severity: 'warning',
	title: 'Pin versions in go. Instead of `go install <package>` use `go install <package>@<version>`',
	rationale: '`go install pkg@latest` (or no version) builds whatever was tagged last at build time: rebuilds are not reproducible and a compromised release lands silently.',
	*check(ctx) {
		for (const { cmd } of commandsNamed(ctx, ['go'])) {
			const unpinned = goPackages(cmd).filter(p => !p.dynamic && !versionFixed(p.value));
			if (!unpinned.length) continue;
			yield {
				range: commandRange(ctx, cmd),
				message: `Pin versions in go. Instead of \`go install <package>\` use \`go install <package>@<version>\` (${quotedList(unpinned)}).`,
			};
		}
	},
});

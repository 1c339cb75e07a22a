import { imageRefAt } from '../image/fromImage';
import { APK, APT, DNF, packagesOf, YUM, ZYPPER } from '../shell/args';
import type { Command, Word } from '../shell/commands';
import { commandRange, commandsNamed, quotedList } from './helpers';
import { defineRule } from './rule';

const MANAGERS = [APT, APK, YUM, DNF, ZYPPER];
const MANAGER_NAMES = MANAGERS.flatMap(m => m.names);
const TOOLCHAIN = new Set(['build-essential', 'build-base', 'alpine-sdk', 'gcc', 'g++', 'gcc-c++', 'clang', 'llvm', 'make', 'cmake', 'autoconf', 'automake',
	'libtool', 'pkg-config', 'pkgconf', 'pkgconfig', 'musl-dev', 'libc6-dev', 'libc-dev', 'golang', 'golang-go', 'rustc', 'cargo', 'ninja-build', 'meson', 'gfortran']);
const TOOLCHAIN_PATTERN = /^(gcc|g\+\+|clang|llvm|cpp)-[\d.]+$|-(dev|devel)$/;
/** Base images that are compilers themselves. */
const TOOLCHAIN_IMAGES = new Set(['golang', 'rust', 'gcc', 'maven', 'gradle', 'swift', 'haskell']);
const REMOVERS: Record<string, string[]> = { 'apt-get': ['purge', 'remove', 'autoremove'], apt: ['purge', 'remove', 'autoremove'], apk: ['del'], yum: ['remove', 'erase'], dnf: ['remove', 'erase'], microdnf: ['remove'], zypper: ['remove', 'rm'] };

/** `gcc=12.2.0-14`, `gcc~12`, `gcc-12.2.0` (rpm) -> `gcc`. */
const bareName = (pkg: string) => pkg.replace(/[=~<>].*$/, '').replace(/-\d[\w.+~:-]*$/, '');

export function isToolchain(pkg: string): boolean {
	const name = bareName(pkg);
	return TOOLCHAIN.has(name) || TOOLCHAIN_PATTERN.test(name);
}

/** Packages (and `apk add --virtual` names) removed again later in the same RUN. */
function removedLater(commands: readonly Command[], from: number): Set<string> {
	const removed = new Set<string>();
	for (const c of commands.slice(from + 1)) {
		const verbs = REMOVERS[c.name];
		if (!verbs || !c.args.some(a => verbs.includes(a.value))) continue;
		c.args.forEach(a => removed.add(bareName(a.value)));
	}
	return removed;
}

function virtualName(cmd: Command): string | undefined {
	const i = cmd.args.findIndex(a => a.value === '--virtual' || a.value === '-t');
	return i >= 0 ? cmd.args[i + 1]?.value : undefined;
}

export default defineRule({
	code: 'PL203',
	name: 'toolchain-in-final-image',
	severity: 'warning',
	title: 'Build toolchain in the final image: use a multi-stage build',
	rationale: 'Compilers, headers and build tools are needed to build, not to run. In the final image they add hundreds of megabytes and a long list of packages to patch. Build in a stage of its own and `COPY --from` only the result.',
	*check(ctx) {
		const advice = ctx.stages.length > 1
			? 'this stage ends up in the final image; install it in a build stage and `COPY --from` only the artefacts'
			: 'use a multi-stage build: compile in a builder stage and `COPY --from` only the artefacts into a slim final stage';
		const last = ctx.stages[ctx.stages.length - 1];
		const base = last ? imageRefAt(ctx, last) : undefined;
		if (base?.kind === 'image' && TOOLCHAIN_IMAGES.has(base.name) && last.instructions.some(i => i.getKeyword() === 'RUN')) {
			yield { range: base.range, message: `The final image is built on \`${base.text}\`, a full build toolchain; ${advice}.` };
		}
		for (const { script, cmd } of commandsNamed(ctx, MANAGER_NAMES, true)) {
			const manager = MANAGERS.find(m => m.names.includes(cmd.name));
			const pkgs: Word[] = manager ? packagesOf(cmd, manager).filter(p => !p.dynamic && isToolchain(p.value)) : [];
			if (!pkgs.length) continue;
			const removed = removedLater(script.commands, script.commands.indexOf(cmd));
			const virtual = virtualName(cmd);
			if (virtual && removed.has(virtual)) continue;
			const kept = pkgs.filter(p => !removed.has(bareName(p.value)));
			if (!kept.length) continue;
			yield { range: commandRange(ctx, cmd), message: `Build toolchain ${quotedList(kept)} in the final image; ${advice}.` };
		}
	},
});

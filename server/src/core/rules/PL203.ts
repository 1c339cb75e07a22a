import { imageRefAt } from '../image/fromImage';
import { APK, APT, DNF, packagesOf, YUM, ZYPPER } from '../shell/args';
import type { Command, Word } from '../shell/commands';
import type { Instruction, JSONInstruction } from 'dockerfile-ast';
import type { Stage } from '../parse';
import { commandRange, commandsNamed, quotedList } from './helpers';
import { bundledDataset } from '../lifecycle/dataset';
import { mappingMatches } from '../lifecycle/imageMapping';
import { retagEdit } from '../image/retag';
import { defineRule, type RuleContext, type RuleFinding } from './rule';

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

/**
 * The docker-library pattern: `savedAptMark="$(apt-mark showmanual)"` … install … `apt-mark auto '.*'`
 * … `apt-mark manual $savedAptMark` … `apt-get purge -y --auto-remove`. Everything installed before
 * the `apt-mark auto` and not re-marked manual by name is auto-removed by the purge in the same RUN.
 */
function autoRemovedLater(commands: readonly Command[], from: number): boolean {
	const rest = commands.slice(from + 1);
	const markAll = rest.findIndex(c => c.name === 'apt-mark' && c.args[0]?.value === 'auto');
	if (markAll < 0) return false;
	return rest.slice(markAll + 1).some(c => (c.name === 'apt-get' || c.name === 'apt')
		&& (c.args.some(a => a.value === 'autoremove') || (c.args.some(a => a.value === 'purge' || a.value === 'remove') && c.args.some(a => a.value === '--auto-remove'))));
}

function virtualName(cmd: Command): string | undefined {
	const i = cmd.args.findIndex(a => a.value === '--virtual' || a.value === '-t');
	return i >= 0 ? cmd.args[i + 1]?.value : undefined;
}

/** Bases whose purpose is to build or to work in: dev containers, CI images, buildpack-deps. */
const TOOLCHAIN_BASES = [/^mcr\.microsoft\.com\/(?:vscode\/)?devcontainers\//, /^(?:docker\.io\/)?(?:library\/)?buildpack-deps$/, /^(?:docker\.io\/)?(?:cimg|circleci)\//,
	/(?:^|\/)(?:gitlab-runner|actions-runner|inbound-agent|jenkins-agent|ssh-agent)$/, /^ghcr\.io\/actions\//];
/** What the image runs when it is a tool to build with or work in, not an application. */
const BUILD_TOOLS = new Set(['make', 'cmake', 'ninja', 'gcc', 'cc', 'clang', 'cargo', 'rustc', 'go', 'mvn', 'gradle', 'bazel', 'dotnet-sdk']);
const SHELLS = new Set(['bash', 'sh', 'zsh', 'ash', 'fish']);

/**
 * Why the final image is a toolchain by design (and PL203 stays silent), or undefined. Decided
 * from the file alone: the final stage's base is a dev/CI/build image (built in, or a pattern in
 * `toolchainImages` from `.patchlens.yaml`), or its ENTRYPOINT/CMD starts a build tool or a shell
 * (an image you run to build or to work in), or `sleep infinity` (a dev container).
 */
export function toolchainByDesign(ctx: RuleContext, stage: Stage): string | undefined {
	const base = imageRefAt(ctx, stage);
	if (base.kind === 'image') {
		const name = `${base.registry === 'docker.io' ? '' : `${base.registry}/`}${base.path.replace(/^library\//, '')}`;
		// Same globs as lifecycleImages (`*`, `**`, `{a,b}`; `docker.io/` and `library/` optional).
		const configured = (ctx.options.toolchainImages ?? []).find(p => mappingMatches({ image: p, product: '' }, base));
		if (configured) return `its base matches \`${configured}\` in toolchainImages`;
		if (TOOLCHAIN_BASES.some(r => r.test(name) || r.test(`${base.registry}/${base.path}`))) return `its base \`${base.text}\` is a development or CI image`;
	}
	const last = [...stage.instructions].reverse().find(i => i.getKeyword() === 'ENTRYPOINT' || i.getKeyword() === 'CMD');
	if (!last) return undefined;
	const words = execWords(last);
	const tool = words[0]?.replace(/^\/(?:usr\/)?bin\//, '');
	// A shell counts only when interactive (`bash`, `bash -l`): `sh start.sh` / `sh -c …` start an application.
	const interactive = SHELLS.has(tool) && words.slice(1).every(w => w === '-l' || w === '-i' || w === '--login');
	if (tool && (BUILD_TOOLS.has(tool) || interactive)) return `its ${last.getKeyword()} runs \`${words.join(' ')}\``;
	if (words[0] === 'sleep' && words[1] === 'infinity') return 'it runs `sleep infinity` (a development container)';
	return undefined;
}

function execWords(instruction: Instruction): string[] {
	const json = (instruction as JSONInstruction).getJSONStrings?.() ?? [];
	return json.length ? json.map(j => j.getJSONValue()) : instruction.getArguments().map(a => a.getValue());
}

/** Official Java images whose tags name a full JDK; `eclipse-temurin` without `jre` in the tag is a JDK too. */
const JDK_IMAGES: Readonly<Record<string, 'jdk-unless-jre' | 'jdk-word'>> = { 'eclipse-temurin': 'jdk-unless-jre', openjdk: 'jdk-word', sapmachine: 'jdk-word', 'ibm-semeru-runtimes': 'jdk-word' };

/**
 * A JDK shipped as the runtime: the final stage is a JDK image and starts `java`. The JRE variant
 * of the same line runs the same jar without the compiler, jlink, jshell and their patch load.
 */
function jdkAsRuntime(ctx: RuleContext, last: Stage): RuleFinding | undefined {
	const base = imageRefAt(ctx, last);
	const image = base.kind === 'image' && base.registry === 'docker.io' ? base.path.replace(/^library\//, '') : undefined;
	const kind = image ? JDK_IMAGES[image] : undefined;
	if (base.kind !== 'image' || !kind) return undefined;
	const words = (base.tag ?? 'latest').split('-');
	const jdk = kind === 'jdk-word' ? words.includes('jdk') : !words.includes('jre');
	const runs = [...last.instructions].reverse().find(i => i.getKeyword() === 'ENTRYPOINT' || i.getKeyword() === 'CMD');
	if (!jdk || !runs || execWords(runs)[0]?.replace(/^.*\//, '') !== 'java') return undefined;
	const jre = words.includes('jdk') ? words.map(w => w === 'jdk' ? 'jre' : w).join('-') : [words[0], 'jre', ...words.slice(1)].join('-');
	const published = ctx.options.registryFacts?.tags(`${base.registry}/${base.path}`) ?? bundledDataset().images[image!]?.tags ?? [];
	const edit = published.includes(jre) ? retagEdit(ctx, last, { tag: jre }) : undefined;
	return {
		range: base.range,
		message: `The final image runs \`java\` on \`${base.text}\`, a full JDK (compiler, jlink, jshell): ${published.includes(jre) ? `the JRE \`${image}:${jre}\` runs the same program with less to pull and patch` : 'use the JRE variant of this line, or a jlink-built runtime from a build stage'}.`,
		...(edit ? { fixes: [{ title: `Use the JRE: ${image}:${jre}`, edits: [edit], isPreferred: false, level: 'major' as const }] } : {}),
	};
}

export default defineRule({
	code: 'PL203',
	name: 'toolchain-in-final-image',
	severity: 'warning',
	title: 'Build toolchain in the final image: use a multi-stage build',
	rationale: 'Compilers, headers and build tools are needed to build, not to run. In the final image they add hundreds of megabytes and a long list of packages to patch. Build in a stage of its own and `COPY --from` only the result. Images whose purpose is the toolchain (dev containers, CI and build images, images whose ENTRYPOINT/CMD is a build tool or a shell) are not reported; `toolchainImages` in `.patchlens.yaml` names more such bases.',
	*check(ctx) {
		const advice = ctx.stages.length > 1
			? 'this stage ends up in the final image; install it in a build stage and `COPY --from` only the artefacts'
			: 'use a multi-stage build: compile in a builder stage and `COPY --from` only the artefacts into a slim final stage';
		const last = ctx.stages[ctx.stages.length - 1];
		if (!last || toolchainByDesign(ctx, last)) return;
		const jdk = jdkAsRuntime(ctx, last);
		if (jdk) yield jdk;
		const base = imageRefAt(ctx, last);
		if (base?.kind === 'image' && TOOLCHAIN_IMAGES.has(base.name) && last.instructions.some(i => i.getKeyword() === 'RUN')) {
			yield { range: base.range, message: `The final image is built on \`${base.text}\`, a full build toolchain; ${advice}.` };
		}
		for (const { script, cmd } of commandsNamed(ctx, MANAGER_NAMES, true)) {
			const manager = MANAGERS.find(m => m.names.includes(cmd.name));
			const pkgs: Word[] = manager ? packagesOf(cmd, manager).filter(p => !p.dynamic && isToolchain(p.value)) : [];
			if (!pkgs.length) continue;
			const removed = removedLater(script.commands, script.commands.indexOf(cmd));
			const virtual = virtualName(cmd);
			if ((virtual && removed.has(virtual)) || autoRemovedLater(script.commands, script.commands.indexOf(cmd))) continue;
			const kept = pkgs.filter(p => !removed.has(bareName(p.value)));
			if (!kept.length) continue;
			yield { range: commandRange(ctx, cmd), message: `Build toolchain ${quotedList(kept)} in the final image; ${advice}.` };
		}
	},
});

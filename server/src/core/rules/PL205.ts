// PL205: the container installs packages or downloads dependencies when it starts (CMD / ENTRYPOINT),
// so every replica repeats that work at startup, all at once when they roll out together.
import type { Copy } from 'dockerfile-ast';
import type { Range } from '../finding';
import type { Stage } from '../parse';
import { isCommand, isInstall, APK, APT, DNF, YUM, ZYPPER, pipInstallArgs } from '../shell/args';
import { basename, parseScript, SHELLS, type Command, type Lookup } from '../shell/commands';
import { offsetAt, rangeAt } from '../shell/run';
import { lookupAt } from '../shell/variables';
import { effectiveStartup, execArgv, finalChain, type Startup } from './helpers';
import { defineRule, type RuleContext } from './rule';

/** One command that fetches something at startup, described for the message. */
interface StartupFetch {
	what: string;
	range: Range;
	/** The inline entrypoint script it sits in, when not in the instruction itself. */
	script?: string;
}

const FETCHERS = new Set(['curl', 'wget']);

/** What `cmd` downloads or installs, or undefined when it is ordinary startup work. */
function startupFetch(cmd: Command): string | undefined {
	if (pipInstallArgs(cmd)) return 'pip install';
	if (isCommand(cmd, ['npm'], ['install', 'i', 'ci', 'add'])) return `npm ${cmd.args.find(a => !a.value.startsWith('-'))?.value}`;
	if (isCommand(cmd, ['yarn'], ['install', 'add']) || (cmd.name === 'yarn' && !cmd.args.some(a => !a.value.startsWith('-')))) return 'yarn install';
	if (isCommand(cmd, ['pnpm'], ['install', 'i', 'add'])) return 'pnpm install';
	for (const manager of [APT, APK, YUM, DNF, ZYPPER]) if (isInstall(cmd, manager)) return `${cmd.name} ${manager.install[0]}`;
	if (isCommand(cmd, ['go'], ['get', 'install']) || (cmd.name === 'go' && cmd.args[0]?.value === 'mod' && cmd.args[1]?.value === 'download')) return `go ${cmd.args.map(a => a.value).slice(0, cmd.args[0]?.value === 'mod' ? 2 : 1).join(' ')}`;
	if (isCommand(cmd, ['bundle'], ['install'])) return 'bundle install';
	if (isCommand(cmd, ['gem'], ['install'])) return 'gem install';
	if (isCommand(cmd, ['composer'], ['install', 'require', 'update'])) return `composer ${cmd.args.find(a => !a.value.startsWith('-'))?.value}`;
	if (isCommand(cmd, ['poetry', 'pipenv'], ['install'])) return `${cmd.name} install`;
	if (isCommand(cmd, ['uv'], ['sync']) || (cmd.name === 'uv' && cmd.args[0]?.value === 'pip' && cmd.args[1]?.value === 'install')) return `uv ${cmd.args[0].value === 'pip' ? 'pip install' : 'sync'}`;
	return undefined;
}

/** `curl … | sh` / `wget -O- … | bash`: a downloaded script piped into a shell. */
function pipedInstaller(cmds: readonly Command[], i: number): boolean {
	const cmd = cmds[i];
	const next = cmds[i + 1];
	return FETCHERS.has(cmd.name) && (cmd.after === '|' || cmd.after === '|&') && !!next && SHELLS.has(next.name);
}

function fetchesIn(cmds: readonly Command[], rangeOf: (cmd: Command) => Range): StartupFetch[] {
	const out: StartupFetch[] = [];
	cmds.forEach((cmd, i) => {
		if (pipedInstaller(cmds, i)) out.push({ what: `${cmd.name} … | ${cmds[i + 1].name}`, range: rangeOf(cmd) });
		else {
			const what = startupFetch(cmd);
			if (what) out.push({ what, range: rangeOf(cmd) });
		}
	});
	return out;
}

/**
 * An entrypoint script written into the image by a `COPY <<EOF /path` heredoc of the chain: its body is
 * in the Dockerfile, so it can be read honestly. Scripts copied from the build context are not read.
 */
function inlineScript(ctx: RuleContext, chain: readonly Stage[], path: string): { from: number; to: number; lookup: Lookup } | undefined {
	let found: { from: number; to: number; lookup: Lookup } | undefined;
	for (const stage of chain) {
		for (const instruction of stage.instructions) {
			if (instruction.getKeyword() !== 'COPY') continue;
			const heredocs = (instruction as Copy).getHeredocs();
			if (heredocs.length !== 1) continue;
			const firstLine = instruction.getRange().start.line;
			const args = instruction.getArguments().filter(a => a.getRange().start.line === firstLine && !a.getValue().startsWith('<<') && !a.getValue().startsWith('--'));
			const dest = args[args.length - 1]?.getValue();
			const body = heredocs[0].getContentRange();
			if (!dest || !body || !samePath(dest, path)) continue;
			found = { from: offsetAt(ctx, body.start), to: offsetAt(ctx, body.end), lookup: lookupAt(ctx, stage, firstLine) };
		}
	}
	return found;
}

function samePath(dest: string, path: string): boolean {
	const strip = (p: string) => p.replace(/^\.\//, '').replace(/^\/+/, '/');
	return strip(dest) === strip(path);
}

/** The script a command runs directly (`/entrypoint.sh`, `sh /entrypoint.sh`), if it looks like one. */
function scriptPath(argv: readonly string[]): string | undefined {
	if (!argv.length) return undefined;
	if (SHELLS.has(basename(argv[0])) && argv[1] && !argv[1].startsWith('-')) return argv[1];
	return /\.(sh|bash)$/.test(argv[0]) || argv[0].startsWith('/') && argv[0].includes('entrypoint') ? argv[0] : undefined;
}

function* checkStartup(ctx: RuleContext, chain: readonly Stage[], { instruction, stage }: Startup): Generator<StartupFetch> {
	const line = instruction.getRange().start.line;
	const lookup = lookupAt(ctx, stage, line);
	const whole = instruction.getRange();
	const argsRange = instruction.getArgumentsRange();
	if (!argsRange) return;
	const argv = execArgv(instruction);
	let cmds: Command[];
	if (argv) {
		const c = argv.findIndex(a => /^-[a-z]*c$/.test(a));
		if (argv.length && SHELLS.has(basename(argv[0])) && c > 0 && argv[c + 1] !== undefined) {
			cmds = parseScript(argv[c + 1], 0, argv[c + 1].length, { dockerfile: false, lookup, exact: false });
			for (const f of fetchesIn(cmds, () => whole)) yield f;
		} else {
			const start = offsetAt(ctx, argsRange.start);
			cmds = [{ words: [], name: basename(argv[0] ?? ''), args: argv.slice(1).map(value => ({ value, start, end: start, quoted: true, dynamic: false, exact: false })), assignments: [], redirects: [], start, end: start, origin: 'top' }];
			for (const f of fetchesIn(cmds, () => whole)) yield f;
		}
	} else {
		const from = offsetAt(ctx, argsRange.start);
		const to = offsetAt(ctx, argsRange.end);
		cmds = parseScript(ctx.text, from, to, { dockerfile: true, escapeChar: ctx.dockerfile.getEscapeCharacter(), lookup });
		for (const f of fetchesIn(cmds, cmd => (cmd.end <= to ? rangeAt(ctx, cmd.start, cmd.end) : whole))) yield f;
	}
	// One level into an inline entrypoint script: `ENTRYPOINT ["/entrypoint.sh"]`, `CMD sh /start.sh`.
	const candidates = argv ? [argv] : cmds.map(c => c.words.map(w => w.value));
	for (const words of candidates) {
		const path = scriptPath(words);
		const script = path && inlineScript(ctx, chain, path);
		if (!script) continue;
		const inner = parseScript(ctx.text, script.from, script.to, { dockerfile: false, lookup: script.lookup });
		for (const f of fetchesIn(inner, cmd => rangeAt(ctx, cmd.start, cmd.end))) yield { ...f, script: path };
	}
}

export default defineRule({
	code: 'PL205',
	name: 'startup-dependency-install',
	severity: 'warning',
	title: 'CMD/ENTRYPOINT installs packages or downloads dependencies when the container starts',
	rationale: 'Work done at startup is repeated by every replica, every restart and every scale-out, all at the same time during a rollout: '
		+ 'it slows startup under concurrency, needs network access and makes each container\'s contents depend on the day it started. '
		+ 'Install dependencies in a RUN step at build time.',
	*check(ctx) {
		const chain = finalChain(ctx);
		for (const startup of effectiveStartup(chain)) {
			const keyword = startup.instruction.getKeyword();
			const seen = new Set<string>();
			for (const f of checkStartup(ctx, chain, startup)) {
				const key = `${f.what}@${f.range.start.line}:${f.range.start.character}`;
				if (seen.has(key)) continue;
				seen.add(key);
				yield {
					range: f.range,
					message: `${keyword} runs \`${f.what}\`${f.script ? ` (in ${f.script})` : ''} at container start: every replica repeats it, concurrently during a rollout. Install dependencies at build time (RUN) instead.`,
				};
			}
		}
	},
});

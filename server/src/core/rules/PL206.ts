// PL206: the image's main process will not stop on SIGTERM, so `docker stop`, a rolling update or a
// scale-down waits out the whole stop grace period (10 s by default) for every old task, then kills it.
// Judged on the CMD/ENTRYPOINT that take effect, unless the image sets STOPSIGNAL or starts an init.
import type { Range } from '../finding';
import { basename, parseScript, SHELLS, type Command } from '../shell/commands';
import { imageRefAt } from '../image/fromImage';
import type { Stage } from '../parse';
import { offsetAt, rangeAt } from '../shell/run';
import { lookupAt } from '../shell/variables';
import { effectiveStartup, execArgv, finalChain, type Startup } from './helpers';
import { defineRule, type RuleContext, type RuleFinding } from './rule';

/** Inits that forward signals to their child and reap zombies (tini is what `docker run --init` adds). */
const INITS = new Set(['tini', 'tini-static', 'dumb-init', 'catatonit', 'docker-init', 'init', 's6-svscan', 'runsvdir', 'supervisord']);
/** Programs with no SIGTERM handler: as PID 1 the kernel drops the signal (PID 1 gets no default actions). */
const IGNORES_TERM = new Set(['sleep', 'tail']);
/**
 * Busybox ash (Alpine, busybox images) replaces itself with the last simple command of `sh -c`, so that
 * command is PID 1 and gets SIGTERM; Debian's and Ubuntu's dash (0.5.12, measured) keeps the shell as PID 1.
 */
const EXECS_LAST = /alpine|busybox/i;

function busyboxShell(ctx: RuleContext, chain: readonly Stage[]): boolean {
	const root = chain.length ? imageRefAt(ctx, chain[0]) : undefined;
	return root?.kind === 'image' && EXECS_LAST.test(root.text);
}

/** A script that handles the signal itself knows what it does. */
const TRAPS_TERM = /\btrap\b[^\n]*\b(TERM|SIGTERM|15|EXIT|0)\b/;

/** Why the shell of a shell-form start-up stays PID 1 (so SIGTERM stops at it), or undefined when it execs the last command. */
function shellStays(cmds: readonly Command[], script: string): string | undefined {
	const last = cmds[cmds.length - 1];
	if (/(\b(done|fi|esac)|[})])\s*$/.test(script)) return 'the script ends in a compound command (loop, if, group or subshell), so the shell stays PID 1 and does not pass SIGTERM on';
	if (last.before === '|' || last.before === '|&') return 'the last command is part of a pipeline, so the shell stays PID 1 and does not pass SIGTERM on';
	if (last.after === '&' || cmds.some(c => c.after === '&')) return 'the main process runs in the background of a shell that stays PID 1 and does not pass SIGTERM on';
	if (last.name === 'wait' || last.words.length === 0) return 'the script ends in a shell construct, so the shell stays PID 1 and does not pass SIGTERM on';
	return undefined;
}

/** `exec prog …`: the command model drops the `exec` wrapper, so look at the text before the program. */
function execs(cmd: Command, text: string): boolean {
	return /(^|\s)exec\s/.test(text.slice(cmd.start, cmd.words[0]?.start ?? cmd.end));
}

function ignoresTerm(cmd: Command): boolean {
	return IGNORES_TERM.has(cmd.name) && (cmd.name !== 'tail' || cmd.args.some(a => /^-[a-zA-Z]*[fF]/.test(a.value)));
}

/** Exec form of one plain command (no expansions, globs, redirects or assignments), or undefined. */
function asExecForm(cmd: Command): string | undefined {
	if (cmd.redirects.length || cmd.assignments.length) return undefined;
	if (cmd.words.some(w => w.dynamic || /[$*?[~`\\]/.test(w.value))) return undefined;
	return `[${cmd.words.map(w => JSON.stringify(w.value)).join(', ')}]`;
}

function shellFormFinding(ctx: RuleContext, { instruction, stage }: Startup, busybox: boolean): RuleFinding | undefined {
	const args = instruction.getArgumentsRange();
	if (!args) return undefined;
	const from = offsetAt(ctx, args.start);
	const to = offsetAt(ctx, args.end);
	if (TRAPS_TERM.test(ctx.text.slice(from, to))) return undefined;
	const cmds = parseScript(ctx.text, from, to, { dockerfile: true, escapeChar: ctx.dockerfile.getEscapeCharacter(), lookup: lookupAt(ctx, stage, args.start.line) });
	if (!cmds.length) return undefined;
	const last = cmds[cmds.length - 1];
	const keyword = instruction.getKeyword();
	const range = instruction.getRange();
	const stays = shellStays(cmds, ctx.text.slice(from, to));
	if (stays) return { range, message: `${keyword} in shell form: ${stays}. Stops wait out the grace period (10 s by default), then SIGKILL. Run the main process in exec form or with \`exec\`, or add an init (tini).` };
	if (ignoresTerm(last)) return pid1Ignores(range, keyword, last.name);
	if (execs(last, ctx.text) || busybox) return undefined;
	return withExecFix(ctx, keyword, range, cmds, { from, to });
}

function pid1Ignores(range: Range, keyword: string, name: string): RuleFinding {
	return { range, message: `${keyword} runs \`${name}\`, which has no SIGTERM handler: as PID 1 the kernel drops the signal (and a shell above it would not pass it on), so every stop waits out the grace period (10 s by default). Add an init (\`ENTRYPOINT ["tini", "--"]\`, \`docker run --init\`) or STOPSIGNAL SIGKILL if it holds no state.` };
}

/** dash stays PID 1 even for a single command (`sh -c 'python app.py'`): exec form or `exec` fixes it. */
function withExecFix(ctx: RuleContext, keyword: string, range: Range, cmds: readonly Command[], args: { from: number; to: number }): RuleFinding {
	const last = cmds[cmds.length - 1];
	const message = `${keyword} in shell form runs under \`/bin/sh -c\`: Debian's and Ubuntu's sh (dash) stays PID 1 and does not pass SIGTERM on, `
		+ 'so your process never sees it and every stop waits out the grace period (10 s by default). Use exec form or `exec` the main process.';
	if (cmds.length === 1) {
		const json = asExecForm(last);
		const edit = json && { range: rangeAt(ctx, args.from, args.to), newText: json };
		return { range, message, fixes: edit ? [{ title: `Use exec form: ${keyword} ${json}`, edits: [edit], isPreferred: true, level: 'minor' }] : undefined };
	}
	const exact = last.words[0]?.exact && last.origin === 'top' && (last.before === '&&' || last.before === ';' || last.before === '\n');
	const at = rangeAt(ctx, last.start, last.start);
	return { range, message, fixes: exact ? [{ title: `Run \`${last.name}\` with exec`, edits: [{ range: at, newText: 'exec ' }], isPreferred: true, level: 'minor' }] : undefined };
}

function execFormFinding(ctx: RuleContext, startup: Startup, argv: string[], busybox: boolean): RuleFinding | undefined {
	const keyword = startup.instruction.getKeyword();
	const range = startup.instruction.getRange();
	const c = argv.findIndex(a => /^-[a-z]*c$/.test(a));
	if (SHELLS.has(basename(argv[0])) && c > 0 && argv[c + 1] !== undefined) {
		if (TRAPS_TERM.test(argv[c + 1])) return undefined;
		const cmds = parseScript(argv[c + 1], 0, argv[c + 1].length, { dockerfile: false, lookup: lookupAt(ctx, startup.stage, range.start.line), exact: false });
		if (!cmds.length) return undefined;
		const last = cmds[cmds.length - 1];
		const stays = shellStays(cmds, argv[c + 1])
			?? (busybox || execs(last, argv[c + 1]) || basename(argv[0]) !== 'sh' ? undefined : 'Debian\'s and Ubuntu\'s sh (dash) stays PID 1 and does not pass SIGTERM on');
		return stays ? { range, message: `${keyword} runs \`${argv[0]} ${argv[c]}\`: ${stays}. Stops wait out the grace period (10 s by default), then SIGKILL. \`exec\` the main process or add an init (tini).` } : undefined;
	}
	return ignoresTerm({ name: basename(argv[0]), args: argv.slice(1).map(value => ({ value })) } as Command) ? pid1Ignores(range, keyword, basename(argv[0])) : undefined;
}

export default defineRule({
	code: 'PL206',
	name: 'sigterm-ignored',
	severity: 'warning',
	title: 'The main process will not stop on SIGTERM (shell form without exec, no STOPSIGNAL, no init)',
	rationale: 'docker stop, rolling updates and scale-downs send SIGTERM and wait for the stop grace period (10 s by default) before SIGKILL. '
		+ 'A shell that stays PID 1 does not pass the signal on, and PID 1 without a handler drops it, so every old task costs the whole grace period: '
		+ 'a rollout of 8 replicas two at a time waits 40 s for nothing. Run the main process in exec form or with exec, or start an init.',
	*check(ctx) {
		const chain = finalChain(ctx);
		if (chain.some(s => s.instructions.some(i => i.getKeyword() === 'STOPSIGNAL'))) return;
		const startups = effectiveStartup(chain);
		const entry = startups.find(s => s.instruction.getKeyword() === 'ENTRYPOINT');
		const cmd = startups.find(s => s.instruction.getKeyword() === 'CMD');
		const decisive = entry ?? cmd;
		if (!decisive) return;
		const argv = execArgv(decisive.instruction);
		if (argv && (!argv.length || INITS.has(basename(argv[0])))) return;
		// An exec-form ENTRYPOINT that is not a shell takes CMD as its arguments: the program is PID 1.
		const busybox = busyboxShell(ctx, chain);
		const finding = argv ? execFormFinding(ctx, decisive, argv, busybox) : shellFormFinding(ctx, decisive, busybox);
		if (finding) yield finding;
	},
});

import type { Command } from '../shell/commands';
import { operands } from '../shell/args';
import { hasCacheMount, type RunScript } from '../shell/run';
import { commandRange, commandsNamed } from './helpers';
import { defineRule } from './rule';

interface CacheTool {
	tool: string;
	/** Where the cache lands for root in the official images. */
	target: string;
	/** ENV/ARG that moves the cache, and the folder under it (`GOPATH` → `$GOPATH/pkg/mod`). */
	env?: [name: string, suffix: string][];
	/** A cache mount whose target contains this already covers it. */
	covered: string[];
	runs(cmd: Command): boolean;
	cleans(cmd: Command): boolean;
}

const verb = (cmd: Command, name: string, verbs: string[]) => cmd.name === name && verbs.includes(operands(cmd)[0]?.value ?? '');

// Managers hadolint already covers (apt lists DL3009, apk DL3019, pip DL3042, yarn DL3060) are left to those rules.
const TOOLS: CacheTool[] = [
	{ tool: 'npm', target: '/root/.npm', env: [['npm_config_cache', ''], ['NPM_CONFIG_CACHE', '']], covered: ['.npm'], runs: c => verb(c, 'npm', ['install', 'i', 'ci', 'add']), cleans: c => verb(c, 'npm', ['cache']) },
	{ tool: 'go', target: '/root/.cache/go-build', env: [['GOCACHE', '']], covered: ['go-build'], runs: c => verb(c, 'go', ['build', 'install', 'test']), cleans: c => verb(c, 'go', ['clean']) },
	{ tool: 'go modules', target: '/go/pkg/mod', env: [['GOMODCACHE', ''], ['GOPATH', '/pkg/mod']], covered: ['pkg/mod'], runs: c => verb(c, 'go', ['build', 'install', 'get', 'mod']), cleans: c => verb(c, 'go', ['clean']) },
	{ tool: 'cargo', target: '/usr/local/cargo/registry', env: [['CARGO_HOME', '/registry']], covered: ['cargo'], runs: c => verb(c, 'cargo', ['build', 'install', 'fetch']), cleans: () => false },
	{ tool: 'maven', target: '/root/.m2', covered: ['.m2'], runs: c => c.name === 'mvn' || c.name === 'mvnw', cleans: () => false },
	{ tool: 'gradle', target: '/root/.gradle', env: [['GRADLE_USER_HOME', '']], covered: ['.gradle'], runs: c => c.name === 'gradle' || c.name === 'gradlew', cleans: () => false },
];

const TOOL_NAMES = ['npm', 'go', 'cargo', 'mvn', 'mvnw', 'gradle', 'gradlew'];

function uncached(script: RunScript, cmd: Command, tool: CacheTool): boolean {
	if (!tool.runs(cmd) || tool.covered.some(p => hasCacheMount(script, p))) return false;
	const at = script.commands.indexOf(cmd);
	return !script.commands.some((c, i) => i > at && tool.cleans(c));
}

/**
 * Where the cache really lands for this RUN: an ENV/ARG that moves it wins; else root's path, moved
 * to the home of a non-root `USER` set earlier in the stage (`/home/node/.npm`), or `$HOME/…` when
 * the user's home is not known (a numeric uid).
 */
function cacheTarget(script: RunScript, tool: CacheTool): string {
	for (const [name, suffix] of tool.env ?? []) {
		const value = script.lookup(name);
		if (value && value.startsWith('/') && !value.includes('$')) return value.replace(/\/+$/, '') + suffix;
	}
	if (!tool.target.startsWith('/root/')) return tool.target;
	const line = script.instruction.getRange().start.line;
	const user = [...script.stage.instructions].reverse().find(i => i.getKeyword() === 'USER' && i.getRange().start.line < line)?.getArguments()[0]?.getValue().split(':')[0];
	if (!user || user === 'root' || user === '0') return tool.target;
	return tool.target.replace(/^\/root/, /^\d+$/.test(user) || user.includes('$') ? '$HOME' : `/home/${user}`);
}

export default defineRule({
	code: 'PL204',
	name: 'use-cache-mount',
	severity: 'info',
	title: 'A BuildKit cache mount would keep this package-manager cache out of the layer',
	rationale: 'Package managers and compilers keep download and build caches under the home directory. In a RUN they become part of the layer and ship with the image; `RUN --mount=type=cache,target=…` keeps them on the build host instead, where they also speed up the next build.',
	*check(ctx) {
		const seen = new Set<RunScript>();
		for (const { script, cmd } of commandsNamed(ctx, TOOL_NAMES, true)) {
			const tool = TOOLS.find(t => uncached(script, cmd, t));
			if (!tool || seen.has(script)) continue;
			seen.add(script);
			// No quick fix on purpose: fix-all applies a lone fix, and `RUN --mount` fails on the
			// legacy builder (still the default of some engines, e.g. without buildx).
			yield {
				range: commandRange(ctx, cmd),
				message: `The ${tool.tool} cache stays in this layer; \`RUN --mount=type=cache,target=${cacheTarget(script, tool)}\` would keep it out of the image (needs BuildKit).`,
			};
		}
	},
});

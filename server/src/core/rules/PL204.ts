import type { Command } from '../shell/commands';
import { operands } from '../shell/args';
import { hasCacheMount, type RunScript } from '../shell/run';
import { commandRange, commandsNamed } from './helpers';
import { defineRule } from './rule';

interface CacheTool {
	tool: string;
	/** Where the cache lands for root in the official images. */
	target: string;
	/** A cache mount whose target contains this already covers it. */
	covered: string[];
	runs(cmd: Command): boolean;
	cleans(cmd: Command): boolean;
}

const verb = (cmd: Command, name: string, verbs: string[]) => cmd.name === name && verbs.includes(operands(cmd)[0]?.value ?? '');

// Managers hadolint already covers (apt lists DL3009, apk DL3019, pip DL3042, yarn DL3060) are left to those rules.
const TOOLS: CacheTool[] = [
	{ tool: 'npm', target: '/root/.npm', covered: ['.npm'], runs: c => verb(c, 'npm', ['install', 'i', 'ci', 'add']), cleans: c => verb(c, 'npm', ['cache']) },
	{ tool: 'go', target: '/root/.cache/go-build', covered: ['go-build'], runs: c => verb(c, 'go', ['build', 'install', 'test']), cleans: c => verb(c, 'go', ['clean']) },
	{ tool: 'go modules', target: '/go/pkg/mod', covered: ['pkg/mod'], runs: c => verb(c, 'go', ['build', 'install', 'get', 'mod']), cleans: c => verb(c, 'go', ['clean']) },
	{ tool: 'cargo', target: '/usr/local/cargo/registry', covered: ['cargo'], runs: c => verb(c, 'cargo', ['build', 'install', 'fetch']), cleans: () => false },
	{ tool: 'maven', target: '/root/.m2', covered: ['.m2'], runs: c => c.name === 'mvn' || c.name === 'mvnw', cleans: () => false },
	{ tool: 'gradle', target: '/root/.gradle', covered: ['.gradle'], runs: c => c.name === 'gradle' || c.name === 'gradlew', cleans: () => false },
];

const TOOL_NAMES = ['npm', 'go', 'cargo', 'mvn', 'mvnw', 'gradle', 'gradlew'];

function uncached(script: RunScript, cmd: Command, tool: CacheTool): boolean {
	if (!tool.runs(cmd) || tool.covered.some(p => hasCacheMount(script, p))) return false;
	const at = script.commands.indexOf(cmd);
	return !script.commands.some((c, i) => i > at && tool.cleans(c));
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
				message: `The ${tool.tool} cache stays in this layer; \`RUN --mount=type=cache,target=${tool.target}\` would keep it out of the image (needs BuildKit).`,
			};
		}
	},
});

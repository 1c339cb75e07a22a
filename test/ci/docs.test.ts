// The CI examples in docs/ci/ are valid YAML of the expected shape, and every `patchlens` command line in
// them is accepted by the real CLI's argument parser (the exported commander program, actions replaced).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { buildProgram } from '../../cli/src/main';
import { parseScript } from '../../server/src/core/shell/commands';

const DOCS = path.resolve(__dirname, '../../docs/ci');

/** argv of every `patchlens …` (or `npx patchlens …`) command in a shell script, continuations joined. */
function patchlensCommands(script: string): string[][] {
	const out: string[][] = [];
	for (const cmd of parseScript(script, 0, script.length, { dockerfile: false, lookup: () => undefined })) {
		const words = cmd.words.map(w => w.value);
		if (cmd.name === 'patchlens') out.push(words.slice(1));
		else if (cmd.name === 'npx' && words[1] === 'patchlens') out.push(words.slice(2));
	}
	return out;
}

/** Parses argv with the real program; resolves to the subcommand that would run, rejects on any parse error. */
async function validate(argv: string[]): Promise<string> {
	const program = buildProgram();
	let ran = '';
	const silent = { writeOut: () => undefined, writeErr: () => undefined };
	program.configureOutput(silent);
	for (const command of program.commands) {
		command.configureOutput(silent);
		command.action(() => { ran = command.name(); });
	}
	await program.parseAsync(argv, { from: 'user' });
	assert.ok(ran, `no command ran for: patchlens ${argv.join(' ')}`);
	return ran;
}

type Yaml = Record<string, unknown>;

function load(file: string): Yaml {
	const doc = parse(readFileSync(path.join(DOCS, file), 'utf8')) as Yaml;
	assert.equal(typeof doc, 'object');
	return doc;
}

function githubScripts(doc: Yaml): string[] {
	const jobs = doc.jobs as Record<string, { steps: { run?: string; uses?: string }[] }>;
	return Object.values(jobs).flatMap(j => j.steps.flatMap(s => (s.run ? [s.run] : [])));
}

function gitlabScripts(doc: Yaml): string[] {
	return Object.entries(doc).flatMap(([name, job]) => {
		if (name.startsWith('.') || typeof job !== 'object' || job === null || Array.isArray(job)) return [];
		const j = job as Record<string, unknown>;
		return ['before_script', 'script', 'after_script'].flatMap(k => (Array.isArray(j[k]) ? j[k] as string[] : []));
	});
}

describe('CI examples in docs/ci', () => {
	it('the argument check itself rejects a wrong command line', async () => {
		await assert.rejects(validate(['bench', '--image', 'x', '--fail-on-regresion', '10%']));
		await assert.rejects(validate(['bench', '--image', 'x', '--fail-on-regression', '10']));
		await assert.rejects(validate(['check', '--format', 'sarf', '.']));
		assert.equal(await validate(['bench', '--baseline', 'a', '--image', 'b', '--fail-on-regression', '10%']), 'bench');
		assert.deepEqual(patchlensCommands('npm i -g patchlens && patchlens check \\\n  --format sarif . > out.sarif'), [['check', '--format', 'sarif', '.']]);
	});

	it('GitHub Actions: a pull-request workflow with SARIF upload and a benchmark gate, all commands valid', async () => {
		const doc = load('github-actions.yml');
		assert.ok((doc.on as Yaml).pull_request, 'runs on pull requests');
		const jobs = doc.jobs as Record<string, { 'runs-on': string; steps: { uses?: string; with?: Yaml; run?: string }[] }>;
		const upload = Object.values(jobs).flatMap(j => j.steps).find(s => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
		assert.equal(upload?.with?.sarif_file, 'patchlens.sarif');
		const commands = githubScripts(doc).flatMap(patchlensCommands);
		const check = commands.find(c => c[0] === 'check');
		assert.ok(check && check.includes('sarif'), 'patchlens check --format sarif');
		const gate = commands.find(c => c[0] === 'bench' && c.includes('--fail-on-regression'));
		assert.ok(gate && gate.includes('--baseline'), 'a bench gate against a baseline');
		assert.ok(commands.length >= 3, JSON.stringify(commands));
		for (const argv of commands) assert.equal(await validate(argv), argv[0], `patchlens ${argv.join(' ')}`);
	});

	it('GitLab CI: merge-request jobs with a code-quality report and a benchmark gate, all commands valid', async () => {
		const doc = load('gitlab-ci.yml');
		const checkJob = doc['patchlens-check'] as { artifacts: { reports: Yaml }; rules: Yaml[] };
		assert.equal(checkJob.artifacts.reports.codequality, 'gl-code-quality-report.json');
		assert.ok(checkJob.rules.some(r => String(r.if).includes('merge_request_event')));
		const gateJob = doc['startup-gate'] as { services: unknown[]; variables: Yaml };
		assert.ok(gateJob.services.length && gateJob.variables.DOCKER_HOST);
		const commands = gitlabScripts(doc).flatMap(patchlensCommands);
		assert.ok(commands.some(c => c[0] === 'check' && c.includes('sarif')));
		assert.ok(commands.some(c => c[0] === 'bench' && c.includes('--baseline') && c.includes('--fail-on-regression')));
		assert.ok(commands.length >= 5, JSON.stringify(commands));
		for (const argv of commands) assert.equal(await validate(argv), argv[0], `patchlens ${argv.join(' ')}`);
	});

	it('the docs pages name only options the CLI has', async () => {
		// Every `patchlens …` line in a ```sh block of docs/budget.md and docs/ci/README.md parses too.
		for (const file of ['../budget.md', 'README.md']) {
			const text = readFileSync(path.join(DOCS, file), 'utf8');
			const blocks = [...text.matchAll(/```sh\n([\s\S]*?)```/g)].map(m => m[1]);
			for (const argv of blocks.flatMap(patchlensCommands)) assert.equal(await validate(argv), argv[0], `${file}: patchlens ${argv.join(' ')}`);
		}
	});
});

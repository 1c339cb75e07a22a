// One place for the benchmark's defaults and limits: the extension's settings (package.json) and
// `patchlens bench` must say what startup/src/defaults.ts says.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { clampToRange, CONCURRENCY, DEFAULTS, inRange, RUNS, WARMUP } from '../../startup/src/defaults';

const ROOT = path.join(__dirname, '../..');
interface Setting { default: unknown; minimum?: number; maximum?: number; items?: { minimum?: number; maximum?: number } }
const settings = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, Setting> } } })
	.contributes.configuration.properties;
const CLI = path.join(ROOT, 'cli/out/patchlens.js');

function bench(args: string[]) {
	const r = spawnSync(process.execPath, [CLI, 'bench', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('benchmark defaults and limits', () => {
	it('package.json settings carry the defaults and ranges of defaults.ts', () => {
		const levels = settings['patchlens.benchmark.concurrency'];
		assert.deepEqual(levels.default, [...DEFAULTS.concurrency]);
		assert.deepEqual([levels.items?.minimum, levels.items?.maximum], [CONCURRENCY.min, CONCURRENCY.max]);
		const runs = settings['patchlens.benchmark.runs'];
		assert.deepEqual([runs.default, runs.minimum, runs.maximum], [DEFAULTS.runs, RUNS.min, RUNS.max]);
		const warmup = settings['patchlens.benchmark.warmup'];
		assert.deepEqual([warmup.default, warmup.minimum, warmup.maximum], [DEFAULTS.warmup, WARMUP.min, WARMUP.max]);
		const lens = settings['patchlens.benchmark.lensConcurrency'];
		assert.deepEqual([lens.default, lens.minimum, lens.maximum], [DEFAULTS.lensConcurrency, CONCURRENCY.min, CONCURRENCY.max]);
	});

	it('the lens level is one of the default levels, so a default run feeds the lenses', () => {
		assert.ok(DEFAULTS.concurrency.includes(DEFAULTS.lensConcurrency));
		assert.ok(DEFAULTS.concurrency.every(n => inRange(n, CONCURRENCY)));
	});

	it('the CLI help shows the same defaults', () => {
		const help = bench(['--help']).stdout.replace(/\s+/g, ' ');
		assert.match(help, new RegExp(`--concurrency <list> containers started at once, per level \\(default: \\[${DEFAULTS.concurrency.join(',')}\\]\\)`));
		assert.match(help, new RegExp(`--runs <n> measured rounds per image and level \\(default: ${DEFAULTS.runs}\\)`));
		assert.match(help, new RegExp(`--warmup <n> discarded warm-up rounds \\(default: ${DEFAULTS.warmup}\\)`));
		assert.match(help, new RegExp(`--timeout <seconds> .*\\(default: ${DEFAULTS.timeoutSeconds}\\)`));
	});

	it('the CLI refuses what the extension would clamp, naming the range', () => {
		for (const [args, message] of [
			[['-c', `1,${CONCURRENCY.max + 1}`], `expected a list of integers ${CONCURRENCY.min}-${CONCURRENCY.max}`],
			[['-r', String(RUNS.max + 1)], `expected runs to be an integer ${RUNS.min}-${RUNS.max}`],
			[['-w', String(WARMUP.max + 1)], `expected warmup to be an integer ${WARMUP.min}-${WARMUP.max}`],
			[['--replicas', String(CONCURRENCY.max + 1)], `expected an integer ${CONCURRENCY.min}-${CONCURRENCY.max}`],
		] as const) {
			const r = bench(['-i', 'x', ...args]);
			assert.equal(r.code, 2, r.stderr);
			assert.ok(r.stderr.includes(message), r.stderr);
		}
		assert.equal(clampToRange(RUNS.max + 1, RUNS), RUNS.max);
		assert.equal(clampToRange(Number.NaN, WARMUP), WARMUP.min);
		assert.equal(clampToRange(2.6, CONCURRENCY), 3);
	});
});

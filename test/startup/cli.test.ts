// `patchlens bench` as users run it: the built bundle, real engine, exit codes, exports, Ctrl-C.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { labelled, sleep, sleepyImage, waitFor } from './helpers';

const CLI = path.join(__dirname, '../../cli/out/patchlens.js');

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
	const r = spawnSync(process.execPath, [CLI, 'bench', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('patchlens bench', () => {
	it('rejects bad usage with exit 2 and one line', () => {
		for (const [args, message] of [
			[[], /^patchlens: nothing to benchmark: give a Dockerfile or at least one --image\n$/],
			[['-i', 'x', '--ready', 'later'], /^patchlens: unknown ready condition "later" \(expected exit, log:REGEX or healthy\)\n$/],
			[['-i', 'x', '--ready', 'log:('], /^patchlens: invalid regular expression in log:\(/],
			[['-i', 'x', '-c', '1,zero'], /argument '1,zero' is invalid\. expected a list of integers 1-256/],
			[['--base', 'alpine:3.20', '-i', 'x'], /^patchlens: --base needs a Dockerfile to rebuild\n$/],
		] as const) {
			const r = run([...args]);
			assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
			assert.match(r.stderr, message);
			assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
		}
	});

	it('exits 3 with one clear line when the engine is not reachable', () => {
		const r = run(['-i', 'patchlens/fast:1', '--no-save'], { DOCKER_HOST: 'unix:///tmp/patchlens-missing.sock' });
		assert.equal(r.code, 3);
		assert.equal(r.stderr, 'patchlens: Docker Engine not reachable at unix:///tmp/patchlens-missing.sock: connect ENOENT — is dockerd running?\n');
	});

	it('writes the JSON export, stores the results and exits 1 for a clear regression', () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'patchlens-bench-cli-'));
		const out = path.join(dir, 'out.json');
		const r = run(['-i', 'patchlens/fast:1', '-i', sleepyImage(), '-c', '1', '-r', '3', '-w', '0', '-f', 'json', '-o', out], { XDG_DATA_HOME: dir });
		assert.equal(r.code, 1, r.stderr);
		assert.equal(r.stdout, '');
		const report = JSON.parse(readFileSync(out, 'utf8'));
		assert.equal(report.comparisons[0].verdict, 'slower');
		assert.equal(report.results.length, 2);
		const stored = readdirSync(path.join(dir, 'patchlens', 'results'));
		assert.equal(stored.length, 1);
		assert.ok(stored[0].endsWith(`_${report.runId}.json`));
		assert.deepEqual(labelled(`patchlens=${report.runId}`), []);
	});

	it('Ctrl-C cancels, removes the running containers and exits 130', async () => {
		const child = spawn(process.execPath, [CLI, 'bench', '-i', 'patchlens/fast:1', '-c', '2', '-r', '1', '-w', '0', '--cmd', 'sleep 60', '--no-save'], { stdio: ['ignore', 'pipe', 'pipe'] });
		let stderr = '';
		child.stderr.on('data', d => { stderr += d; });
		const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)));
		const mine = () => labelled(`patchlens.pid=${child.pid}`);
		await waitFor(() => mine().length === 2, 30_000, 'two containers');
		const t0 = Date.now();
		child.kill('SIGINT');
		assert.equal(await exited, 130, stderr);
		assert.ok(Date.now() - t0 < 50_000, 'ended before the `sleep 60` containers would have'); // not a speed target
		assert.match(stderr, /cancelling, removing containers/);
		assert.deepEqual(mine(), []);
	});

	it('a second Ctrl-C quits at once; --sweep then removes whatever it left', async () => {
		const child = spawn(process.execPath, [CLI, 'bench', '-i', 'patchlens/fast:1', '-c', '2', '-r', '1', '-w', '0', '--cmd', 'sleep 60', '--no-save'], { stdio: ['ignore', 'pipe', 'pipe'] });
		const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)));
		const pid = child.pid!;
		const mine = () => labelled(`patchlens.pid=${pid}`);
		await waitFor(() => mine().length === 2, 30_000, 'two containers');
		const t0 = Date.now();
		child.kill('SIGINT');
		child.kill('SIGINT');
		assert.equal(await exited, 130);
		// The forced exit does not wait for the removals (a `sleep 60` container would take 10 s to stop).
		assert.ok(Date.now() - t0 < 5_000, `exited after ${Date.now() - t0} ms`);
		// Whether the first Ctrl-C's removals got through before the exit is a race; the sweep cleans up either way.
		await sleep(1000);
		const r = spawnSync(process.execPath, [CLI, 'bench', '--sweep'], { encoding: 'utf8' });
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stderr, /^patchlens: removed \d+ leftover container\(s\)\n$/);
		await waitFor(() => mine().length === 0, 30_000, 'the sweep to finish');
	});

	it('--sweep removes the containers of a run whose process was killed', async () => {
		const child = spawn(process.execPath, [CLI, 'bench', '-i', 'patchlens/fast:1', '-c', '2', '-r', '1', '-w', '0', '--cmd', 'sleep 60', '--no-save'], { stdio: ['ignore', 'pipe', 'pipe'] });
		const exited = new Promise<number | null>(resolve => child.on('exit', () => resolve(null)));
		const pid = child.pid!;
		const mine = () => labelled(`patchlens.pid=${pid}`);
		await waitFor(() => mine().length === 2, 30_000, 'two containers');
		child.kill('SIGKILL');
		await exited;
		await sleep(500);
		assert.equal(mine().length, 2, 'a killed process cannot clean up: its containers stay');
		const r = spawnSync(process.execPath, [CLI, 'bench', '--sweep'], { encoding: 'utf8' });
		assert.equal(r.status, 0, r.stderr);
		const removed = /^patchlens: removed (\d+) leftover container\(s\)\n$/.exec(r.stderr);
		assert.ok(removed && Number(removed[1]) >= 2, r.stderr);
		await waitFor(() => mine().length === 0, 30_000, 'the sweep to finish');
	});
});

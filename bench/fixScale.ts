// `check --fix` at scale (issue 19): the CLI, in a process of its own, on generated Dockerfiles of
// 1,000 / 10,000 / 100,000 lines (bench/generateDockerfile.ts), offline. Prints wall time, fixes
// applied and time per fix; time per fix should stay flat as files grow (linear in the number of
// fixes). Target: 100,000 lines under 10 s.
//   npm run bench:fix [-- --sizes 1000,10000,100000]
// Prints a table, then one JSON object on the last line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { generateDockerfile } from './generateDockerfile';

const arg = (name: string, fallback: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const SIZES = arg('--sizes', '1000,10000,100000').split(',').map(Number);
const CLI = path.join(__dirname, '../cli/out/patchlens.js');

interface Row {
	lines: number;
	fixes: number;
	wallMs: number;
	/** CPU time of the CLI process (user + system). */
	cpuMs: number;
	/** Wall time per fix applied. */
	msPerFix: number;
	/** Lines the file has after the fix (RUN merges shorten it). */
	linesAfter: number;
}

function measure(lines: number): Row {
	const dir = mkdtempSync(path.join(tmpdir(), 'patchlens-fixscale-'));
	try {
		const file = path.join(dir, 'Dockerfile');
		writeFileSync(file, generateDockerfile(lines, 7));
		const errors = path.join(dir, 'stderr');
		const started = process.hrtime.bigint();
		// The shell waits for the CLI, then prints its own /proc stat: cutime + cstime are the CLI's CPU
		// time, which a busy shared machine does not inflate the way it inflates wall time.
		const r = spawnSync('sh', ['-c', '"$@" >/dev/null 2>"$ERRORS"; status=$?; cat /proc/$$/stat; exit $status', 'sh',
			process.execPath, CLI, 'check', '--fix', '--offline', '--now', '2026-11-27', '-f', 'json', '--failure-threshold', 'none', file], { encoding: 'utf8', env: { ...process.env, ERRORS: errors } });
		const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
		const stderr = readFileSync(errors, 'utf8');
		if (r.status !== 0) throw new Error(`check --fix exited ${r.status}: ${stderr}`);
		const stat = r.stdout.slice(r.stdout.lastIndexOf(')') + 2).split(' ');
		// Fields 16 and 17 of /proc/PID/stat (1-based), after "pid (comm) ": indexes 13 and 14; clock ticks of 10 ms.
		const cpuMs = (Number(stat[13]) + Number(stat[14])) * 10;
		const fixes = Number(/fixed (\d+) problems?/.exec(stderr)?.[1] ?? 0);
		const linesAfter = readFileSync(file, 'utf8').split('\n').length - 1;
		return { lines, fixes, wallMs, cpuMs, msPerFix: fixes ? wallMs / fixes : NaN, linesAfter };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

const rows = SIZES.map(measure);
console.log('lines     fixes   wall (s)  cpu (s)  ms/fix  lines after');
for (const r of rows) console.log(`${String(r.lines).padEnd(9)} ${String(r.fixes).padEnd(7)} ${(r.wallMs / 1000).toFixed(2).padEnd(9)} ${(r.cpuMs / 1000).toFixed(2).padEnd(8)} ${r.msPerFix.toFixed(3).padEnd(7)} ${r.linesAfter}`);
const first = rows[0];
const last = rows[rows.length - 1];
console.log(`time per fix, ${last.lines} vs ${first.lines} lines: ${(last.msPerFix / first.msPerFix).toFixed(2)}x (1.0 = linear; the process start is in the small file's figure)`);
console.log(JSON.stringify({ rows, perFixRatio: last.msPerFix / first.msPerFix, under10sWall: last.wallMs < 10_000, under10sCpu: last.cpuMs < 10_000 }));

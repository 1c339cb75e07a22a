// `check --fix` never loses a byte, a pin, an owner or a link, and one file's trouble never stops
// the others (issue 17). Exact bytes are compared, not decoded text.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCheck } from '../../cli/src/check';
import { fixMessages } from '../../cli/src/fixReport';

const CLI = path.join(__dirname, '../../cli/out/patchlens.js');
const BASE = ['--offline', '--now', '2026-11-27'];
const IS_ROOT = process.getuid?.() === 0;
const DIGEST = `sha256:${'a'.repeat(64)}`;

/**
 * The bundle (self-contained) copied where `nobody` can read it: a checkout may sit in a folder only
 * root can enter (a `mktemp -d` clone is 0700), and then nobody could not even load the CLI.
 */
let nobodyCli: string | undefined;
function cliForNobody(): string {
	if (nobodyCli) return nobodyCli;
	const dir = mkdtempSync(path.join(tmpdir(), 'patchlens-cli-'));
	chmodSync(dir, 0o755);
	nobodyCli = path.join(dir, 'patchlens.js');
	copyFileSync(CLI, nobodyCli);
	chmodSync(nobodyCli, 0o644);
	return nobodyCli;
}

function run(args: string[], cwd: string, asNobody = false) {
	const argv = [process.execPath, asNobody ? cliForNobody() : CLI, ...args];
	const [cmd, ...rest] = asNobody ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', ...argv] : argv;
	const r = spawnSync(cmd, rest, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function folder(files: Record<string, string | Buffer> = {}): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'patchlens-fixsafe-'));
	for (const [name, content] of Object.entries(files)) {
		mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
		writeFileSync(path.join(dir, name), content);
	}
	return dir;
}

/** ADD of a local folder: DL3020's preferred fix turns it into COPY. */
const FIXABLE = 'FROM alpine:3.20\nADD . /src\n';

describe('check --fix: bytes', () => {
	it('never rewrites a file that is not valid UTF-8, says so once, and fixes the other files', () => {
		const latin1 = Buffer.from('FROM alpine:3.20\n# caf\xe9 cr\xe8me\nADD . /src\nRUN echo \xff\xfe\n', 'latin1');
		const dir = folder({ 'a/Dockerfile': latin1, 'b/Dockerfile': FIXABLE });
		const r = run(['check', '--fix', ...BASE, '.'], dir);
		assert.deepEqual(readFileSync(path.join(dir, 'a/Dockerfile')), latin1, 'not one byte changed');
		assert.match(r.stderr, /^patchlens: warning: a\/Dockerfile is not valid UTF-8 \(line 2, byte 0xE9\).*; not fixed$/m);
		assert.equal(r.stderr.match(/not valid UTF-8/g)?.length, 1);
		assert.equal(readFileSync(path.join(dir, 'b/Dockerfile'), 'utf8'), 'FROM alpine:3.20\nCOPY . /src\n');
		assert.match(r.stdout, /^a\/Dockerfile:\d+:\d+ \S+ (PL005|DL3020) /m, 'the broken file is still reported on');
	});

	it('analyses UTF-16 files with a BOM (never "No findings") and leaves their bytes alone', () => {
		for (const [encoding, swap] of [['UTF-16LE', false], ['UTF-16BE', true]] as const) {
			const body = Buffer.from(`\ufeff${FIXABLE}FROM ubuntu\n`, 'utf16le');
			const bytes = swap ? Buffer.from(body).swap16() : body;
			const dir = folder({ Dockerfile: bytes });
			const r = run(['check', '--fix', '-f', 'json', ...BASE, 'Dockerfile'], dir);
			const codes = (JSON.parse(r.stdout) as { code: string }[]).map(f => f.code);
			assert.ok(codes.includes('DL3020') && codes.includes('DL3006'), `${encoding}: ${r.stdout}`);
			assert.deepEqual(readFileSync(path.join(dir, 'Dockerfile')), bytes);
			assert.match(r.stderr, new RegExp(`Dockerfile is ${encoding}; analysed, but only UTF-8 files are rewritten; not fixed`));
		}
	});

	it('changes only the edited span in a file with a BOM, CRLF, lone CR, mixed endings and non-ASCII text', () => {
		// The lone CR sits inside a LABEL value: for BuildKit it is no line break, so it must survive as it is.
		const original = Buffer.from('\ufeff# caf\u00e9 \u2014 na\u00efve\r\nFROM alpine:3.20\r\nLABEL x="\u00fc\ry"\nADD . /src\nRUN echo \u65e5\u672c\r\n', 'utf8');
		const dir = folder({ Dockerfile: original });
		run(['check', '--fix', ...BASE, 'Dockerfile'], dir);
		const fixed = readFileSync(path.join(dir, 'Dockerfile'));
		const at = original.indexOf('ADD');
		const expected = Buffer.concat([original.subarray(0, at), Buffer.from('COPY'), original.subarray(at + 3)]);
		assert.deepEqual(fixed, expected);
	});
});

describe('check --fix: what is applied unattended', () => {
	it('never drops a digest pin or moves to a new release line, even at --fix-level major, and lists the bump for review', () => {
		const text = `FROM python:3.8-slim@${DIGEST}\nRUN true\n`;
		const dir = folder({ Dockerfile: text });
		for (const level of [[], ['--fix-level', 'major']]) {
			const r = run(['check', '--fix', ...level, '-f', 'json', ...BASE, 'Dockerfile'], dir);
			assert.equal(readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), text, level.join(' '));
			assert.doesNotMatch(r.stderr, /fixed \d+ problem/);
			const pl101 = (JSON.parse(r.stdout) as { code: string; needsReview?: { fix: string; level: string } }[]).find(f => f.code === 'PL101');
			if (!level.length) {
				assert.match(pl101?.needsReview?.fix ?? '', /^Bump to python:3\.\d+-slim/, r.stdout);
				assert.match(r.stderr, /^patchlens: needs review: Dockerfile:1: "Bump to python:3\.\d+-slim.*" \(PL101, (patch|minor|major)\): not applied; it removes the digest pin: apply it by hand and pin the new image$/m);
			}
		}
	});

	it('leaves a new Ubuntu LTS for review by default', () => {
		const dir = folder({ Dockerfile: 'FROM ubuntu:20.04\nRUN true\n' });
		const r = run(['check', '--fix', ...BASE, 'Dockerfile'], dir);
		assert.equal(readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), 'FROM ubuntu:20.04\nRUN true\n');
		assert.match(r.stderr, /needs review: Dockerfile:1: "[^"]*ubuntu:2\d\.04[^"]*"/);
	});

	it('names one held-back fix once, with every finding it settles, and the flag that applies it', () => {
		const finding = (code: string) => ({ code, severity: 'warning' as const, message: code, range: { start: { line: 0, character: 5 }, end: { line: 0, character: 9 } } });
		const review = (code: string) => ({ code, title: 'Bump to ubuntu:24.04', line: 0, pass: 0, level: 'major' as const, dropsPin: false, finding: finding(code) });
		const fixed = { file: 'Dockerfile', text: '', changed: false, applied: [], rejected: [], unresolved: [], passes: 0, findings: [], needsReview: [review('PL102'), review('PL104')] };
		assert.deepEqual(fixMessages('Dockerfile', fixed, 'patch'), ['needs review: Dockerfile:1: "Bump to ubuntu:24.04" (PL102, PL104, major): not applied; --fix-level major applies it']);
	});

	it('--fix-level implies --fix and takes only patch, minor or major', () => {
		const dir = folder({ Dockerfile: FIXABLE });
		assert.equal(run(['check', '--fix-level', 'huge', ...BASE, 'Dockerfile'], dir).code, 2);
		run(['check', '--fix-level', 'minor', ...BASE, 'Dockerfile'], dir);
		assert.equal(readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), 'FROM alpine:3.20\nCOPY . /src\n');
	});
});

describe('check --fix: files', () => {
	it('keeps owner and group when run as root', { skip: !IS_ROOT && 'needs root to chown' }, () => {
		const dir = folder({ Dockerfile: FIXABLE });
		chownSync(path.join(dir, 'Dockerfile'), 65534, 65534);
		run(['check', '--fix', ...BASE, 'Dockerfile'], dir);
		const stat = statSync(path.join(dir, 'Dockerfile'));
		assert.equal(readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), 'FROM alpine:3.20\nCOPY . /src\n');
		assert.deepEqual([stat.uid, stat.gid], [65534, 65534]);
	});

	it('does not split hard links', () => {
		const dir = folder({ Dockerfile: FIXABLE });
		linkSync(path.join(dir, 'Dockerfile'), path.join(dir, 'other'));
		const inode = statSync(path.join(dir, 'Dockerfile')).ino;
		const r = run(['check', '--fix', ...BASE, 'Dockerfile'], dir);
		assert.match(r.stderr, /fixed 1 problem in Dockerfile/);
		assert.equal(readFileSync(path.join(dir, 'other'), 'utf8'), 'FROM alpine:3.20\nCOPY . /src\n');
		assert.deepEqual([statSync(path.join(dir, 'Dockerfile')).ino, statSync(path.join(dir, 'Dockerfile')).nlink], [inode, 2]);
	});

	it('refuses a read-only file with a message unless --force, and keeps its mode when forced', () => {
		const dir = folder({ Dockerfile: FIXABLE });
		chmodSync(path.join(dir, 'Dockerfile'), 0o444);
		const refused = run(['check', '--fix', ...BASE, 'Dockerfile'], dir);
		assert.equal(readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), FIXABLE);
		assert.match(refused.stderr, /^patchlens: warning: Dockerfile left unchanged: it is read-only \(--force fixes it anyway\)$/m);
		assert.match(refused.stdout, /DL3020/, 'the report is about the file as it is');
		run(['check', '--fix', '--force', ...BASE, 'Dockerfile'], dir);
		assert.equal(readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), 'FROM alpine:3.20\nCOPY . /src\n');
		assert.equal(statSync(path.join(dir, 'Dockerfile')).mode & 0o777, 0o444);
	});

	it('keeps going after a write error and reports every file it changed', async () => {
		const dir = folder({ 'a/Dockerfile': FIXABLE, 'b/Dockerfile': FIXABLE, 'c/Dockerfile': FIXABLE });
		const outcome = await runCheck({
			paths: [dir], format: 'json', color: false, fix: true, analysis: { offline: true, now: new Date('2026-11-27T00:00:00Z') },
			writeHooks: { beforeRename: temp => { if (temp.includes(`${path.sep}b${path.sep}`)) throw Object.assign(new Error('no space'), { code: 'ENOSPC' }); } },
		});
		const file = (name: string) => path.join(dir, name, 'Dockerfile');
		assert.deepEqual(outcome.messages.filter(m => /fixed|left unchanged/.test(m)), [
			`fixed 1 problem in ${file('a')}`,
			`error: ${file('b')} left unchanged: cannot write it: no space`,
			`fixed 1 problem in ${file('c')}`,
		]);
		assert.equal(outcome.exitCode, 2);
		assert.equal(readFileSync(file('b'), 'utf8'), FIXABLE);
		assert.equal(readFileSync(file('c'), 'utf8'), 'FROM alpine:3.20\nCOPY . /src\n');
	});

	it('refuses to replace a symlink to a pipe (/dev/stdin) instead of writing over the link', () => {
		const dir = folder();
		symlinkSync('/dev/stdin', path.join(dir, 'Dockerfile'));
		// A shell pipe, as a user would write it (Node's own stdin pipes are sockets, which /dev/stdin cannot reopen).
		const sh = spawnSync('sh', ['-c', `printf '${FIXABLE.replace(/\n/g, '\\n')}' | "$0" "$1" check --fix ${BASE.join(' ')} Dockerfile`, process.execPath, CLI], { cwd: dir, encoding: 'utf8' });
		const r = { stdout: sh.stdout, stderr: sh.stderr };
		assert.ok(lstatSync(path.join(dir, 'Dockerfile')).isSymbolicLink(), 'still a link');
		assert.match(r.stderr, /^patchlens: warning: Dockerfile left unchanged: it (does not resolve to|is not) a regular file$/m);
		assert.match(r.stdout, /DL3020/);
	});
});

describe('check: folders', () => {
	it('reports an unreadable folder and goes on with the others', { skip: !IS_ROOT && 'runs the CLI as nobody through setpriv' }, () => {
		const dir = folder({ 'ok/Dockerfile': FIXABLE, 'locked/Dockerfile': FIXABLE });
		chmodSync(dir, 0o755);
		chmodSync(path.join(dir, 'ok'), 0o755);
		chmodSync(path.join(dir, 'ok', 'Dockerfile'), 0o644);
		chmodSync(path.join(dir, 'locked'), 0o000);
		const r = run(['check', ...BASE, '.'], dir, true);
		assert.equal(r.code, 1, r.stderr);
		assert.match(r.stderr, /^patchlens: warning: cannot read folder locked: permission denied; skipped$/m);
		assert.match(r.stdout, /ok\/Dockerfile:2:1/);
	});

	it('follows symlinked Dockerfiles and folders once, through loops, and names broken links', () => {
		const dir = folder({ 'outside/base': FIXABLE, 'scan/app/Dockerfile': FIXABLE });
		const scan = path.join(dir, 'scan');
		symlinkSync('../outside/base', path.join(scan, 'Dockerfile'));
		symlinkSync('.', path.join(scan, 'app', 'loop'));
		symlinkSync('app', path.join(scan, 'again'));
		symlinkSync('nowhere', path.join(scan, 'Dockerfile.broken'));
		const r = run(['check', '-f', 'json', ...BASE, '.'], scan);
		const files = [...new Set((JSON.parse(r.stdout) as { file: string }[]).map(f => f.file))].sort();
		assert.deepEqual(files, ['Dockerfile', path.join('app', 'Dockerfile')]);
		assert.match(r.stderr, /^patchlens: warning: cannot follow symlink Dockerfile\.broken: no such file or directory; skipped$/m);
	});
});

describe('check: inputs', () => {
	it('rejects impossible dates for --now', () => {
		const dir = folder({ Dockerfile: FIXABLE });
		const r = run(['check', '--offline', '--now', '2025-02-30', 'Dockerfile'], dir);
		assert.equal(r.code, 2);
		assert.match(r.stderr, /2025-02-30.*expected a real date/);
		assert.equal(run(['check', '--offline', '--now', '2024-02-29', 'Dockerfile'], dir).code, 1, 'a leap day is a date');
	});
});

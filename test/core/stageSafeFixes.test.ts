// Issue 18 item 3: a fix is checked against the rest of the build, not only its instruction. A clean-up
// that removes what a later RUN (of the stage, or of a stage built FROM it) still needs is not offered;
// fix-all on real-world-shaped multi-RUN stages never breaks an `apt-get install` that worked before.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFixes } from '../../server/src/core/fix/applyFixes';
import { parseDockerfile } from '../../server/src/core/parse';
import { defaultOptions } from '../../server/src/core/options';
import { runsOf } from '../../server/src/core/shell/run';
import { findings, findingsOf, NOW } from '../helpers/analyze';

/**
 * A small model of apt in a build: per stage (inheriting from its base stage), whether package
 * lists exist, and the lines of RUNs that install from lists that are not there ("Unable to
 * locate package" in a real build).
 */
function brokenInstalls(text: string): number[] {
	const ctx = { ...parseDockerfile(text), options: defaultOptions({ now: NOW, offline: true }) };
	const lists = new Map<number, boolean>();
	const broken: number[] = [];
	for (const stage of ctx.stages) {
		const base = ctx.stages.find(s => s.index < stage.index && (s.name === stage.from.getImage()?.toLowerCase()));
		lists.set(stage.index, base ? lists.get(base.index)! : false);
	}
	for (const script of runsOf(ctx)) {
		let present = lists.get(script.stage.index)!;
		const cached = script.mounts.some(m => m.type === 'cache' && '/var/lib/apt/lists'.startsWith(m.target));
		for (const c of script.commands) {
			const sub = c.args.find(a => !a.value.startsWith('-'))?.value;
			if (!/^apt(-get)?$/.test(c.name)) {
				if (c.name === 'rm' && c.args.some(a => a.value.startsWith('/var/lib/apt/lists'))) present = false;
				continue;
			}
			if (sub === 'update') present = true;
			else if (sub === 'install' && !present && !cached) broken.push(script.instruction.getRange().start.line + 1);
			else if (sub === 'dist-clean') present = false;
		}
		lists.set(script.stage.index, present);
	}
	return broken;
}

const fixAll = (text: string) => applyFixes(text, t => findings(t)).text;

/** Real-world-shaped stages: install in several RUNs, clean in some, derive stages from others. */
const STAGES: Record<string, string> = {
	'issue 18 repro: second RUN installs from the first RUN\'s lists': 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\nRUN apt-get install -y git && rm -rf /var/lib/apt/lists/*\n',
	'tools then app deps, the second without update': [
		'FROM python:3.12-slim', 'ENV PIP_NO_CACHE_DIR=1', 'RUN apt-get update \\', '    && apt-get install -y --no-install-recommends build-essential libpq-dev',
		'COPY requirements.txt .', 'RUN pip install -r requirements.txt', 'RUN apt-get install -y --no-install-recommends postgresql-client \\',
		'    && rm -rf /var/lib/apt/lists/*', 'COPY . /app', 'CMD ["python", "/app/main.py"]', ''].join('\n'),
	'a derived stage installs without update': [
		'FROM ubuntu:24.04 AS base', 'RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl',
		'FROM base AS final', 'RUN apt-get install -y --no-install-recommends jq && rm -rf /var/lib/apt/lists/*', 'CMD ["bash"]', ''].join('\n'),
	'every RUN updates on its own: fixes are safe': [
		'FROM debian:trixie-slim', 'RUN apt-get update && apt-get install -y --no-install-recommends curl',
		'RUN apt-get update && apt-get install -y --no-install-recommends git', ''].join('\n'),
	'the later RUN uses a cache mount for the lists': [
		'FROM debian:trixie-slim', 'RUN apt-get update && apt-get install -y --no-install-recommends curl',
		'RUN --mount=type=cache,target=/var/lib/apt/lists \\', '    apt-get install -y --no-install-recommends git', ''].join('\n'),
	'a purge needs no lists': [
		'FROM debian:trixie-slim', 'RUN apt-get update && apt-get install -y --no-install-recommends curl',
		'RUN apt-get purge -y --auto-remove curl', ''].join('\n'),
};

describe('fixes checked against the rest of the stage', () => {
	it('DL3009 offers no clean-up when a later RUN installs from these lists, and says why', () => {
		const [f] = findingsOf('DL3009', STAGES['issue 18 repro: second RUN installs from the first RUN\'s lists']);
		assert.equal(f.fixes, undefined);
		assert.match(f.message, /No quick fix: the RUN on line 3 runs `apt-get install` without its own `apt-get update`/);
	});
	it('looks into stages built FROM this one', () => {
		const [f] = findingsOf('DL3009', STAGES['a derived stage installs without update']);
		assert.equal(f.fixes, undefined);
		assert.match(f.message, /the RUN on line 4/);
	});
	it('still offers the clean-up when every later RUN updates, uses a lists cache, or needs no lists', () => {
		for (const name of ['every RUN updates on its own: fixes are safe', 'the later RUN uses a cache mount for the lists', 'a purge needs no lists']) {
			const all = findingsOf('DL3009', STAGES[name]);
			assert.ok(all.length && all.every(f => f.fixes?.length), name);
		}
	});
	for (const [name, text] of Object.entries(STAGES)) {
		it(`fix-all breaks no apt-get install that worked before: ${name}`, () => {
			const before = brokenInstalls(text);
			const after = brokenInstalls(fixAll(text));
			assert.deepEqual(after.filter(l => !before.includes(l)), [], `fix-all made these installs fail:\n${fixAll(text)}`);
		});
	}
	it('keeps a package cache a later RUN installs from offline, or a later stage copies', () => {
		const yarn = findingsOf('DL3060', [
			'FROM node:24-bookworm-slim AS deps', 'WORKDIR /app', 'COPY package.json yarn.lock ./', 'RUN yarn install --frozen-lockfile',
			'COPY packages/ packages/', 'RUN yarn install --offline --frozen-lockfile', ''].join('\n'));
		assert.ok(yarn.length);
		assert.equal(yarn[0].fixes, undefined);
		assert.match(yarn[0].message, /No quick fix: the RUN on line 6 runs `yarn install --offline/);
		const dnf = findingsOf('DL3040', [
			'FROM fedora:42', 'RUN dnf install -y gcc make', 'RUN dnf -C install -y git && dnf clean all', ''].join('\n'));
		assert.equal(dnf[0].fixes, undefined);
		// A builder stage downloads RPMs into dnf's cache; the final stage installs them from there.
		const copied = findingsOf('DL3040', [
			'FROM rockylinux:9 AS rpms', 'RUN dnf install -y --downloadonly --setopt=keepcache=1 nginx',
			'FROM rockylinux:9-minimal', 'COPY --from=rpms /var/cache/dnf /tmp/rpms', 'RUN rpm -i /tmp/rpms/*/packages/*.rpm && rm -rf /tmp/rpms', ''].join('\n'));
		assert.equal(copied.length, 1);
		assert.equal(copied[0].fixes, undefined);
		assert.match(copied[0].message, /the COPY on line 4 copies `\/var\/cache\/dnf` from this stage/);
		// Without a later reader the fix is offered as before.
		assert.ok(findingsOf('DL3060', 'FROM node:24\nRUN yarn install\nCMD ["node"]\n')[0].fixes?.length);
	});
	it('the model itself sees a broken install (so the checks above can fail)', () => {
		assert.deepEqual(brokenInstalls('FROM debian:12\nRUN apt-get update && apt-get install -y a && rm -rf /var/lib/apt/lists/*\nRUN apt-get install -y b\n'), [3]);
	});
});

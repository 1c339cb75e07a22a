// Issue 18 items 1-2 and issue 17 item 2 (core part): one phase decides the wording, every
// lifecycle finding on a FROM proposes the same tag, and each fix carries its review level.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../server/src/core/finding';
import { findings } from '../helpers/analyze';

const LIFECYCLE = /^PL10[1-7]$/;
const lifecycleOf = (text: string, options = {}): Finding[] => findings(text, options).filter(f => LIFECYCLE.test(f.code));
const firstTag = (f: Finding) => f.fixes?.[0]?.edits[0]?.newText;

describe('one coherent target per FROM', () => {
	it('PL101 and PL107 on node:18-bullseye propose the same tag, which settles both', () => {
		const all = lifecycleOf('FROM node:18-bullseye\n');
		assert.deepEqual(all.map(f => f.code), ['PL101', 'PL107']);
		assert.deepEqual(new Set(all.map(firstTag)), new Set([':26-trixie']));
		for (const f of all) {
			assert.match(f.message, /Move to `node:26-trixie` .*it settles PL101, PL107\./);
			assert.match(f.fixes![0].title, /— settles PL101, PL107$/);
		}
	});
	it('every lifecycle finding of a line agrees, across real-world-shaped FROMs', () => {
		const froms = ['python:3.8.10-slim-buster', 'golang:1.21.6-bookworm', 'node:20.11.0-bullseye-slim', 'python:3.12.1-slim-bullseye', 'ruby:3.1-alpine3.18', 'php:8.1-fpm-bullseye'];
		for (const from of froms) {
			const all = lifecycleOf(`FROM ${from}\n`);
			assert.ok(all.length >= 2, `${from}: several lifecycle findings expected, got ${all.map(f => f.code)}`);
			const tags = new Set(all.map(firstTag).filter(Boolean));
			assert.equal(tags.size, 1, `${from}: findings propose ${[...tags].join(', ')}`);
		}
	});
	it('the target settles what it claims: re-checking the fixed line leaves no lifecycle finding it named', () => {
		const [f] = lifecycleOf('FROM python:3.8.10-slim-buster\n');
		const title = f.fixes![0].title;
		const settled = /settles ([A-Z0-9, ]+)/.exec(title)![1].split(', ');
		const fixed = `FROM python${f.fixes![0].edits[0].newText}\n`;
		const left = lifecycleOf(fixed).map(x => x.code);
		for (const code of settled) assert.ok(!left.includes(code), `${code} still fires on ${fixed}`);
	});
});

describe('fix levels and preference', () => {
	it('a patch bump of the same line and variant is level patch and preferred', () => {
		const f = findings('FROM python:3.12.1-slim\n').find(x => x.code === 'PL103')!;
		assert.equal(f.fixes![0].level, 'patch');
		assert.equal(f.fixes![0].isPreferred, true);
	});
	it('a new release line of the same variant is minor, an LTS line major; neither preferred, even alone', () => {
		const py = findings('FROM python:3.8-slim\n').find(x => x.code === 'PL101')!;
		assert.equal(py.fixes!.length, 1, 'a lone candidate');
		assert.equal(py.fixes![0].level, 'minor');
		assert.equal(py.fixes![0].isPreferred, false, 'a lone line move must not count as preferred');
		const node = findings('FROM node:18.20.4-alpine3.23\n').find(x => x.code === 'PL101')!;
		assert.equal(node.fixes![0].level, 'major');
	});
	it('a distribution move (OS image or variant) is major', () => {
		const deb = findings('FROM debian:buster\n').find(x => x.code === 'PL101')!;
		assert.ok(deb.fixes!.every(x => x.level === 'major' && x.isPreferred === false));
		const ub = findings('FROM ubuntu:20.04\n').filter(x => /^PL10/.test(x.code));
		assert.ok(ub.flatMap(x => x.fixes ?? []).every(x => x.level === 'major'));
	});
	it('a digest-pinned FROM is never moved to an unpinned reference unattended', () => {
		const pinned = `FROM python:3.8-slim@sha256:${'a'.repeat(64)}\n`;
		const fixes = findings(pinned).flatMap(x => x.fixes ?? []);
		assert.ok(fixes.length);
		for (const fix of fixes) {
			assert.equal(fix.level, 'major');
			assert.equal(fix.isPreferred, false);
			assert.match(fix.title, /dropping the digest pin/);
		}
	});
});

describe('pinning latest (DL3006/DL3007) names a release a human confirms', () => {
	it('is never preferred; minor for a runtime, major for an OS image', () => {
		const [py] = findings('FROM python\n').filter(f => f.code === 'DL3006');
		assert.deepEqual([py.fixes?.[0].isPreferred, py.fixes?.[0].level], [false, 'minor']);
		const [ub] = findings('FROM ubuntu:latest\n').filter(f => f.code === 'DL3007');
		assert.deepEqual([ub.fixes?.[0].isPreferred, ub.fixes?.[0].level], [false, 'major']);
	});
});

describe('lifecycle phase wording', () => {
	it('security-only support is not called end of life', () => {
		const f = findings('FROM python:3.10-slim\n', { now: new Date('2026-09-01T00:00:00Z') }).find(x => x.code === 'PL102')!;
		assert.match(f.message, /gets security fixes only \(since 2023-04-05\) and reaches end of life on 2026-10-31/);
	});
	it('Debian LTS is a warning naming who supports it until when, never "no more security fixes"', () => {
		const all = lifecycleOf('FROM debian:bookworm\n');
		assert.deepEqual(all.map(f => [f.code, f.severity]), [['PL102', 'warning']]);
		assert.match(all[0].message, /security fixes continue from the Debian LTS team .* until 2028-06-30/);
		assert.doesNotMatch(all[0].message, /no more security fixes/);
	});
	it('Ubuntu ESM names the subscription it needs', () => {
		const [f] = lifecycleOf('FROM ubuntu:20.04\n').filter(x => x.code === 'PL102');
		assert.match(f.message, /Ubuntu Pro subscription/);
	});
	it('end of life is an error, past extended support too', () => {
		const [f] = lifecycleOf('FROM debian:bookworm\n', { now: new Date('2028-07-01T00:00:00Z') });
		assert.deepEqual([f.code, f.severity], ['PL101', 'error']);
		assert.match(f.message, /extended support ended 2028-06-30\): `debian:bookworm` gets no more security fixes/);
	});
});

describe('a finding never proposes a move that does not settle it', () => {
	it('an end-of-life line with no supported successor: PL101 names no tag, the patch is said to settle PL103 only', () => {
		const later = { now: new Date('2033-01-01T00:00:00Z') };
		const all = findings('FROM python:3.12.1-slim\n', later);
		const pl101 = all.find(f => f.code === 'PL101')!;
		assert.doesNotMatch(pl101.message, /Move to `python:3\.12\.14-slim`/);
		assert.match(pl101.message, /`python:3\.12\.14-slim` settles PL103 only/);
		assert.match(pl101.fixes![0].title, /— settles PL103; still PL101$/);
	});
});

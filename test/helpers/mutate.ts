// Seeded mutations of real Dockerfiles (truncations, noise, binary, huge lines, line-ending and
// escape-directive changes) for the fuzz and equivalence tests.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { seededRandom } from '../../startup/src/random';

/** Seeded choices for mutations (mulberry32): deterministic per seed. */
export function prng(seed: number) {
	const next = seededRandom(seed);
	const int = (n: number) => Math.floor(next() * n);
	return { next, int, pick: <T>(items: readonly T[]): T => items[int(items.length)], chance: (p: number) => next() < p };
}
export type Rng = ReturnType<typeof prng>;

const EXAMPLES = readdirSync(path.join(__dirname, '../../examples')).map(d => readFileSync(path.join(__dirname, '../../examples', d, 'Dockerfile'), 'utf8'));
const SNIPPETS = [
	'# syntax=docker/dockerfile:1\n# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir `\n  c:\\\n',
	'ARG BASE=debian\nARG TAG\nFROM ${BASE}:${TAG:-12}-slim AS b\nFROM $BASE@sha256:' + 'a'.repeat(64) + '\n',
	'FROM alpine:3.20\nRUN <<EOF bash\nset -e\napk add curl\nEOF\nCOPY <<-EOT /x\n\tline\n\tEOT\n',
	'FROM node:20 AS a\nFROM a AS b\nCOPY --from=a --from=b /x /y\nFROM b\nCOPY --from=0 / /\n',
	'# hadolint ignore=DL3006,DL3007 # why\nFROM ubuntu:latest\n# hadolint global ignore=DL3008\n# patchlens ignore=PL101\nFROM debian\n',
	'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl \\\n    && rm -rf /var/lib/apt/lists/*\nRUN pip install -r requirements.txt\nRUN npm install -g yarn\n',
	'ONBUILD RUN make\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\nSHELL ["/bin/bash", "-c"]\nCMD ["a", "b"\nENTRYPOINT [\n',
	'FROM\nFROM :\nFROM @\nFROM a:b:c@d\nFROM ../x\nFROM ${\nFROM $\nFROM "quoted"\n',
];
export const CORPUS = [...EXAMPLES, ...SNIPPETS];
const INSTRUCTIONS = ['FROM', 'RUN', 'COPY', 'ADD', 'ENV', 'ARG', 'LABEL', 'USER', 'WORKDIR', 'CMD', 'ENTRYPOINT', 'ONBUILD', 'HEALTHCHECK', 'SHELL', 'EXPOSE', 'VOLUME', 'STOPSIGNAL', 'MAINTAINER', 'FRUM', 'RUNN', 'INCLUDE+', '\u00c9TAPE'];
export const NOISE = ['\\', '"', "'", '`', '${', '}', '$(', '[', ']', '{', '<<EOF', '\r', '\r\n', '\n', '\t', '#', '=', ':', '@', '--from=', '&&', '|', ';', '\u0000', '\ufffd', '\ud800', '\udc00', '\u202e', '\ufeff', '\u2028', 'sha256:', 'latest', 'apt-get install', 'pip install', 'npm i'];

export function mutate(rng: Rng, text: string): string {
	const ops = 1 + rng.int(4);
	for (let i = 0; i < ops; i++) text = rng.pick(MUTATIONS)(rng, text);
	return text;
}

const at = (rng: Rng, text: string) => rng.int(text.length + 1);
const MUTATIONS: ((rng: Rng, text: string) => string)[] = [
	(rng, t) => t.slice(0, at(rng, t)),
	(rng, t) => { const i = at(rng, t); return t.slice(0, i) + rng.pick(NOISE) + t.slice(i); },
	(rng, t) => { const i = at(rng, t); return t.slice(0, i) + t.slice(i + rng.int(40)); },
	(rng, t) => { const i = at(rng, t); return t.slice(0, i) + Array.from({ length: 1 + rng.int(200) }, () => String.fromCharCode(rng.int(0x10000))).join('') + t.slice(i); },
	// Long runs; now and then a 100 kB line (dockerfile-ast needs ~1 s for one full of words).
	(rng, t) => { const i = at(rng, t); const unit = rng.pick(['x', 'a b ', '\\\n', '"']); return t.slice(0, i) + unit.repeat(rng.chance(0.05) ? 100_000 / unit.length : 1 + rng.int(2000)) + t.slice(i); },
	(rng, t) => `${t}\n${rng.pick(INSTRUCTIONS)} ${rng.pick(NOISE)}${rng.pick(NOISE)}\n`,
	(rng, t) => { const other = rng.pick(CORPUS); const i = at(rng, t); const j = rng.int(other.length + 1); return t.slice(0, i) + other.slice(j, j + rng.int(400)) + t.slice(i); },
	(rng, t) => { const lines = t.split('\n'); const i = rng.int(lines.length); lines.splice(i, 0, ...lines.slice(i, i + 1 + rng.int(3))); return lines.join('\n'); },
	(rng, t) => t.split('\n').map(l => (rng.chance(0.3) ? l + ' \\' : l)).join('\n'),
	(rng, t) => t.replace(/\b(FROM|RUN|COPY)\b/g, k => (rng.chance(0.5) ? k.toLowerCase() : k)),
	(rng, t) => (rng.chance(0.5) ? t.replace(/\n/g, '\r\n') : t.replace(/\n/g, '\r')),
	(_rng, t) => t.split('\n').reverse().join('\n'),
	(rng, t) => `${rng.pick(['# escape=`\n', '# escape=\\\n', '# syntax=x\n', '\ufeff', ''])}${t}`,
	(_rng, t) => Buffer.from(t, 'utf8').toString('latin1'),
];

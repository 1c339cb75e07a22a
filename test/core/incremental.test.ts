// Analyses reuse work from earlier ones (instruction splits, RUN parses; see clearAnalysisCaches).
// After any sequence of edits, an analysis must report exactly what a first, cold analysis of the
// same text reports: same findings, ranges, messages and fixes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateDockerfile } from '../../bench/generateDockerfile';
import { analyze, clearAnalysisCaches } from '../../server/src/core/analyze';
import type { AnalysisOptions } from '../../server/src/core/options';
import { NOW } from '../helpers/analyze';
import { CORPUS, mutate, prng, type Rng } from '../helpers/mutate';

// reuse: as in the language server, which is what keeps work across analyses.
const OPTIONS: Partial<AnalysisOptions> = { offline: true, now: NOW, reuse: true };

function assertSameAsCold(text: string, label: string, options = OPTIONS): void {
	const warm = analyze(text, options).findings;
	clearAnalysisCaches();
	const cold = analyze(text, options).findings;
	assert.deepEqual(warm, cold, `${label}: the re-analysis differs from a cold one`);
	// Warm again from the cold run's entries: the next edit starts from a realistic cache.
}

/** Edits a user makes: typing, deleting, new lines, changed variables, SHELL and escape changes. */
const EDITS: ((rng: Rng, lines: string[]) => void)[] = [
	(rng, l) => { const i = rng.int(l.length); const at = rng.int(l[i].length + 1); l[i] = l[i].slice(0, at) + rng.pick([' ', 'x', '#', '\\', '"', '$', '-y ', '&& ']) + l[i].slice(at); },
	(rng, l) => { const i = rng.int(l.length); const at = rng.int(l[i].length + 1); l[i] = l[i].slice(0, at) + l[i].slice(at + 1 + rng.int(4)); },
	(rng, l) => { l.splice(rng.int(l.length + 1), 0, rng.pick(['', 'RUN apt-get install curl', 'ENV APP_HOME=/opt/other', 'ARG APP_VERSION=2.0.0', 'SHELL ["/bin/bash", "-eo", "pipefail", "-c"]', 'SHELL ["pwsh", "-c"]', '# hadolint ignore=DL3008', 'RUN <<EOF\napt-get install -y jq\nEOF'])); },
	(rng, l) => { l.splice(rng.int(l.length), 1 + rng.int(2)); },
	(rng, l) => { const i = rng.int(l.length); l[i] = l[i].replace(/APP_VERSION|APP_HOME|PATH/, m => `${m}_X`); },
	(_rng, l) => { if (l[0]?.startsWith('# escape=')) l.shift(); else l.unshift('# escape=`'); },
];

function editSession(text: string, seed: number, steps: number, label: string): void {
	const rng = prng(seed);
	clearAnalysisCaches();
	analyze(text, OPTIONS);
	const lines = text.split('\n');
	for (let step = 0; step < steps; step++) {
		rng.pick(EDITS)(rng, lines);
		assertSameAsCold(lines.join('\n'), `${label}, edit ${step + 1} (seed ${seed})`);
	}
}

describe('re-analysis after edits', () => {
	it('matches a cold analysis after 60 edits of a generated 600-line Dockerfile', () => {
		editSession(generateDockerfile(600, 5), 11, 60, 'generated');
	});

	it('matches a cold analysis after edits of every example and corpus file', () => {
		for (const [i, text] of CORPUS.entries()) editSession(text, 100 + i, 12, `corpus #${i}`);
	});

	it('matches a cold analysis on mutated files analysed one after another', t => {
		const seed = Number(process.env.PATCHLENS_FUZZ_SEED ?? Date.now() % 2 ** 31);
		t.diagnostic(`seed ${seed}`);
		const rng = prng(seed);
		clearAnalysisCaches();
		for (let i = 0; i < 1500; i++) {
			const text = mutate(rng, rng.pick(CORPUS));
			if (text.length > 60_000) continue;
			assertSameAsCold(text, `mutated #${i} (seed ${seed})`);
		}
	});

	it('re-checks the variables a cached RUN used: a changed ARG default changes its findings', () => {
		const before = 'FROM debian:12.8\nARG PKGS="curl=8.5.0-2"\nRUN apt-get update && apt-get install -y --no-install-recommends $PKGS && rm -rf /var/lib/apt/lists/*\n';
		const after = before.replace('curl=8.5.0-2', 'curl');
		clearAnalysisCaches();
		assert.equal(analyze(before, OPTIONS).findings.filter(f => f.code === 'DL3008').length, 0);
		assert.equal(analyze(after, OPTIONS).findings.filter(f => f.code === 'DL3008').length, 1, 'the unpinned package is seen through the changed ARG');
		assertSameAsCold(after, 'after the ARG change');
	});

	it('moves the ranges of a cached RUN when lines are inserted above it', () => {
		const text = 'FROM debian:12.8\nRUN apt-get update && apt-get install -y curl\n';
		clearAnalysisCaches();
		const first = analyze(text, OPTIONS).findings.find(f => f.code === 'DL3008')!;
		const moved = analyze(`# a comment\n${text.replace('FROM', 'FROM  ')}`, OPTIONS).findings.find(f => f.code === 'DL3008')!;
		assert.equal(moved.range.start.line, first.range.start.line + 1);
		assert.equal(moved.range.start.character, first.range.start.character);
	});
});

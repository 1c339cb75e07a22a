// Fix-all convergence over mutated Dockerfiles (issue 17): N seeded inputs (default 10,000) from the
// fuzz corpus through `applyFixes`; counts inputs fix-all changed, inputs that did not converge (a
// second run still changed them) and inputs that lost a command. Exit 1 when any promise broke.
//   npm run fuzz:fix [-- --cases 10000 --seed 1]
import { analyze } from '../server/src/core/analyze';
import { checkFixAll } from '../test/helpers/fixProperties';
import { CORPUS, mutate, prng } from '../test/helpers/mutate';

const arg = (name: string, fallback: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const CASES = Number(arg('--cases', '10000'));
const SEED = Number(arg('--seed', '1'));
const NOW = new Date('2026-11-27T00:00:00Z');

const rng = prng(SEED);
let changed = 0;
const failures: { n: number; text: string; problems: string[] }[] = [];
const started = Date.now();
for (let n = 0; n < CASES; n++) {
	const text = mutate(rng, rng.pick(CORPUS));
	const verdict = checkFixAll(text, t => analyze(t, { now: NOW, offline: true }));
	if (verdict.changed) changed++;
	if (verdict.problems.length) failures.push({ n, text, problems: verdict.problems });
}
const notConverged = failures.filter(f => f.problems.some(p => p.startsWith('not converged'))).length;
const lostCommands = failures.filter(f => f.problems.some(p => p.startsWith('lost commands'))).length;
for (const f of failures.slice(0, 5)) console.log(`case ${f.n}: ${f.problems.join('; ')}\n  ${JSON.stringify(f.text.slice(0, 300))}`);
console.log(`${CASES} inputs (seed ${SEED}): fix-all changed ${changed}, non-converging ${notConverged}, lost a command ${lostCommands}, in ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(JSON.stringify({ cases: CASES, seed: SEED, changed, notConverged, lostCommands }));
process.exitCode = failures.length ? 1 : 0;

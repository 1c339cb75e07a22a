// server/src/core/astCache.ts memoizes dockerfile-ast's getters on its own classes. It must not
// change a single answer: every getter of every instruction, called twice and in an order that
// includes dockerfile-ast's range-moving getImageNameRange(), must give what a pristine copy of
// dockerfile-ast gives, on the examples, the lint benchmark's generated files and mutated ones.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as patched from 'dockerfile-ast';
import { generateDockerfile } from '../../bench/generateDockerfile';
import { withAnalysisReuse } from '../../server/src/core/reuse';
import { PATCHED } from '../../server/src/core/astCache';
import { parseDockerfile } from '../../server/src/core/parse';
import { CORPUS, mutate, prng } from '../helpers/mutate';

/** A second dockerfile-ast module instance, loaded after dropping the cached one: unpatched classes. */
function loadPristine(): typeof patched {
	const saved = new Map<string, NodeJS.Module>();
	for (const id of Object.keys(require.cache)) {
		if (/[\\/]node_modules[\\/]dockerfile-ast[\\/]/.test(id)) {
			saved.set(id, require.cache[id]!);
			delete require.cache[id];
		}
	}
	try {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		return require('dockerfile-ast') as typeof patched;
	} finally {
		for (const [id, module] of saved) require.cache[id] = module;
	}
}

const pristine = loadPristine();

// As in the language server, which is what keeps work across analyses (an option of each analysis;
// these tests parse directly, inside the scope analyze() sets for its steps).
let reuse = true;

/** Getters asked of every line, in this order (getImageNameRange first: it moves the range it is given). */
const GETTERS = [
	'getImageNameRange', 'getKeyword', 'getInstruction', 'getRange', 'getInstructionRange', 'getTextContent',
	'getRawArguments', 'getArguments', 'getArgumentsContent', 'getRawArgumentsContent', 'getArgumentsRange',
	'getArgumentsRanges', 'getVariables', 'getFlags', 'getExpandedArguments', 'getProperties', 'getPropertyArguments',
	'getProperty', 'getImage', 'getImageName', 'getImageTag', 'getImageDigest', 'getImageRange', 'getImageTagRange',
	'getImageDigestRange', 'getRegistry', 'getRegistryRange', 'getBuildStage', 'getBuildStageRange', 'getPlatformFlag',
	'getHeredocs', 'getJSONStrings', 'getClosingBracket', 'getOpeningBracket', 'getTrigger', 'getTriggerInstruction',
	'getSubcommand', 'toString',
];

/** Plain data of an answer: no document/dockerfile back-references, no symbol-keyed caches. */
function plain(value: unknown): string {
	return JSON.stringify(value, (key, v: unknown) => (key === 'document' || key === 'dockerfile' ? undefined : v)) ?? 'undefined';
}

function transcript(ast: typeof patched, text: string): string[] {
	const out: string[] = [];
	const dockerfile = ast.DockerfileParser.parse(text);
	const lines = [...dockerfile.getInstructions(), ...dockerfile.getComments(), ...dockerfile.getDirectives()];
	for (const [index, line] of lines.entries()) {
		const target = line as unknown as Record<string, unknown>;
		for (const round of [1, 2]) {
			for (const name of GETTERS) {
				const method = target[name];
				if (typeof method !== 'function' || method.length !== 0) continue;
				let answer: string;
				try {
					answer = plain((method as () => unknown).call(line));
				} catch (error) {
					answer = `throws ${(error as Error).message}`;
				}
				out.push(`${index} ${round} ${name} ${answer}`);
			}
		}
	}
	return out;
}

function assertSame(text: string, label: string): void {
	const want = transcript(pristine, text);
	const got = withAnalysisReuse(reuse, () => transcript(patched, text));
	for (let i = 0; i < Math.max(want.length, got.length); i++) {
		if (want[i] !== got[i]) assert.fail(`${label}: first difference at answer ${i}\n  pristine: ${want[i]}\n  patched:  ${got[i]}`);
	}
}

describe('dockerfile-ast getter cache', () => {
	it('is installed on the module the analysis uses, and the comparison copy is a different, unpatched one', () => {
		parseDockerfile('FROM alpine\n');
		assert.equal((patched.Instruction.prototype as unknown as Record<symbol, unknown>)[PATCHED], true);
		assert.notEqual(pristine.Instruction, patched.Instruction);
		assert.equal((pristine.Instruction.prototype as unknown as Record<symbol, unknown>)[PATCHED], undefined);
	});

	it('answers every getter exactly as dockerfile-ast does, on the corpus and generated files, with and without reuse across parses', () => {
		for (const on of [false, true]) {
			reuse = on;
			for (const [i, text] of CORPUS.entries()) assertSame(text, `corpus #${i}, reuse ${on}`);
			for (const lines of [20, 200, 2000]) assertSame(generateDockerfile(lines, lines), `generated ${lines} lines, reuse ${on}`);
		}
	});

	it('answers every getter exactly as dockerfile-ast does, on 1,500 mutated files', t => {
		const seed = Number(process.env.PATCHLENS_FUZZ_SEED ?? Date.now() % 2 ** 31);
		t.diagnostic(`seed ${seed}`);
		const rng = prng(seed);
		for (let i = 0; i < 1500; i++) {
			const text = mutate(rng, rng.pick(CORPUS));
			if (text.length > 60_000) continue; // the 100 kB-line mutations cost seconds each, and add nothing here
			assertSame(text, `mutated #${i} (seed ${seed})`);
		}
	});

	it('hands out copies: changing an answer does not change the next one', () => {
		const from = patched.DockerfileParser.parse('FROM --platform=linux/amd64 registry.example:5000/team/app:1.2 AS build\n').getInstructions()[0] as patched.From;
		from.getImageRange()!.start.character = 99;
		from.getArguments().shift();
		from.getFlags().length = 0;
		assert.equal(from.getImageRange()!.start.character, 28);
		assert.equal(from.getArguments()[0].getValue(), 'registry.example:5000/team/app:1.2');
		assert.equal(from.getFlags()[0].getName(), 'platform');
		assert.equal(from.getImageName(), 'team/app');
	});
});

describe('dockerfile-ast splits kept across parses', () => {
	// Backslashes inside single lines: the same text splits differently under `# escape=\``.
	const base = `${generateDockerfile(300, 11)}RUN echo a\\ b c\\\\d "x\\"y" \\\tz\nCOPY a\\ b /dst/\n`;
	const lines = base.split('\n');
	const edits: [string, string][] = [
		['a character typed inside a RUN line', lines.map((l, i) => (i === 40 ? `${l} x` : l)).join('\n')],
		['a character typed at the start of a line', lines.map((l, i) => (i === 60 ? `#${l}` : l)).join('\n')],
		['a line inserted (later instructions move down)', [...lines.slice(0, 30), 'RUN echo inserted', ...lines.slice(30)].join('\n')],
		['a line removed', [...lines.slice(0, 30), ...lines.slice(31)].join('\n')],
		['a continuation broken', lines.map((l, i) => (i > 20 && l.endsWith('\\') ? l.slice(0, -1) : l)).join('\n')],
		['the escape character changed', `# escape=\`\n${base.replace(/\\$/gm, '`')}`],
		['only the escape directive changed, every line in place', base.replace(/^# syntax=.*$/m, '# escape=`')],
		['CRLF line endings', base.replace(/\n/g, '\r\n')],
	];
	it('answer after each edit as a fresh parse of the edited text would', () => {
		assertSame(base, 'before the edits');
		for (const [label, text] of edits) {
			assertSame(text, label);
			assertSame(base, `${label}, then undone`);
		}
	});
});

describe('dockerfile-ast splits kept across parses: memory', () => {
	it('do not keep the documents they came from alive', () => {
		setFlagsFromString('--expose-gc');
		const gc = runInNewContext('gc') as () => void;
		const heap = () => {
			gc();
			gc();
			return process.memoryUsage().heapUsed;
		};
		// Few instructions, a 2 MB comment each: a cached value or key that is a view into its
		// document (V8 substrings of 13+ characters are) would keep all 2 MB alive.
		const document = (i: number) => `FROM alpine:3.20\n# ${'x'.repeat(2_000_000)}\nRUN apk add --no-cache curl-package-${i} jq-package-${i}\nENV LONG_VARIABLE_${i}=a-rather-long-value-${i} OTHER=another-long-value-${i}\nLABEL org.opencontainers.image.title="title number ${i}"\n`;
		parseDockerfile(document(-1));
		const before = heap();
		for (let i = 0; i < 25; i++) {
			withAnalysisReuse(true, () => {
				const parsed = parseDockerfile(document(i));
				for (const instruction of parsed.dockerfile.getInstructions()) instruction.getArguments();
			});
		}
		const grown = (heap() - before) / 1e6;
		assert.ok(grown < 10, `25 parsed 2 MB documents left ${grown.toFixed(1)} MB behind (one would be 2 MB)`);
	});
});

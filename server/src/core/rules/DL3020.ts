import type { JSONInstruction, ModifiableInstruction } from 'dockerfile-ast';
import { defineRule } from './rule';

// hadolint's archive extensions: ADD unpacks these, which COPY cannot do.
const ARCHIVES = ['.tar', '.Z', '.bz2', '.gz', '.lz', '.lzma', '.tZ', '.tb2', '.tbz', '.tbz2', '.tgz', '.tlz', '.tpz', '.txz', '.xz'];
/** Flags COPY understands too; others (`--checksum`, `--keep-git-dir`, `--unpack`) only make sense for ADD. */
const COPY_FLAGS = new Set(['chown', 'chmod', 'link', 'exclude']);

const dropQuotes = (s: string) => s.replace(/^["']+|["']+$/g, '');
const isArchive = (s: string) => ARCHIVES.some(ext => dropQuotes(s).endsWith(ext));
const isRemote = (s: string) => /^(https?:\/\/|git@)/.test(dropQuotes(s)) || dropQuotes(s).endsWith('.git');

export default defineRule({
	code: 'DL3020',
	name: 'copy-not-add',
	severity: 'error',
	title: 'Use COPY instead of ADD for files and folders',
	rationale: 'ADD also fetches URLs and unpacks archives; for plain files that magic only surprises (a `.tar` that gets unpacked, a cache key that changes). COPY says what it does.',
	*check(ctx) {
		for (const instruction of ctx.dockerfile.getInstructions()) {
			if (instruction.getKeyword() !== 'ADD') continue;
			const add = instruction as JSONInstruction;
			const json = add.getJSONStrings();
			const args = json.length ? json.map(j => j.getValue()) : add.getArguments().map(a => a.getValue());
			const sources = args.slice(0, -1);
			if (!sources.length || sources.some(s => s.startsWith('<<')) || sources.every(s => isArchive(s) || isRemote(s))) continue;
			const keyword = add.getInstructionRange();
			const safe = (add as ModifiableInstruction).getFlags().every(f => COPY_FLAGS.has(f.getName()));
			const copy = add.getInstruction() === 'add' ? 'copy' : 'COPY';
			yield {
				range: keyword,
				message: 'Use COPY instead of ADD for files and folders.',
				fixes: safe ? [{ title: 'Replace ADD with COPY', edits: [{ range: keyword, newText: copy }], isPreferred: true }] : undefined,
			};
		}
	},
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertCatches, assertCatchesNot } from '../helpers/analyze';
import { assertFix, assertNoFix } from '../helpers/fix';

describe('DL3059 consecutive RUNs', () => {
	it('fires on short consecutive RUNs, comments in between or not', () => {
		assertCatches('DL3059', 'FROM debian:12\nRUN apt-get update\n# then\nRUN apt-get install -y curl\nRUN echo done\n', [4, 5]);
	});
	it('hadolint parity: a RUN that already chains two commands is deliberate, on either side', () => {
		// The cases of hadolint's test/Hadolint/Rule/DL3059Spec.hs, inside a stage.
		for (const pair of ['RUN foo && bar\nRUN foobar', 'RUN foo; bar\nRUN foobar', 'RUN foobar\nRUN foo && bar', 'RUN foobar\nRUN foo; bar', 'RUN foo && bar\nRUN foo; bar']) {
			assertCatchesNot('DL3059', `FROM debian:12\n${pair}\n`);
		}
		assertCatches('DL3059', 'FROM debian:12\nRUN foo && bar\nRUN foo\nRUN bar\n', [4]);
		assertCatches('DL3059', 'FROM debian:12\nRUN --mount=type=secret,id=foo /foo.sh\nRUN --mount=type=secret,id=foo /bar.sh\n', [3]);
		assertCatchesNot('DL3059', 'FROM debian:12\nRUN --mount=type=secret,id=foo /foo.sh\nRUN --mount=type=secret,id=bar /bar.sh\n');
		// A real-world shape: update+install chained, then a one-command RUN.
		assertCatchesNot('DL3059', 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12 && rm -rf /var/lib/apt/lists/*\nRUN useradd -m app\n');
	});
	it('does not fire across other instructions, different mounts, or after long chains', () => {
		assertCatchesNot('DL3059', 'FROM debian:12\nRUN a\nWORKDIR /x\nRUN b\n');
		assertCatchesNot('DL3059', 'FROM debian:12\nRUN a\nRUN --mount=type=cache,target=/root/.cache b\n');
		assertCatchesNot('DL3059', 'FROM debian:12\nRUN a && b && c\nRUN d\n');
		assertCatchesNot('DL3059', 'FROM debian:12 AS a\nRUN a\nFROM debian:12\nRUN b\n');
	});
	it('merges into the previous RUN keeping every command and comment', () => {
		assertFix('DL3059', 'FROM debian:12\nRUN apt-get update\n# then\nRUN apt-get install -y curl\n', {
			mergedRuns: 1,
			expected: 'FROM debian:12\nRUN apt-get update && \\\n# then\n    apt-get install -y curl\n',
		});
		assertFix('DL3059', 'FROM debian:12\nRUN --mount=type=cache,target=/c a\nRUN --mount=type=cache,target=/c b\n', {
			mergedRuns: 1,
			expected: 'FROM debian:12\nRUN --mount=type=cache,target=/c a && \\\n    b\n',
		});
	});
	it('merges the third of three into the second, not the first', () => {
		const text = 'FROM debian:12\nRUN a\nRUN b\nRUN c\n';
		assertFix('DL3059', text, { index: 1, mergedRuns: 1, expected: 'FROM debian:12\nRUN a\nRUN b && \\\n    c\n' });
	});
	it('offers no merge that would change behaviour', () => {
		assertNoFix('DL3059', 'FROM debian:12\nRUN cd /tmp\nRUN make\n');
		assertNoFix('DL3059', 'FROM debian:12\nRUN export A=1\nRUN echo $A\n');
		// A chain of two or more commands does not fire at all (hadolint's DL3059 spec).
		assertCatchesNot('DL3059', 'FROM debian:12\nRUN a\nRUN b; c\n');
		assertCatchesNot('DL3059', 'FROM debian:12\nRUN a\nRUN b || true\n');
		assertNoFix('DL3059', 'FROM debian:12\nRUN a # note\nRUN b\n');
		assertNoFix('DL3059', 'FROM debian:12\nRUN a\n\nRUN b\n');
		assertNoFix('DL3059', 'FROM debian:12\nRUN ["a"]\nRUN b\n');
		assertNoFix('DL3059', 'FROM debian:12\nRUN a\nRUN <<EOF\nb\nEOF\n');
		assertNoFix('DL3059', `FROM debian:12\nRUN sh -c 'a'\nRUN b\n`);
	});
	it('uses the escape character of the file', () => {
		const fixed = assertFix('DL3059', '# escape=`\nFROM debian:12\nRUN a\nRUN b\n', { mergedRuns: 1 });
		assert.equal(fixed, '# escape=`\nFROM debian:12\nRUN a && `\n    b\n');
	});
});

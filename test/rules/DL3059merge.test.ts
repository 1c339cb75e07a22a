// DL3059's merge fix (issue 17 item 5): never across a pragma, never after a command that changes
// the shell's state for the next one. The cases use single-command RUNs, which DL3059 reports.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { applyFixes } from '../../server/src/core/fix/applyFixes';
import { SHELL_STATE_BUILTINS } from '../../server/src/core/shell/shellState';
import { NOW } from '../helpers/analyze';
import { assertFix, assertNoFix } from '../helpers/fix';

describe('DL3059 merge safety', () => {
	it('never moves a hadolint pragma off its instruction, so the warning it silences stays silent', () => {
		const text = 'FROM debian:12\nRUN echo start\n# hadolint ignore=DL3008\nRUN apt-get install -y curl\n';
		assertNoFix('DL3059', text);
		const analyzeText = (t: string) => analyze(t, { now: NOW, offline: true }).findings;
		const fixed = applyFixes(text, analyzeText).text;
		assert.ok(!analyzeText(fixed).some(f => f.code === 'DL3008'), fixed);
	});

	it('never merges across or under any pragma comment', () => {
		assertNoFix('DL3059', 'FROM debian:12\nRUN a\n# patchlens ignore=PL201\nRUN b\n');
		assertNoFix('DL3059', 'FROM debian:12\nRUN a\n# a note\n# hadolint global ignore=DL3015\nRUN b\n');
		// A pragma above the first RUN would come to cover the second's commands too.
		assertNoFix('DL3059', 'FROM debian:12\n# hadolint ignore=DL3008\nRUN apt-get install -y curl\nRUN b\n');
		assertNoFix('DL3059', 'FROM debian:12\n# patchlens ignore=PL201\n# why\nRUN a\nRUN b\n');
		// Plain comments still merge.
		assertFix('DL3059', 'FROM debian:12\n# why\nRUN a\n# then\nRUN b\n', { mergedRuns: 1 });
	});

	it('treats every builtin that changes the shell as a barrier, wrapped or not', () => {
		const firsts = ['eval cd /tmp', 'builtin cd /tmp', 'command cd /tmp', 'declare -x A=1', 'typeset -x A=1', 'readonly A=1', 'local A=1',
			'ulimit -n 1024', 'umask 077', 'exec >/tmp/log', 'exec sh', 'set -e', 'shopt -s globstar', 'alias ll=ls', 'trap "rm x" EXIT',
			'source /etc/profile', '. /etc/profile', 'A=1', 'let A=1', 'read A </etc/hostname', 'printf -v A %s 1', 'hash -r', 'pushd /tmp'];
		for (const first of firsts) assertNoFix('DL3059', `FROM debian:12\nRUN ${first}\nRUN make\n`);
		assertFix('DL3059', 'FROM debian:12\nRUN printf %s 1\nRUN make\n', { mergedRuns: 1 });
	});

	it('keeps one documented list', () => {
		for (const name of ['cd', 'pushd', 'popd', 'export', 'unset', 'set', 'shopt', 'source', '.', 'eval', 'builtin', 'declare', 'typeset', 'readonly', 'local', 'ulimit', 'umask', 'alias', 'trap', 'exec']) {
			assert.ok(SHELL_STATE_BUILTINS.has(name), name);
		}
	});
});

describe('DL3059 merge of a RUN that does not end cleanly', () => {
	it('offers no merge when an unterminated quote, backtick or ${ in the first RUN would swallow the second', () => {
		for (const first of ['echo "a', "echo 'a", 'echo `a', 'echo ${a', 'echo $(a']) {
			assertNoFix('DL3059', `FROM debian:12\nRUN ${first}\nRUN make\n`);
		}
	});
});

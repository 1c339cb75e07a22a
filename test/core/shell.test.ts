import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { hasFlag, operands, packagesOf, APT, countFlag } from '../../server/src/core/shell/args';
import { parseScript } from '../../server/src/core/shell/commands';
import { runsOf, type RunScript } from '../../server/src/core/shell/run';
import { PathIndex, removes, resolvePath } from '../../server/src/core/shell/paths';
import { NOW } from '../helpers/analyze';

function scripts(text: string, buildArgs: Record<string, string> = {}): RunScript[] {
	const { parsed } = analyze(text, { now: NOW, offline: true }, []);
	return runsOf({ ...parsed, options: { ...defaults, buildArgs } });
}
const defaults = { now: NOW, ignored: [], severityOverrides: {}, offline: true, buildArgs: {}, trustedRegistries: [], enabledOptionalRules: [], eolWarningDays: 90 };

/** `op name args…` per command of the first RUN. */
function shape(text: string, buildArgs?: Record<string, string>): string[] {
	return scripts(text, buildArgs)[0].commands.map(c => `${c.before ?? '^'} ${[c.name, ...c.args.map(a => a.value)].join(' ')}`);
}

describe('shell: commands of a RUN', () => {
	it('splits on && || ; | and keeps the operators', () => {
		assert.deepEqual(shape('FROM a\nRUN apt-get update && apt-get install -y x || true; echo a | tee b\n'),
			['^ apt-get update', '&& apt-get install -y x', '|| true', '; echo a', '| tee b']);
	});
	it('joins line continuations and drops comment lines inside them, with exact offsets', () => {
		const text = 'FROM a\nRUN apt-get update \\\n  # a comment && rm -rf /\n  && apt-get install \\\n     curl\n';
		const [script] = scripts(text);
		assert.deepEqual(script.commands.map(c => c.name), ['apt-get', 'apt-get']);
		const curl = script.commands[1].args[1];
		assert.equal(curl.value, 'curl');
		assert.equal(text.slice(curl.start, curl.end), 'curl');
		assert.ok(curl.exact);
	});
	it('honours the escape parser directive', () => {
		assert.deepEqual(shape('# escape=`\nFROM a\nRUN apt-get update `\n  && apt-get install x\n'), ['^ apt-get update', '&& apt-get install x']);
	});
	it('removes quotes, keeps quoted operators as words and reads comments', () => {
		assert.deepEqual(shape(`FROM a\nRUN echo "a && b" 'c;d' e\\ f # && rm -rf /\n`), ['^ echo a && b c;d e f']);
	});
	it('skips wrappers, assignments and shell keywords', () => {
		assert.deepEqual(shape('FROM a\nRUN DEBIAN_FRONTEND=noninteractive sudo -E env A=1 apt-get install x && if [ -f y ]; then make; fi\n'),
			['^ apt-get install x', '&& [ -f y ]', '; make']);
	});
	it('parses the script of sh -c and bash -ec, mapping words into the quoted text', () => {
		const text = `FROM a\nRUN bash -ec 'apt-get update && apt-get install -y x' && echo done\n`;
		const [script] = scripts(text);
		assert.deepEqual(script.commands.map(c => `${c.origin}:${c.name}`), ['sh-c:apt-get', 'sh-c:apt-get', 'top:echo']);
		const x = script.commands[1].args[2];
		assert.equal(text.slice(x.start, x.end), 'x');
	});
	it('reads exec form: a plain argv, or the script of ["sh", "-c", …]', () => {
		assert.deepEqual(shape('FROM a\nRUN ["apt-get", "install", "x"]\n'), ['^ apt-get install x']);
		const [script] = scripts('FROM a\nRUN ["/bin/sh", "-c", "apt-get update && pip install flask"]\n');
		assert.equal(script.form, 'exec');
		assert.deepEqual(script.commands.map(c => c.name), ['apt-get', 'pip']);
	});
	it('runs heredoc scripts, but not heredocs that are data or another language', () => {
		const text = 'FROM a\nRUN <<EOF\nset -e\napt-get update\napt-get install -y x\nEOF\nRUN cat <<EOF > /etc/x.conf\napt-get install nope\nEOF\nRUN <<EOF\n#!/usr/bin/env python3\nimport os\nEOF\nRUN bash <<-EOS\n\tpip install y\n\tEOS\n';
		const [a, b, c, d] = scripts(text);
		assert.equal(a.form, 'heredoc');
		assert.deepEqual(a.commands.map(x => x.name), ['set', 'apt-get', 'apt-get']);
		assert.ok(a.errexit);
		assert.deepEqual(b.commands.map(x => x.name), ['cat']);
		assert.deepEqual(c.commands, []);
		assert.deepEqual(d.commands.map(x => x.name), ['pip']);
	});
	it('expands ARG and ENV values the RUN can see, and leaves unknown ones dynamic', () => {
		const text = 'ARG V=1\nFROM a\nARG V\nARG PKGS="curl wget"\nENV FLAGS="-y --no-install-recommends"\nRUN apt-get install $FLAGS $PKGS x=${V} $UNKNOWN "${PKGS}"\n';
		const [script] = scripts(text);
		const args = script.commands[0].args;
		assert.deepEqual(args.map(a => a.value), ['install', '-y', '--no-install-recommends', 'curl', 'wget', 'x=1', '$UNKNOWN', 'curl wget']);
		assert.deepEqual(args.map(a => a.dynamic), [false, false, false, false, false, false, true, false]);
		assert.equal(scripts(text, { PKGS: 'jq' })[0].commands[0].args[3].value, 'jq');
	});
	it('does not see ARG values declared after the RUN or in another stage', () => {
		const text = 'FROM a AS one\nARG P=curl\nFROM a\nRUN apt-get install $P\nARG P=jq\n';
		assert.equal(scripts(text)[0].commands[0].args[1].dynamic, true);
	});
	it('records mounts, flags, and skips non-POSIX SHELLs', () => {
		const [a, b] = scripts('FROM a\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt-get update\nSHELL ["pwsh", "-c"]\nRUN Get-Item x\n');
		assert.deepEqual(a.mounts, [{ type: 'cache', target: '/var/cache/apt' }]);
		assert.equal(b.form, 'opaque');
	});
	it('knows set -e and SHELL -e', () => {
		assert.equal(scripts('FROM a\nRUN set -eux; true\n')[0].errexit, true);
		assert.equal(scripts('FROM a\nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\nRUN true\n')[0].errexit, true);
		assert.equal(scripts('FROM a\nRUN true\n')[0].errexit, false);
	});
	it('keeps command substitutions inside one word and does not split inside them', () => {
		assert.deepEqual(shape('FROM a\nRUN echo "$(date && id)" `uname -a` && true\n'), ['^ echo $(date && id) `uname -a`', '&& true']);
	});
	it('tolerates unterminated quotes and heredocs', () => {
		assert.doesNotThrow(() => scripts('FROM a\nRUN echo "oops && true\nRUN <<EOF\napt-get update\n'));
	});
});

describe('shell: arguments', () => {
	const cmd = (s: string) => parseScript(s, 0, s.length, { dockerfile: false, lookup: () => undefined })[0];
	it('hasFlag finds long flags, short flags and short flags in clusters', () => {
		assert.ok(hasFlag(cmd('apt-get install -qy x'), '-y', '--yes'));
		assert.ok(hasFlag(cmd('apt-get install --yes x'), '-y', '--yes'));
		assert.ok(!hasFlag(cmd('apt-get install -o APT::Y=1 x'), '-y'));
		assert.equal(countFlag(cmd('apt-get -qq install x'), '-q'), 2);
	});
	it('packagesOf skips option values and the install verb', () => {
		assert.deepEqual(packagesOf(cmd('apt-get -o Dpkg::Options::=--force-confold install -t bookworm-backports -y curl jq=1.6'), APT).map(w => w.value), ['curl', 'jq=1.6']);
		assert.deepEqual(packagesOf(cmd('apt-get update'), APT), []);
		assert.deepEqual(operands(cmd('rm -rf -- -x y')).map(w => w.value), ['-x', 'y']);
	});
	it('paths resolve against WORKDIR and globs match what they remove', () => {
		assert.equal(resolvePath('/app', '../tmp/./x'), '/tmp/x');
		assert.equal(resolvePath(undefined, 'x'), undefined);
		assert.ok(removes('/app/tests', '/app'));
		assert.ok(removes('/tmp/*.tgz', '/tmp/x.tgz'));
		assert.ok(removes('/var/lib/apt/lists/*', '/var/lib/apt/lists'));
		assert.ok(!removes('/tmp/*.zip', '/tmp/x.tgz'));
		assert.ok(!removes('/opt/a', '/opt/ab'));
		assert.ok(removes('/tmp/x[0-9].tgz', '/tmp/x1.tgz'));
		assert.ok(removes('/tmp/[!a]*', '/tmp/b'));
		assert.doesNotThrow(() => removes('/app/[-rf', '/app'));
		assert.ok(removes('/app/[-rf', '/app'));
	});
	it('PathIndex finds exactly what a removal deletes', () => {
		const index = new PathIndex<{ path: string }>();
		const paths = ['/app', '/tmp/x.tgz', '/var/lib/apt/lists', '/opt/ab'].map(path => ({ path }));
		paths.forEach(p => index.add(p));
		const found = (r: string) => index.removedBy(r).map(p => p.path);
		assert.deepEqual(found('/app/tests'), ['/app']);
		assert.deepEqual(found('/tmp'), ['/tmp/x.tgz']);
		assert.deepEqual(found('/tmp/*.tgz'), ['/tmp/x.tgz']);
		assert.deepEqual(found('/var/lib/apt/lists/*'), ['/var/lib/apt/lists']);
		assert.deepEqual(found('/opt/a'), []);
		assert.deepEqual(found('/srv'), []);
	});
});

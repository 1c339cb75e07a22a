import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertCatches, assertCatchesNot } from '../helpers/analyze';
import { assertFix, assertNoFix } from '../helpers/fix';

describe('DL3009 delete apt lists', () => {
	it('fires on apt-get update without removing the lists in the same RUN', () => {
		assertCatches('DL3009', 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n', [2]);
		assertCatches('DL3009', 'FROM debian:12\nRUN apt update\nRUN rm -rf /var/lib/apt/lists/*\n', [2]);
	});
	it('does not fire when the lists are removed or cache-mounted', () => {
		assertCatchesNot('DL3009', 'FROM debian:12\nRUN apt-get update && apt-get install -y curl \\\n && rm -rf /var/lib/apt/lists/*\n');
		assertCatchesNot('DL3009', 'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y curl\n');
		assertCatchesNot('DL3009', 'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt --mount=type=cache,target=/var/cache/apt apt-get update\n');
	});
	it('accepts apt 3\'s `apt-get dist-clean` as the clean-up (issue 16: real trixie-based files)', () => {
		assertCatchesNot('DL3009', [
			'FROM debian:trixie-slim',
			'RUN set -eux; \\',
			'    apt-get update; \\',
			'    apt-get install -y --no-install-recommends ca-certificates curl; \\',
			'    apt-get dist-clean',
			'',
		].join('\n'));
	});
	it('reads cache mounts written after a comment line between the RUN\'s flags (issue 16)', () => {
		const text = [
			'FROM debian:trixie-slim',
			'RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\',
			'    # keep the package lists between builds too',
			'    --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \\',
			'    set -eux; \\',
			'    apt-get update; \\',
			'    apt-get install -y --no-install-recommends git',
			'',
		].join('\n');
		assertCatchesNot('DL3009', text);
		// The script after the flags is still read: the unpinned install is reported on its own line.
		assertCatches('DL3008', text, [7]);
	});
	it('only judges stages whose layers ship in the final image', () => {
		const text = 'FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\nFROM debian:12 AS base\nRUN apt-get update\nFROM base\nCOPY --from=build /out /out\n';
		assertCatches('DL3009', text, [4]);
	});
	it('sees heredoc scripts', () => {
		assertCatches('DL3009', 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n', [3]);
	});
	it('appends the clean-up to the same RUN', () => {
		assertFix('DL3009', 'FROM debian:12\nRUN apt-get update \\\n  && apt-get install -y curl\n', {
			expected: 'FROM debian:12\nRUN apt-get update \\\n  && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
		});
		assertFix('DL3009', 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n', {
			expected: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nrm -rf /var/lib/apt/lists/*\nEOF\n',
		});
	});
	it('offers no fix that would break the build: update-only RUNs, exec form, trailing comments', () => {
		assertNoFix('DL3009', 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n');
		assertNoFix('DL3009', 'FROM debian:12\nRUN ["sh", "-c", "apt-get update && apt-get install -y curl"]\n');
		const f = assertCatches('DL3009', 'FROM debian:12\nRUN apt-get update && apt-get install -y curl &\n', [2]);
		assert.equal(f[0].fixes, undefined);
	});
});

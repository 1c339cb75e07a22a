// A rule that throws, or registry lookups that throw, must never let a gate pass: an `internal`
// error finding in every format and exit 3, unless the user asked for no failure at all.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { runCheck } from '../../cli/src/check';
import { EXIT_INTERNAL, EXIT_OK } from '../../cli/src/exitCode';
import { formatters } from '../../cli/src/format/index';
import { ruleByCode } from '../../server/src/core/rules/index';
import type { Rule } from '../../server/src/core/rules/rule';
import { RegistrySession } from '../../server/src/registry/session';

function dockerfile(text: string): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'patchlens-failclosed-'));
	writeFileSync(path.join(dir, 'Dockerfile'), text);
	return path.join(dir, 'Dockerfile');
}

/** Makes one rule throw until restored: a bug as it would show up in the field. */
function breakRule(code: string): () => void {
	const rule = ruleByCode(code)! as { check: Rule['check'] };
	const original = rule.check;
	rule.check = () => {
		throw new Error('boom');
	};
	return () => { rule.check = original; };
}

const CLEAN = 'FROM scratch\nCOPY app /app\nUSER 1000\n';

describe('check fails closed', () => {
	let restore: (() => void) | undefined;
	afterEach(() => { restore?.(); restore = undefined; });

	it('a throwing rule is an internal error finding in every format, and exit 3', async () => {
		const file = dockerfile(CLEAN);
		const clean = await runCheck({ paths: [file], format: 'json', analysis: { offline: true, now: new Date('2026-11-27') }, color: false, failureThreshold: 'error' });
		assert.equal(clean.exitCode, EXIT_OK, clean.output);
		restore = breakRule('DL3006');
		for (const format of Object.keys(formatters)) {
			const outcome = await runCheck({ paths: [file], format, analysis: { offline: true, now: new Date('2026-11-27') }, color: false, failureThreshold: 'error' });
			assert.equal(outcome.exitCode, EXIT_INTERNAL, format);
			assert.match(outcome.output, /internal/, format);
			assert.match(outcome.output, /rule DL3006 failed \(boom\)/, format);
		}
	});
	it('--failure-threshold none still shows it, and exits 0', async () => {
		restore = breakRule('DL3006');
		const outcome = await runCheck({ paths: [dockerfile(CLEAN)], format: 'text', analysis: { offline: true }, color: false, failureThreshold: 'none' });
		assert.equal(outcome.exitCode, EXIT_OK);
		assert.match(outcome.output, /error internal Internal error: rule DL3006 failed/);
	});
	it('registry lookups that throw are an internal error too, not an offline pass', async () => {
		const refresh = RegistrySession.prototype.refresh;
		RegistrySession.prototype.refresh = () => Promise.reject(new Error('lookup bug'));
		restore = () => { RegistrySession.prototype.refresh = refresh; };
		const outcome = await runCheck({ paths: [dockerfile(CLEAN)], format: 'json', analysis: { offline: false }, color: false, failureThreshold: 'error', registry: { cacheDir: mkdtempSync(path.join(tmpdir(), 'patchlens-cache-')) } });
		assert.equal(outcome.exitCode, EXIT_INTERNAL);
		assert.match(outcome.output, /registry lookups failed \(lookup bug\)/);
	});
});

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseHadolintConfig, toAnalysisConfig } from '../../server/src/core/config';
import { findConfigFile, loadConfigFile, userConfigCandidates } from '../../server/src/core/configLookup';
import { assertCatches, assertCatchesNot } from '../helpers/analyze';

describe('parseHadolintConfig', () => {
	it('reads every key of hadolint\'s schema that affects findings', () => {
		const { config, problems } = parseHadolintConfig([
			'failure-threshold: warning',
			'ignored:',
			'  - DL3000',
			'  - SC1010',
			'override:',
			'  error: [DL3001, DL3002]',
			'  style:',
			'    - DL3015',
			'trustedRegistries:',
			'  - docker.io',
			'  - "*.gcr.io"',
			'disable-ignore-pragma: true',
			'no-fail: false',
			'format: json',
			'label-schema:',
			'  author: text',
		].join('\n'));
		assert.deepEqual(problems, []);
		assert.deepEqual(config, {
			failureThreshold: 'warning',
			ignored: ['DL3000', 'SC1010'],
			override: { error: ['DL3001', 'DL3002'], style: ['DL3015'] },
			trustedRegistries: ['docker.io', '*.gcr.io'],
			disableIgnorePragma: true,
			noFail: false,
		});
	});

	it('accepts a single trusted registry, ignore as a threshold, and empty files', () => {
		assert.deepEqual(parseHadolintConfig('trustedRegistries: my-company.com:5000\nfailure-threshold: ignore\n').config,
			{ trustedRegistries: ['my-company.com:5000'], failureThreshold: 'none' });
		assert.deepEqual(parseHadolintConfig(''), { config: {}, problems: [] });
		assert.deepEqual(parseHadolintConfig('# only a comment\n'), { config: {}, problems: [] });
	});

	it('reports invalid YAML at its line and uses no part of the file', () => {
		const { config, problems } = parseHadolintConfig('ignored:\n  - DL3008\noverride: [\n');
		assert.deepEqual(config, {});
		assert.ok(problems.length >= 1);
		assert.equal(problems[0].severity, 'error');
		assert.match(problems[0].message, /^Invalid YAML/);
		assert.ok(problems[0].range.start.line >= 2, JSON.stringify(problems[0]));
	});

	it('keeps the valid keys and points at each wrong one', () => {
		const text = [
			'ignored: DL3008',            // 0: not a list
			'failure-threshold: fatal',  // 1: unknown level
			'override:',                 // 2
			'  critical: [DL3001]',      // 3: unknown level
			'  info: [DL3032, 42, dl3]', // 4: number, bad code
			'trustedRegistries: [docker.io]',
			'colour: true',              // 6: unknown key
		].join('\n');
		const { config, problems } = parseHadolintConfig(text);
		assert.deepEqual(config, { override: { info: ['DL3032'] }, trustedRegistries: ['docker.io'] });
		assert.deepEqual(problems.map(p => [p.range.start.line, p.range.start.character, p.severity]), [
			[0, 9, 'error'],
			[1, 19, 'error'],
			[3, 2, 'error'],
			[4, 17, 'error'],
			[4, 21, 'warning'],
			[6, 0, 'warning'],
		]);
		assert.match(problems[1].message, /failure-threshold/);
		assert.match(problems[5].message, /Unknown key "colour"/);
	});

	it('rejects a top-level list or scalar', () => {
		for (const text of ['- DL3008\n', 'just text\n']) {
			const { config, problems } = parseHadolintConfig(text);
			assert.deepEqual(config, {});
			assert.equal(problems.length, 1);
			assert.equal(problems[0].range.start.line, 0);
		}
	});

	it('reports duplicate keys instead of silently picking one', () => {
		const { problems } = parseHadolintConfig('ignored: [DL3008]\nignored: [DL3009]\n');
		assert.equal(problems.length, 1);
		assert.equal(problems[0].range.start.line, 1);
	});
});

describe('config applied to analysis', () => {
	it('ignored and override change findings; settings layer on top', () => {
		const { config } = parseHadolintConfig('ignored: [DL3006]\noverride:\n  error: [DL3007]\n');
		const options = toAnalysisConfig(config);
		assertCatchesNot('DL3006', 'FROM ubuntu\n', options);
		const [found] = assertCatches('DL3007', 'FROM ubuntu:latest\n', [1], options);
		assert.equal(found.severity, 'error');
		const layered = toAnalysisConfig(config, { ignored: ['DL3007'], severityOverrides: { DL3006: 'info' } });
		assert.deepEqual(layered.ignored.sort(), ['DL3006', 'DL3007']);
		assert.equal(layered.severityOverrides.DL3006, 'info');
		assert.equal(toAnalysisConfig(config, { severityOverrides: { DL3007: 'style' } }).severityOverrides.DL3007, 'style');
	});

	it('trusted registries from settings replace the file\'s; empty settings keep them', () => {
		const { config } = parseHadolintConfig('trustedRegistries: [docker.io]\n');
		assert.deepEqual(toAnalysisConfig(config).trustedRegistries, ['docker.io']);
		assert.deepEqual(toAnalysisConfig(config, { trustedRegistries: [] }).trustedRegistries, ['docker.io']);
		assert.deepEqual(toAnalysisConfig(config, { trustedRegistries: ['ghcr.io'] }).trustedRegistries, ['ghcr.io']);
	});
});

describe('config file lookup', () => {
	function tree(files: Record<string, string>): string {
		const dir = mkdtempSync(path.join(tmpdir(), 'patchlens-config-'));
		for (const [name, text] of Object.entries(files)) {
			mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
			writeFileSync(path.join(dir, name), text);
		}
		return dir;
	}
	const noUser = (dir: string) => ({ env: {}, home: path.join(dir, 'no-home'), platform: 'linux' as const });

	it('walks up from the Dockerfile to the nearest .hadolint.yaml or .yml', async () => {
		const dir = tree({ 'repo/.git/HEAD': '', 'repo/.hadolint.yaml': '', 'repo/svc/api/Dockerfile': '', 'repo/web/.hadolint.yml': '', 'repo/web/Dockerfile': '' });
		assert.equal(await findConfigFile(path.join(dir, 'repo/svc/api/Dockerfile'), noUser(dir)), path.join(dir, 'repo/.hadolint.yaml'));
		assert.equal(await findConfigFile(path.join(dir, 'repo/web/Dockerfile'), noUser(dir)), path.join(dir, 'repo/web/.hadolint.yml'));
	});

	it('stops at the repository root and at workspace folders', async () => {
		const dir = tree({ '.hadolint.yaml': '', 'repo/.git/HEAD': '', 'repo/Dockerfile': '', 'ws/app/Dockerfile': '' });
		assert.equal(await findConfigFile(path.join(dir, 'repo/Dockerfile'), noUser(dir)), undefined);
		assert.equal(await findConfigFile(path.join(dir, 'ws/app/Dockerfile'), { ...noUser(dir), roots: [path.join(dir, 'ws')] }), undefined);
	});

	it('falls back to the per-user files in hadolint\'s order', async () => {
		const dir = tree({ 'xdg/hadolint.yaml': '', 'home/.hadolint.yaml': '', 'repo/.git/HEAD': '', 'repo/Dockerfile': '' });
		const home = path.join(dir, 'home');
		const file = path.join(dir, 'repo/Dockerfile');
		assert.equal(await findConfigFile(file, { env: { XDG_CONFIG_HOME: path.join(dir, 'xdg') }, home }), path.join(dir, 'xdg/hadolint.yaml'));
		assert.equal(await findConfigFile(file, { env: {}, home }), path.join(home, '.hadolint.yaml'));
		assert.deepEqual(userConfigCandidates({ env: {}, home: '/h', platform: 'linux' }).filter(f => f.endsWith('.yaml')),
			['/h/.config/hadolint.yaml', '/h/.hadolint/hadolint.yaml', '/h/hadolint/config.yaml', '/h/.hadolint.yaml']);
	});

	it('loads a file into a typed result, and an unreadable one into an error', async () => {
		const dir = tree({ '.hadolint.yaml': 'ignored: [DL3006]\n' });
		const loaded = await loadConfigFile(path.join(dir, '.hadolint.yaml'));
		assert.ok(loaded.ok);
		assert.deepEqual(loaded.parsed.config.ignored, ['DL3006']);
		const missing = await loadConfigFile(path.join(dir, 'nope.yaml'));
		assert.equal(missing.ok, false);
		assert.match(!missing.ok ? missing.error : '', /no such file/);
	});
});

// Issue 18 item 5: lifecycle coverage beyond Docker Official Images — mcr.microsoft.com .NET and
// Windows, Red Hat UBI, CentOS (Stream), Rocky, Alma, Amazon Linux, version-tagged third-party
// images — and a team's own image → product mapping from `.patchlens.yaml`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { bundledDataset } from '../../server/src/core/lifecycle/dataset';
import { parseProjectSettings } from '../../server/src/core/projectSettings';
import { findings } from '../helpers/analyze';

const lifecycle = (from: string, options = {}) => findings(`FROM ${from}\n`, options).filter(f => /^PL10[1-7]$/.test(f.code)).map(f => f.code);

describe('bundled registry images', () => {
	const cases: [string, string[]][] = [
		['mcr.microsoft.com/dotnet/aspnet:7.0', ['PL101']],
		['mcr.microsoft.com/dotnet/sdk:6.0.428-jammy', ['PL101']],
		['mcr.microsoft.com/dotnet/runtime:10.0', []],
		['mcr.microsoft.com/dotnet/core/aspnet:3.1', ['PL101']],
		['mcr.microsoft.com/windows/nanoserver:20H2', ['PL101']],
		['mcr.microsoft.com/windows/servercore:1903', ['PL101']],
		['mcr.microsoft.com/windows/servercore:ltsc2022', []],
		['registry.access.redhat.com/ubi7/ubi:7.9', ['PL102']],
		['registry.access.redhat.com/ubi9/ubi-minimal', []],
		['centos:7', ['PL101']],
		['centos:centos8', ['PL101']],
		['quay.io/centos/centos:stream8', ['PL101']],
		['quay.io/centos/centos:stream9', []],
		['amazonlinux:2', ['PL101']],
		['public.ecr.aws/amazonlinux/amazonlinux:2', ['PL101']],
		['public.ecr.aws/lambda/python:3.8', ['PL101']],
		['circleci/node:14-browsers', ['PL101']],
		['cimg/node:18.20', ['PL101']],
		['bitnami/python:3.13', []],
	];
	for (const [from, expected] of cases) {
		it(`${from} → ${expected.join(', ') || 'no lifecycle finding'}`, () => assert.deepEqual(lifecycle(from), expected));
	}
	it('Windows 1809 container tags follow the LTSC 2019 servicing dates, and say so in Server Core\'s name', () => {
		assert.deepEqual(lifecycle('mcr.microsoft.com/windows/servercore:1809'), []);
		const [f] = findings('FROM mcr.microsoft.com/windows/servercore:1809\n', { now: new Date('2029-02-01T00:00:00Z') }).filter(x => x.code === 'PL101');
		assert.match(f.message, /^Windows Server Core 2019 reached end of life on 2029-01-09/);
	});
	it('says that no tag list is bundled instead of claiming no tag exists, and names CentOS successors', () => {
		const [dotnet] = findings('FROM mcr.microsoft.com/dotnet/aspnet:7.0\n').filter(f => f.code === 'PL101');
		assert.match(dotnet.message, /Move to a supported line such as Microsoft \.NET 10 .*no tag list for `mcr\.microsoft\.com\/dotnet\/aspnet`/);
		const [centos] = findings('FROM centos:7\n').filter(f => f.code === 'PL101');
		assert.match(centos.message, /CentOS has no supported release; maintained successors: `rockylinux:9`/);
	});
	it('an unmapped Server Core tag (ltsc2016: other dates than Nano Server 1607) gets no claim', () => {
		assert.deepEqual(lifecycle('mcr.microsoft.com/windows/servercore:ltsc2016'), []);
	});
});

describe('a team\'s own images (.patchlens.yaml lifecycleImages)', () => {
	const products = Object.keys(bundledDataset().products);
	const yaml = [
		'lifecycleImages:',
		'  - image: registry.example.com/platform/python-*',
		'    product: python',
		'    version: \'^(\\d+\\.\\d+)-\'',
		'  - image: registry.example.com/platform/os',
		'    product: debian',
		'    aliases: {oldstable: "12", stable: "13"}',
		'    version: \'^([a-z]+)\'',
		'toolchainImages:',
		'  - registry.example.com/ci/*',
		'',
	].join('\n');
	it('parses mappings and toolchain images', () => {
		const { settings, problems } = parseProjectSettings(yaml, products);
		assert.deepEqual(problems, []);
		assert.equal(settings.lifecycleImages?.length, 2);
		assert.deepEqual(settings.toolchainImages, ['registry.example.com/ci/*']);
	});
	it('maps an internal image to a product with the version from its tag', () => {
		const { settings } = parseProjectSettings(yaml, products);
		assert.deepEqual(lifecycle('registry.example.com/platform/python-base:3.8-2024.01', settings), ['PL101']);
		assert.deepEqual(lifecycle('registry.example.com/platform/python-base:3.14-2026.05', settings), []);
		assert.deepEqual(lifecycle('registry.example.com/platform/os:oldstable-20260101', settings), ['PL102']);
		assert.deepEqual(lifecycle('registry.example.com/platform/python-base:3.8-2024.01'), [], 'nothing without the mapping');
	});
	it('reports broken entries with their position and the nearest product id', () => {
		const { settings, problems } = parseProjectSettings('lifecycleImages:\n  - image: a/b\n    product: pyhton\n  - image: c/d\n    product: python\n    version: "(["\n  - product: nodejs\n', products);
		assert.deepEqual(settings.lifecycleImages, []);
		assert.deepEqual(problems.map(p => p.range.start.line), [2, 5, 6]);
		assert.match(problems[0].message, /no lifecycle data for product "pyhton" \(did you mean "python"\?\)/);
		assert.match(problems[1].message, /version is not a regular expression/);
		assert.match(problems[2].message, /needs both image .* and product/);
	});
	it('patchlens check reads the nearest .patchlens.yaml above the Dockerfile', () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'patchlens-map-'));
		mkdirSync(path.join(dir, '.git'));
		mkdirSync(path.join(dir, 'svc'));
		writeFileSync(path.join(dir, '.patchlens.yaml'), yaml + 'lifecycleImages-typo: 1\n');
		writeFileSync(path.join(dir, 'svc', 'Dockerfile'), 'FROM registry.example.com/platform/python-base:3.8-2024.01\nCMD ["python"]\n');
		const cli = path.join(__dirname, '../../cli/out/patchlens.js');
		const r = spawnSync(process.execPath, [cli, 'check', '-f', 'json', '--offline', '--now', '2026-11-27', '-t', 'none', 'svc/Dockerfile'], { cwd: dir, encoding: 'utf8', env: { ...process.env, HOME: dir, XDG_CONFIG_HOME: path.join(dir, '.xdg') } });
		assert.equal(r.status, 0, r.stderr);
		const codes = (JSON.parse(r.stdout) as { code: string }[]).map(f => f.code);
		assert.ok(codes.includes('PL101'), r.stdout);
	});
});

describe('third-party images whose tag names the runtime they ship', () => {
	it('judges the runtime the tag names, and nothing else', () => {
		assert.deepEqual(lifecycle('tiangolo/uvicorn-gunicorn-fastapi:python3.8'), ['PL101']);
		// One runtime per FROM: the first the tag names (Python here) is judged.
		assert.deepEqual(lifecycle('nikolaik/python-nodejs:python3.8-nodejs22'), ['PL101']);
		assert.deepEqual(lifecycle('acme/tool:2.1-node16-slim'), ['PL101']);
		assert.deepEqual(lifecycle('tiangolo/uvicorn-gunicorn-fastapi:python3.13'), []);
		assert.deepEqual(lifecycle('grafana/grafana:11.2.0'), []);
		assert.deepEqual(lifecycle('prom/node-exporter:v1.8.2'), []);
		assert.deepEqual(lifecycle('acme/app:build-20240101'), []);
	});
	it('a catch-all pattern that does not name a release does not claim the image (hover says no data)', () => {
		const f = findings('FROM grafana/grafana:11.2.0\n');
		assert.deepEqual(f.filter(x => /^PL1/.test(x.code)), []);
	});
});

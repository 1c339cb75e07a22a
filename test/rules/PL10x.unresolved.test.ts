// Wrong findings on ARG-based FROM lines are the most reported complaint about Dockerfile linters:
// whatever cannot be resolved exactly must produce no lifecycle finding at all.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findings } from '../helpers/analyze';

const LIFECYCLE = /^(PL10\d|DL3006|DL3007|DL3026)$/;
const all = { enabledOptionalRules: ['PL105'], trustedRegistries: ['docker.io'] };

function lifecycleFindings(text: string, buildArgs: Record<string, string> = {}) {
	return findings(text, { ...all, buildArgs }).filter(f => LIFECYCLE.test(f.code));
}

describe('no findings on references that cannot be resolved', () => {
	const cases = [
		'ARG TAG\nFROM python:${TAG}\n',
		'ARG TAG\nFROM python:$TAG-slim\n',
		'ARG IMAGE\nFROM ${IMAGE}\n',
		'ARG REGISTRY\nFROM ${REGISTRY}/library/golang:1.21.6\n',
		'FROM python:${UNDECLARED}\n',
		'FROM $UNDECLARED\n',
		'FROM python:${TAG:?set TAG}\n',
		'FROM python:${A:-${B:-3.8}}\n',
		'ARG X=3.8\nFROM python:${X:-${Y}}\n',
		'FROM python:3.8 AS base\nARG IN_STAGE=golang:1.21\nFROM ${IN_STAGE}\n',
		'ARG BASE\nFROM $BASE AS build\nFROM build\n',
		'ARG V=\nFROM node:${V}\n',
	];
	for (const text of cases) {
		it(JSON.stringify(text), () => {
			const found = lifecycleFindings(text).filter(f => f.range.start.line === text.split('\n').findIndex(l => l.includes('$') && l.startsWith('FROM')));
			assert.deepEqual(found.map(f => f.code), []);
		});
	}
	it('build args for undeclared names are not visible to FROM, as in docker build', () => {
		assert.deepEqual(lifecycleFindings('FROM golang:${GO}\n', { GO: '1.21.6' }), []);
	});
	it('but judges what the ARG defaults and declared build args do resolve to', () => {
		assert.deepEqual(lifecycleFindings('ARG GO=1.21.6\nFROM golang:${GO}\n').map(f => f.code), ['PL101', 'PL105']);
		assert.deepEqual(lifecycleFindings('ARG GO=1.27.0\nFROM golang:${GO}\n', { GO: '1.21.6' }).map(f => f.code), ['PL101', 'PL105']);
		assert.deepEqual(lifecycleFindings('ARG GO=1.21.6\nFROM golang:${GO}\n', { GO: '1.27.0' }).map(f => f.code), ['PL105']);
	});
	it('never judges scratch or stage references', () => {
		assert.deepEqual(lifecycleFindings('FROM golang:1.27.0 AS go\nFROM go\nFROM scratch\n').filter(f => f.range.start.line > 0), []);
	});
	it('never judges malformed references', () => {
		assert.deepEqual(lifecycleFindings('FROM Python:3.8\nFROM python:3.8:9\nFROM python@sha256:xyz\n'), []);
	});
});

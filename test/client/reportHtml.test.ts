// The report page's HTML (client/src/ui/reportHtml.ts): strict CSP, one nonce'd script, inert data.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { jsonForScript, renderReportHtml } from '../../client/src/ui/reportHtml';
import type { ReportData } from '../../client/src/ui/reportData';

const report: ReportData = {
	results: [{ image: 'evil</script><script>alert(1)</script>:1', concurrency: 1, mode: 'warm', samples: [1, 2], stats: { min: 1, median: 1.5, mean: 1.5, p95: 2, p99: 2, max: 2, mad: 0.5 } }],
	comparisons: [],
};
const html = renderReportHtml({ cspSource: 'https://webview.test', nonce: 'abc123', scriptUri: 'https://webview.test/report.js', styleUri: 'https://webview.test/report.css', report });

test('the Content Security Policy allows only our stylesheet and the nonce\'d script', () => {
	const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
	assert.ok(csp);
	assert.match(csp, /default-src 'none'/);
	assert.match(csp, /script-src 'nonce-abc123'(;|$)/);
	assert.match(csp, /style-src https:\/\/webview\.test(;|$)/);
	assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
});

test('every executable script carries the nonce, and there are no inline handlers or styles', () => {
	const scripts = [...html.matchAll(/<script([^>]*)>/g)].map(m => m[1]);
	assert.equal(scripts.length, 2);
	for (const attrs of scripts) assert.ok(/nonce="abc123"/.test(attrs) || /type="application\/json"/.test(attrs), attrs);
	assert.doesNotMatch(html, /\son[a-z]+=/i);
	assert.doesNotMatch(html, /\sstyle=/i);
});

test('results travel as inert JSON that cannot close its script element', () => {
	assert.equal(html.match(/<\/script>/g)?.length, 2, 'only the two real closing tags');
	const data = /<script id="report-data" type="application\/json">([^<]*)<\/script>/.exec(html)?.[1];
	assert.deepEqual(JSON.parse(data!), report);
	assert.equal(jsonForScript('a<b>&c'), '"a\\u003cb\\u003e\\u0026c"');
});

test('no results: the page still renders, with empty data', () => {
	const empty = renderReportHtml({ cspSource: 'x', nonce: 'n', scriptUri: 's', styleUri: 't', report: undefined });
	assert.match(empty, /<script id="report-data" type="application\/json"><\/script>/);
});

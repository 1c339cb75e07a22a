import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countLines, partialFinding, withinBudget } from '../../server/src/core/budget';

const lines = (n: number, line = (i: number) => `RUN echo ${i}`) => Array.from({ length: n }, (_, i) => line(i)).join('\n') + '\n';

describe('analysis budget', () => {
	it('keeps a document within the budget whole', () => {
		const text = lines(100);
		assert.deepEqual(withinBudget(text, { maxLines: 100, maxChars: 10_000 }), { text, lines: 100, cut: false });
	});
	it('cuts after whole lines when there are too many', () => {
		const cut = withinBudget(lines(1000), { maxLines: 100, maxChars: 1e9 });
		assert.equal(cut.text, lines(100));
		assert.deepEqual([cut.lines, cut.cut], [100, true]);
	});
	it('cuts at the character budget too, on a line break', () => {
		const cut = withinBudget(lines(1000), { maxLines: 1e9, maxChars: 1000 });
		assert.ok(cut.text.length <= 1000 && cut.text.endsWith('\n'));
		assert.equal(cut.text, lines(cut.lines));
	});
	it('never cuts inside a continued instruction', () => {
		const text = `FROM alpine:3.20\nRUN apk add \\\n  curl \\\n  jq \\\n  git\n${lines(10)}`;
		const cut = withinBudget(text, { maxLines: 3, maxChars: 1e9 });
		assert.equal(cut.text, 'FROM alpine:3.20\n');
	});
	it('says where the analysis stopped, and how much was left out', () => {
		const text = lines(30_000);
		const cut = withinBudget(text, { maxLines: 10_000, maxChars: 1e9 });
		const finding = partialFinding(cut, countLines(text));
		assert.equal(finding.range.start.line, 10_000);
		assert.match(finding.message, /first 10,000 of 30,000 lines/);
	});
});

// Hovers: on a FROM image, its lifecycle (release line, end of life, days left, latest patch,
// whether the tag is still built, where the data comes from); on a rule code in an ignore pragma
// or on a finding's range, the rule's title and rationale.
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver/node';
import { analyze, INTERNAL } from '../core/analyze';
import { PARTIAL } from '../core/budget';
import type { Finding, Range } from '../core/finding';
import { imageRefAt } from '../core/image/fromImage';
import { assessImage, type Assessment } from '../core/lifecycle/assess';
import { statusSentence } from '../core/lifecycle/describe';
import { referenceWith, targetOf } from '../core/lifecycle/fixes';
import { daysUntil, lineName } from '../core/lifecycle/lookup';
import { defaultOptions, type AnalysisOptions } from '../core/options';
import { parseDockerfile, type ParsedDockerfile } from '../core/parse';
import { ruleByCode } from '../core/rules/index';
import { docsUrl } from '../core/rules/rule';
import { maskLoneCr, positionMap } from '../core/loneCr';
import type { AnalyzedDocument } from './diagnostics';

/** Finding codes about Patchlens itself rather than a rule. */
const ABOUT_PATCHLENS: Record<string, string> = {
	[INTERNAL]: 'Patchlens itself failed on this file: the findings named in the message are missing.',
	[PARTIAL]: 'The file passes the editor\'s analysis budget: only its first part was analysed.',
};

const PRAGMA = /^\s*#\s*(?:hadolint|patchlens)\s+(?:global\s+)?ignore\s*=/i;

export function hover(text: string, position: Position, analyzed: AnalyzedDocument | undefined): Hover | null {
	const options = defaultOptions(analyzed?.options ?? {});
	// The parse counts lines as BuildKit does (a lone \r is no break); the editor's position is mapped in and out.
	const same = !!analyzed?.parsed && analyzed.parsed.text === maskLoneCr(text);
	const parsed = same && analyzed?.parsed ? analyzed.parsed : parseDockerfile(text);
	const map = positionMap(text);
	const at = map.toParsed(position);
	const line = parsed.lines[at.line] ?? '';
	if (PRAGMA.test(line)) {
		const pragma = pragmaHover(line, at);
		return pragma?.range ? { ...pragma, range: map.toEditor(pragma.range) } : pragma;
	}
	const findings = same && analyzed ? analyzed.findings : analyze(text, options).findings;
	const sections: string[] = [];
	let range: Range | undefined;
	const image = imageHover(parsed, at, options);
	if (image) {
		sections.push(image.markdown);
		range = map.toEditor(image.range);
	}
	const here = findings.filter(f => f.range.start.line <= position.line && position.line <= f.range.end.line);
	const codes = [...new Set(here.map(f => f.code))];
	for (const code of codes) sections.push(ruleMarkdown(code));
	if (!sections.length) return null;
	return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') }, ...(range ? { range } : rangeOf(here)) };
}

function rangeOf(findings: Finding[]): { range?: Range } {
	return findings.length === 1 ? { range: findings[0].range } : {};
}

function pragmaHover(line: string, position: Position): Hover | null {
	const re = /[A-Za-z]{2}\d{3,4}/g;
	for (let m = re.exec(line); m; m = re.exec(line)) {
		if (position.character < m.index || position.character > m.index + m[0].length) continue;
		const code = m[0].toUpperCase();
		return {
			contents: { kind: MarkupKind.Markdown, value: ruleMarkdown(code) },
			range: { start: { line: position.line, character: m.index }, end: { line: position.line, character: m.index + m[0].length } },
		};
	}
	return null;
}

function ruleMarkdown(code: string): string {
	const rule = ruleByCode(code);
	const about = ABOUT_PATCHLENS[code];
	if (about) return `**${code}** ${about}\n\n[Documentation](${docsUrl(code)})`;
	if (!rule) return `**${code}**: not a Patchlens rule (ignoring it has no effect here).`;
	return `**${rule.code}** ${rule.title}${rule.optional ? ' *(optional rule)*' : ''}\n\n${rule.rationale}\n\n[Documentation](${docsUrl(rule.code)})`;
}

function imageHover(parsed: ParsedDockerfile, position: Position, options: AnalysisOptions): { markdown: string; range: Range } | undefined {
	const ctx = { ...parsed, options };
	for (const stage of parsed.stages) {
		const ref = imageRefAt(ctx, stage);
		const r = ref.range;
		if (position.line < r.start.line || position.line > r.end.line) continue;
		if (position.line === r.start.line && position.character < r.start.character) continue;
		if (position.line === r.end.line && position.character > r.end.character) continue;
		if (ref.kind === 'scratch') return { markdown: '`scratch`: the empty image; nothing to patch.', range: r };
		if (ref.kind === 'stage') return { markdown: `Build stage \`${ref.stage}\` of this Dockerfile.`, range: r };
		if (ref.kind === 'unresolved') return { markdown: `\`${ref.text}\` cannot be resolved (${ref.reason}): Patchlens does not judge it. Set \`patchlens.buildArgs\` (or \`--build-arg\`) to check it.`, range: r };
		const a = assessImage(ref, options);
		const resolved = (stage.from.getImage() ?? '').includes('$') ? `\n\nResolved from ARGs: \`${ref.text}\`` : '';
		const platform = ref.platform ? ` (platform ${ref.platform})` : '';
		if (!a) return { markdown: `**${ref.text}**${platform}: no lifecycle data (covered: Docker Official Images, the registries listed in the README, and lifecycleImages in .patchlens.yaml).${resolved}`, range: r };
		return { markdown: lifecycleMarkdown(a, options) + resolved + (platform ? `\n\nPlatform: ${ref.platform}` : ''), range: r };
	}
	return undefined;
}

function lifecycleMarkdown(a: Assessment, options: AnalysisOptions): string {
	const now = options.now;
	const rows: string[] = [];
	const title = a.product && a.match ? lineName(a.product, a.match.line) : a.image.name;
	rows.push(`**${referenceWith(a, a.tag.tag)}**: ${title}`);
	if (a.product && a.match && a.status) {
		const line = a.match.line;
		rows.push(`- Release line ${line.cycle}${line.released ? `, released ${line.released}` : ''}${line.lts ? ' (LTS)' : ''}: ${statusSentence(a.status, now)}`);
		if (typeof line.eol === 'string') {
			const days = daysUntil(line.eol, now);
			rows.push(`- End of life: ${line.eol} (${days > 0 ? `${days} days left` : `${-days} days ago`})`);
		}
		if (typeof line.eoas === 'string') rows.push(`- Active support ${daysUntil(line.eoas, now) > 0 ? 'until' : 'ended'} ${line.eoas}`);
		if (line.latest) rows.push(`- Latest patch: ${line.latest}${line.latestDate ? ` (${line.latestDate})` : ''}${a.latestPatch ? ` → \`${referenceWith(a, a.latestPatch.tag)}\`` : ''}`);
	} else if (a.product) {
		rows.push('- The tag names no single release line (a floating tag such as `3` or `slim` follows the newest).');
	}
	if (a.newestLts) rows.push(`- Newest LTS line: \`${referenceWith(a, a.newestLts.tag)}\``);
	if (a.newestLine) rows.push(`- Newest supported line: \`${referenceWith(a, a.newestLine.tag)}\``);
	const target = targetOf(a, options);
	if (target) rows.push(`- Proposed by every lifecycle finding here: \`${referenceWith(a, target.candidate.tag)}\` (settles ${target.settles.join(', ')}; review level ${target.level})`);
	rows.push(a.image.mapping
		? `- Mapped by pattern \`${a.image.mapping.image}\` to ${a.product?.title ?? a.image.mapping.product}; no tag list is bundled for it`
		: `- Still built by the official image: ${a.stillBuilt === true ? 'yes' : a.stillBuilt === false ? '**no**, it gets no more rebuilds' : 'not in the bundled tag list (it may be newer than the data)'}`);
	if (a.distro && !a.distro.isProductItself) {
		const product = a.dataset.products[a.distro.found.distribution.product];
		if (product) rows.push(`- Variant OS: ${lineName(product, a.distro.found.line)}, which ${statusSentence(a.distro.status, now)}`);
	}
	const sources = a.dataset.sources;
	const data = `endoflife.date snapshot ${sources.endoflife.date}, official-images tag list ${sources.officialImages.date}`;
	rows.push(`- Data: ${a.asOf.registry ? `registry tags looked up ${a.asOf.registry.toISOString().replace('T', ' ').slice(0, 16)} UTC; ` : ''}${data}; evaluated for ${now.toISOString().slice(0, 10)}`);
	return rows.join('\n');
}

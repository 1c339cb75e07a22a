// The report webview's script (bundled with Chart.js into media/report/report.js). Renders the
// benchmark results it is given: startup distributions as box plots, phases as stacked bars, the
// difference of each comparison with its 95% interval, and pull bytes of cold runs. Colours come
// from VS Code's theme variables, and charts are redrawn when the theme changes.
import {
	BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartConfiguration,
} from 'chart.js';
import { BoxAndWiskers, BoxPlotController } from '@sgratzl/chartjs-chart-boxplot';
import { phaseMedian, pulledBytes, type ReportData, type ReportRequest, type ReportResult, type ReportRollout, type ReportRolloutPhase, type ReportUpdate } from '../src/ui/reportData';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip, BoxPlotController, BoxAndWiskers);

declare function acquireVsCodeApi(): { postMessage(message: ReportRequest): void; setState(state: unknown): void; getState(): unknown };
const vscode = acquireVsCodeApi();

const charts: Chart[] = [];
let current: ReportData | undefined;

function cssVar(name: string, fallback: string): string {
	return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

function palette(): string[] {
	return ['blue', 'orange', 'green', 'purple', 'red', 'yellow'].map(c => cssVar(`--vscode-charts-${c}`, '#3794ff'));
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
	const node = document.createElement(tag);
	if (text !== undefined) node.textContent = text;
	if (className) node.className = className;
	return node;
}

/** `python:3.12.11-slim` for `127.0.0.1:5000/library/python:3.12.11-slim`: the part people read. */
const short = (image: string) => image.slice(image.lastIndexOf('/') + 1);
const repository = (image: string) => image.replace(/@.*$/, '').replace(/:[^/:]*$/, '');
/** `3.12.11-slim vs 3.12.1-slim` when only the tags differ. */
function versus(candidate: string, baseline: string): string {
	const tag = (image: string) => image.slice(repository(image).length + 1) || image;
	return repository(candidate) === repository(baseline) ? `${short(repository(baseline))}: ${tag(candidate)} vs ${tag(baseline)}` : `${short(candidate)} vs ${short(baseline)}`;
}
const ms = (v: number) => `${Math.round(v)} ms`;
const signed = (v: number) => `${v > 0 ? '+' : v < 0 ? '\u2212' : '\u00b1'}${Math.abs(Math.round(v))} ms`;

function bytes(n: number): string {
	const units = ['B', 'KB', 'MB', 'GB'];
	let i = 0;
	while (n >= 1000 && i < units.length - 1) { n /= 1000; i++; }
	return `${n.toFixed(i ? 1 : 0)} ${units[i]}`;
}

function section(title: string, id: string): HTMLElement {
	const s = el('section');
	s.id = id;
	s.append(el('h2', title));
	document.getElementById('content')!.append(s);
	return s;
}

function chart(parent: HTMLElement, config: ChartConfiguration, label: string, rows: number): void {
	const box = el('div', undefined, 'chart');
	box.style.height = `${Math.max(160, 56 + rows * 40)}px`;
	const canvas = el('canvas');
	canvas.setAttribute('role', 'img');
	canvas.setAttribute('aria-label', label);
	box.append(canvas);
	parent.append(box);
	charts.push(new Chart(canvas, config));
}

function table(parent: HTMLElement, head: string[], rows: string[][], className?: string): void {
	const wrap = el('div', undefined, 'table-wrap');
	const t = el('table', undefined, className);
	const tr = el('tr');
	head.forEach(h => tr.append(el('th', h)));
	t.append(el('thead'));
	t.tHead!.append(tr);
	const body = el('tbody');
	for (const row of rows) {
		const r = el('tr');
		row.forEach(cell => r.append(el('td', cell)));
		body.append(r);
	}
	t.append(body);
	wrap.append(t);
	parent.append(wrap);
}

function applyThemeDefaults(): void {
	Chart.defaults.color = cssVar('--vscode-charts-foreground', cssVar('--vscode-foreground', '#888'));
	Chart.defaults.borderColor = cssVar('--vscode-charts-lines', 'rgba(128,128,128,0.3)');
	Chart.defaults.font.family = cssVar('--vscode-font-family', 'sans-serif');
	Chart.defaults.animation = false;
	Chart.defaults.maintainAspectRatio = false;
}

const modes = (report: ReportData) => [...new Set(report.results.map(r => r.mode))];
const imagesOf = (results: ReportResult[]) => [...new Set(results.map(r => r.image))];
const levelsOf = (results: ReportResult[]) => [...new Set(results.map(r => r.concurrency))].sort((a, b) => a - b);

function renderDistributions(report: ReportData): void {
	const colors = palette();
	for (const mode of modes(report)) {
		const results = report.results.filter(r => r.mode === mode);
		const s = section(`Startup time, ${mode} (ms per container)`, `distribution-${mode}`);
		const levels = levelsOf(results);
		const datasets = imagesOf(results).map((image, i) => ({
			label: image,
			data: levels.map(c => results.find(r => r.image === image && r.concurrency === c)?.samples ?? []),
			backgroundColor: `${colors[i % colors.length]}55`,
			borderColor: colors[i % colors.length],
			borderWidth: 1,
			outlierBackgroundColor: colors[i % colors.length],
		}));
		chart(s, {
			type: 'boxplot',
			data: { labels: levels.map(c => `${c} at once`), datasets },
			options: { indexAxis: 'y', scales: { x: { title: { display: true, text: 'ms' } } } },
		} as unknown as ChartConfiguration, `Box plots of startup time per image and concurrency, ${mode} runs`, levels.length * datasets.length);
		table(s, ['image', 'concurrency', 'n', 'p50', 'p95', 'p99', 'min', 'max', 'MAD'], results.map(r => [
			r.image, String(r.concurrency), String(r.samples.length), ms(r.stats.median), ms(r.stats.p95), ms(r.stats.p99),
			ms(r.stats.min), ms(r.stats.max), ms(r.stats.mad),
		]), 'stats');
	}
}

function renderPhases(report: ReportData): void {
	const results = report.results.filter(r => r.phases && Object.keys(r.phases).length);
	if (!results.length) return;
	const colors = palette();
	const s = section('Where the time goes (median per phase)', 'phases');
	const phases = [...new Set(results.flatMap(r => Object.keys(r.phases!)))];
	chart(s, {
		type: 'bar',
		data: {
			labels: results.map(r => [short(r.image), `${r.concurrency} at once, ${r.mode}`]),
			datasets: phases.map((phase, i) => ({
				label: phase,
				data: results.map(r => (r.phases![phase] === undefined ? 0 : phaseMedian(r.phases![phase]))),
				backgroundColor: colors[i % colors.length],
			})),
		},
		options: { indexAxis: 'y', scales: { x: { stacked: true, title: { display: true, text: 'ms' } }, y: { stacked: true } } },
	}, 'Stacked bars of the median time per phase', results.length);
}

function renderComparisons(report: ReportData): void {
	if (!report.comparisons.length) return;
	const s = section('Difference of medians, candidate \u2212 baseline (95% interval)', 'comparisons');
	const color = (verdict: string) => cssVar(verdict === 'faster' ? '--vscode-charts-green' : verdict === 'slower' ? '--vscode-charts-red' : '--vscode-charts-foreground', '#888');
	chart(s, {
		type: 'bar',
		data: {
			labels: report.comparisons.map(c => [versus(c.candidate, c.baseline), `${c.concurrency} at once, ${c.mode}`]),
			datasets: [{
				label: '95% interval of the difference (ms)',
				data: report.comparisons.map(c => c.ci95),
				backgroundColor: report.comparisons.map(c => color(c.verdict)),
				barThickness: 10,
			}],
		},
		options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { title: { display: true, text: 'ms (negative: the candidate starts faster)' } } } },
	} as ChartConfiguration, 'Intervals of the difference in median startup time', report.comparisons.length);
	table(s, ['candidate', 'baseline', 'concurrency', 'mode', 'difference', '95% interval', 'relative', 'verdict'], report.comparisons.map(c => [
		c.candidate, c.baseline, String(c.concurrency), c.mode, signed(c.medianDiffMs), `${signed(c.ci95[0])} \u2026 ${signed(c.ci95[1])}`,
		`${(c.relative * 100).toFixed(1)}%`, c.verdict,
	]), 'comparisons');
}

function renderPullBytes(report: ReportData): void {
	const perImage = new Map<string, number>();
	for (const r of report.results) {
		const pulled = r.mode === 'cold' ? pulledBytes(r.pullBytes) : undefined;
		if (pulled !== undefined) perImage.set(r.image, pulled);
	}
	if (!perImage.size) return;
	const s = section('Pulled before cold runs', 'pull-bytes');
	chart(s, {
		type: 'bar',
		data: { labels: [...perImage.keys()], datasets: [{ label: 'MB pulled', data: [...perImage.values()].map(b => b / 1e6), backgroundColor: palette()[1] }] },
		options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { title: { display: true, text: 'MB' } } } },
	}, 'Bars of the bytes pulled per image before cold runs', perImage.size);
	table(s, ['image', 'pulled'], [...perImage].map(([image, b]) => [image, bytes(b)]), 'pull');
}

const seconds = (v: number) => `${(v / 1000).toFixed(2)} s`;

/** Replicas ready over time: one stepped line per phase (update, rollback…), each from its own start. */
function renderAvailability(s: HTMLElement, rollout: ReportRollout): void {
	const colors = palette();
	chart(s, {
		type: 'line',
		data: {
			datasets: rollout.phases.map((p, i) => ({
				label: `${p.kind} (${short(p.image)})`, data: p.availability.map(a => ({ x: a.tMs / 1000, y: a.ready })),
				borderColor: colors[i % colors.length], backgroundColor: colors[i % colors.length], stepped: true, pointRadius: 0, borderWidth: 2,
			})),
		},
		options: { scales: { x: { type: 'linear', title: { display: true, text: 's since the phase started' } }, y: { min: 0, suggestedMax: rollout.replicas + 1, ticks: { stepSize: 1 }, title: { display: true, text: 'replicas ready' } } } },
	} as ChartConfiguration, `Line chart of replicas ready over time during the ${rollout.phases.map(p => p.kind).join(' and ')}`, 5);
}

const TASK_PHASES = ['new', 'assigned', 'preparing', 'starting', 'running', 'healthy'];
const SEGMENTS = ['scheduling', 'assigned', 'preparing (pull)', 'starting', 'health check'];

/** Per task, how long it spent in each phase: a stacked bar after an invisible offset (its creation). */
function renderTaskPhases(s: HTMLElement, phase: ReportRolloutPhase): void {
	const tasks = phase.tasks.filter(t => t.phases.new !== undefined);
	if (!tasks.length) return;
	const colors = palette();
	const span = (t: ReportRolloutPhase['tasks'][number], i: number) => {
		const from = t.phases[TASK_PHASES[i]];
		const to = TASK_PHASES.slice(i + 1).map(p => t.phases[p]).find(v => v !== undefined);
		return from === undefined || to === undefined ? 0 : Math.max(0, to - from) / 1000;
	};
	chart(s, {
		type: 'bar',
		data: {
			labels: tasks.map(t => `slot ${t.slot} · ${t.node} · ${short(t.image)}${t.state === 'running' ? '' : ` (${t.state})`}`),
			datasets: [
				{ label: 'created at', data: tasks.map(t => t.phases.new! / 1000), backgroundColor: 'transparent' },
				...SEGMENTS.map((label, i) => ({ label, data: tasks.map(t => span(t, i)), backgroundColor: colors[i % colors.length] })),
			],
		},
		options: { indexAxis: 'y', plugins: { legend: { labels: { filter: (item: { text: string }) => item.text !== 'created at' } } }, scales: { x: { stacked: true, title: { display: true, text: 's since the phase started' } }, y: { stacked: true } } },
	} as ChartConfiguration, `Stacked bars of each task's phases during the ${phase.kind}`, tasks.length);
}

function renderRollout(rollout: ReportRollout): void {
	const s = section(`Rollout on a swarm: ${short(rollout.image)} \u2192 ${short(rollout.candidate)}, ${rollout.replicas} replicas, ${rollout.policy}`, 'rollout');
	s.append(el('p', `${rollout.engine} \u00b7 ${new Date(rollout.measuredAt).toLocaleString()}`, 'rollout-meta'));
	renderAvailability(s, rollout);
	table(s, ['phase', 'outcome', 'converged', 'min ready', 'for', 'old task stop (max)', 'grace hit'], rollout.phases.map(p => [
		p.kind, p.outcome, p.convergedMs === undefined ? '\u2013' : seconds(p.convergedMs), `${p.minReady}/${rollout.replicas}`, seconds(p.minReadyForMs),
		p.stopMs === undefined ? '\u2013' : seconds(p.stopMs), `${p.graceHits}/${p.stops}`,
	]), 'rollout');
	for (const phase of rollout.phases) {
		s.append(el('h3', `Tasks of the ${phase.kind}`));
		renderTaskPhases(s, phase);
	}
}

function render(report: ReportData | undefined): void {
	current = report;
	charts.splice(0).forEach(c => c.destroy());
	const content = document.getElementById('content')!;
	content.replaceChildren();
	const meta = document.getElementById('meta')!;
	if (!report || (!report.results.length && !report.rollout)) {
		meta.textContent = '';
		content.append(el('p', 'No benchmark results yet. Run \u201cPatchlens: Benchmark Startup of This Dockerfile\u201d, or click a code lens above a FROM.', 'empty'));
		document.body.dataset.state = 'empty';
		return;
	}
	meta.textContent = [report.source, report.measuredAt && `measured ${new Date(report.measuredAt).toLocaleString()}`,
		report.results.length ? `${report.results.length} result${report.results.length === 1 ? '' : 's'}` : ''].filter(Boolean).join(' \u00b7 ');
	applyThemeDefaults();
	if (report.rollout) renderRollout(report.rollout);
	renderComparisons(report);
	renderDistributions(report);
	renderPhases(report);
	renderPullBytes(report);
	document.body.dataset.state = 'rendered';
}

for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-export]')) {
	button.addEventListener('click', () => vscode.postMessage({ type: 'export', format: button.dataset.export as 'json' | 'csv' | 'markdown' }));
}
document.getElementById('rerun')?.addEventListener('click', () => vscode.postMessage({ type: 'rerun' }));

window.addEventListener('message', (event: MessageEvent<ReportUpdate>) => {
	if (event.data?.type === 'data') render(event.data.report);
});

// VS Code swaps the body's vscode-light / vscode-dark class when the theme changes.
new MutationObserver(() => render(current)).observe(document.body, { attributes: true, attributeFilter: ['class'] });

const initial = document.getElementById('report-data')?.textContent;
render(initial ? JSON.parse(initial) as ReportData : undefined);
vscode.postMessage({ type: 'ready' });

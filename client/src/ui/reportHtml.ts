// The report page's HTML, a pure function of its inputs: the webview panel uses it, and so does the
// static render for screenshot tests. Strict CSP: only our stylesheet and one nonce'd script run;
// the results travel as inert JSON (type="application/json"), never as inline script.
import type { ReportData } from './reportData';

export interface ReportPageInputs {
	/** `webview.cspSource` (or the static page's origin). */
	cspSource: string;
	nonce: string;
	scriptUri: string;
	styleUri: string;
	report: ReportData | undefined;
}

export function renderReportHtml({ cspSource, nonce, scriptUri, styleUri, report }: ReportPageInputs): string {
	const csp = [
		`default-src 'none'`,
		`style-src ${cspSource}`,
		`img-src ${cspSource} data:`,
		`font-src ${cspSource}`,
		`script-src 'nonce-${nonce}'`,
	].join('; ');
	return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(styleUri)}">
<title>Patchlens report</title>
</head>
<body>
<header>
<h1>Container startup</h1>
<span id="meta"></span>
<div class="actions">
<button id="rerun" class="primary" title="Run the same benchmark again">Run again</button>
<button data-export="json" title="Save the results as JSON">JSON</button>
<button data-export="csv" title="Save the results as CSV">CSV</button>
<button data-export="markdown" title="Save the results as a Markdown table">Markdown</button>
</div>
</header>
<main id="content"></main>
<script id="report-data" type="application/json">${report ? jsonForScript(report) : ''}</script>
<script nonce="${nonce}" src="${escapeAttribute(scriptUri)}"></script>
</body>
</html>`;
}

/** JSON that cannot close the script element or open a comment inside it. */
export function jsonForScript(value: unknown): string {
	return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

function escapeAttribute(value: string): string {
	return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

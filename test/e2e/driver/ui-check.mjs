// What a person sees: open a file in a running code-server (with the extension under development loaded),
// wait for a squiggle in the editor and for a row in the Problems panel, print the row, take a screenshot.
// Exit 0 if both appeared, 1 if not (the screenshot is taken either way), 3 on bad usage.
// Usually started by `e2e.sh --ui`, which brings up a throw-away code-server first.
//
// Env:
//   CS_URL            code-server address (default http://127.0.0.1:8123)
//   WORKSPACE         absolute folder to open (required)
//   EXT_DEV_PATH      absolute extension folder to load as extensionDevelopmentPath (optional)
//   UI_FILE           file to open, relative to WORKSPACE (default Dockerfile)
//   UI_LINE_TEXT      text of an editor line to wait for before looking for squiggles (optional)
//   UI_PROBLEM_TEXT   text the Problems row must contain, e.g. a rule code or message (required)
//   UI_SEVERITY       error | warning | info | any (default any): which squiggle to wait for
//   SCREENSHOT        png path (default ui.png)
//   UI_TIMEOUT_MS     per-step timeout (default 30000; the workbench itself gets 2x)
//   CHROMIUM          browser binary (default /usr/bin/chromium)
import { chromium } from 'playwright-core';

const env = process.env;
const base = env.CS_URL || 'http://127.0.0.1:8123';
const folder = env.WORKSPACE;
const file = env.UI_FILE || 'Dockerfile';
const problemText = env.UI_PROBLEM_TEXT;
const severity = env.UI_SEVERITY || 'any';
const shot = env.SCREENSHOT || 'ui.png';
const timeout = Number(env.UI_TIMEOUT_MS || 30000);
if (!folder || !problemText) {
  console.error('ui-check: set WORKSPACE (absolute path) and UI_PROBLEM_TEXT (text expected in the Problems row)');
  process.exit(3);
}
const squiggle = severity === 'any'
  ? '.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning, .monaco-editor .squiggly-info'
  : `.monaco-editor .squiggly-${severity}`;

const authority = new URL(base).host;
const payload = env.EXT_DEV_PATH ? [['extensionDevelopmentPath', `vscode-remote://${authority}${env.EXT_DEV_PATH}`]] : null;
const url = `${base}/?folder=${encodeURIComponent(folder)}` + (payload ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : '');

const browser = await chromium.launch({
  executablePath: env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic',
    '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
});
const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
const t0 = Date.now();
const step = (msg) => console.log(`ui-check: ${msg} (${Date.now() - t0} ms)`);

// A top-level file is clicked in the Explorer (what a person does); a nested one goes through Quick Open.
async function openFile() {
  if (!file.includes('/')) {
    const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: file }).first();
    try {
      await row.click({ timeout });
      return;
    } catch {
      step(`"${file}" not clickable in the Explorer, trying Quick Open`);
    }
  }
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout });
  await input.fill(file);
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout });
  await page.keyboard.press('Enter');
}

let ok = false;
try {
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ timeout: 2 * timeout });
  step('workbench loaded');
  await openFile();
  await page.locator('.monaco-editor .view-line', env.UI_LINE_TEXT ? { hasText: env.UI_LINE_TEXT } : {}).first().waitFor({ timeout });
  step(`opened ${file}`);
  await page.locator(squiggle).first().waitFor({ timeout });
  step(`squiggles present: ${await page.locator(squiggle).count()}`);
  await page.keyboard.press('Control+Shift+M'); // View: Problems
  const row = page.locator('.markers-panel .monaco-list-row', { hasText: problemText }).first();
  await row.waitFor({ timeout });
  console.log('ui-check: problems row:', (await row.innerText()).replace(/\s+/g, ' ').trim());
  ok = true;
} catch (e) {
  console.log('ui-check: FAILED:', e.message.split('\n')[0]);
}
await page.screenshot({ path: shot }).catch((e) => console.log('ui-check: screenshot failed:', e.message));
console.log(`ui-check: ${ok ? 'passed' : 'failed'} in ${Date.now() - t0} ms; screenshot ${shot}`);
await browser.close();
process.exit(ok ? 0 : 1);

// The UI tour: what a person sees of Patchlens in a real VS Code (code-server + chromium), with
// screenshots. Run by scripts/test-e2e.sh through `e2e.sh --ui` (UI_SCRIPT), after the suites left a
// measured comparison in the results store (PATCHLENS_RESULTS_DIR).
//   1. Dockerfile: squiggles, and the Problems panel lists DL3006         -> problems.png
//   2. bench/Dockerfile: code lenses with measured figures                -> lenses.png
//   3. "Patchlens: Show the Last Benchmark Report": the webview renders   -> report-dark.png, report-light.png
//      box plots, tables and the comparison, in the dark and light theme
//   4. click the estimated lens of the unmeasured FROM: progress shows,    -> progress.png
//      its Cancel button stops the run: "containers were removed"
//   5. "Patchlens: Benchmark an Image…" lists the file's FROMs and local images -> pick-image.png
//   6. "Patchlens: Roll Out the Bump on a Swarm" on rollout/Containerfile: the report's rollout section
//      (replicas ready over time, per-task phase bars) after a real update on the private swarm -> rollout.png
// Env: CS_URL, WORKSPACE, EXT_DEV_PATH (from e2e.sh), SCREENSHOT_DIR (default out/e2e-screenshots).
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const env = process.env;
const base = env.CS_URL || 'http://127.0.0.1:8123';
const dir = env.SCREENSHOT_DIR || 'out/e2e-screenshots';
const timeout = Number(env.UI_TIMEOUT_MS || 30000);
if (!env.WORKSPACE || !env.EXT_DEV_PATH) {
  console.error('tour: set WORKSPACE and EXT_DEV_PATH (e2e.sh --ui does)');
  process.exit(3);
}
mkdirSync(dir, { recursive: true });
const payload = [['extensionDevelopmentPath', `vscode-remote://${new URL(base).host}${env.EXT_DEV_PATH}`]];
const url = `${base}/?folder=${encodeURIComponent(env.WORKSPACE)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

const browser = await chromium.launch({
  executablePath: env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic',
    '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
});
const page = await (await browser.newContext({ viewport: { width: 1400, height: 860 } })).newPage();
const t0 = Date.now();
const step = (msg) => console.log(`tour: ${msg} (${Date.now() - t0} ms)`);
const shot = async (name) => {
  await page.screenshot({ path: join(dir, name) });
  step(`screenshot ${join(dir, name)}`);
};
const failures = [];
async function check(name, body) {
  try {
    await body();
  } catch (e) {
    failures.push(name);
    console.log(`tour: FAILED ${name}: ${e.message.split('\n')[0]}`);
    await page.screenshot({ path: join(dir, `failed-${name.replace(/\W+/g, '-')}.png`) }).catch(() => {});
  }
}

async function quickOpen(file) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout });
  await input.fill(file);
  const [folder, name] = file.includes('/') ? [file.slice(0, file.lastIndexOf('/')), file.split('/').pop()] : ['', file];
  // Each row shows the name, then its folder as the description; the workspace root has none.
  const rows = page.locator('.quick-input-list .monaco-list-row', { hasText: name });
  await rows.first().waitFor({ timeout });
  let row = rows.first();
  if (folder) row = rows.filter({ has: page.locator('.label-description', { hasText: folder }) }).first();
  await row.click({ timeout });
  await page.locator('.tabs-container .tab.active', { hasText: name }).first().waitFor({ timeout });
  if (folder) await page.locator('.breadcrumbs-control .monaco-breadcrumb-item', { hasText: folder.split('/').pop() }).first().waitFor({ timeout });
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Picks the row labelled exactly `label` (Enter could pick a fuzzy neighbour, e.g. "Browse Color Themes"). */
async function pickExactly(label) {
  const row = page.locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }) }).first();
  await row.click({ timeout });
}

async function runCommand(title) {
  const input = page.locator('.quick-input-widget input');
  const opened = (ms) => input.waitFor({ state: 'visible', timeout: ms }).then(() => true, () => false);
  // F1 does nothing while a webview has the focus: then open the palette from the command center. A click
  // that lands while the webview takes the focus back can be lost too (seen once in CI): try again.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    if (await opened(1000)) break;
    await page.locator('.command-center').first().click({ timeout });
    if (await opened(attempt < 3 ? 5000 : timeout)) break;
    if (attempt === 3) throw new Error(`the command palette did not open for "${title}"`);
    await page.keyboard.press('Escape');
  }
  await input.fill(`>${title}`);
  await pickExactly(title);
}

/** The report webview's inner frame, once its script rendered something. */
async function reportFrame() {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const state = await frame.locator('body[data-state]').getAttribute('data-state', { timeout: 200 }).catch(() => null);
      if (state && await frame.locator('#content').count().catch(() => 0)) return { frame, state };
    }
    await page.waitForTimeout(200);
  }
  throw new Error('the report webview did not render');
}

/**
 * Waits for a code lens (optionally one containing `text`) in the active editor. No edit, click or focus
 * change helps it: the provider announces new lenses when its inputs (diagnostics, bumps, estimates) land.
 */
async function waitForLens(text) {
  const lens = page.locator('.monaco-editor .codelens-decoration', text ? { hasText: text } : {}).first();
  await lens.waitFor({ timeout }).catch(() => { throw new Error(`no code lens${text ? ` with "${text}"` : ''} within ${timeout} ms`); });
  return lens;
}

const lensTexts = async () => (await page.locator('.monaco-editor .codelens-decoration').allInnerTexts()).map(t => t.replace(/\s+/g, ' ').trim());

await page.goto(url);
await page.locator('.monaco-workbench').waitFor({ timeout: 2 * timeout });
step('workbench loaded');

await check('squiggles and Problems', async () => {
  await quickOpen('Dockerfile');
  await page.locator('.monaco-editor .view-line', { hasText: 'FROM ubuntu' }).waitFor({ timeout });
  await page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error').first().waitFor({ timeout });
  step(`squiggles: ${await page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error').count()}`);
  await page.keyboard.press('Control+Shift+M');
  const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'DL3006' }).first();
  await row.waitFor({ timeout });
  step(`problems row: ${(await row.innerText()).replace(/\s+/g, ' ').trim()}`);
  // Only for a fuller screenshot: the lenses have their own check below. Under load the first lens can take
  // longer than the wait (seen once in CI), which must not fail the squiggle check.
  await waitForLens().catch(() => step('no code lens on this Dockerfile yet; screenshot without it'));
  await shot('problems.png');
});

await check('code lenses with measured figures', async () => {
  await quickOpen('bench/Dockerfile');
  await waitForLens('bump to 3.12.11-slim');
  // The estimate needs the image's layer count from the engine; the lens refreshes when it arrives.
  await waitForLens('(estimated)');
  const texts = await lensTexts();
  step(`lenses: ${JSON.stringify(texts)}`);
  if (!texts.some(t => /^p50 \d+ ms @2 · bump to 3\.12\.11-slim: [−+±]\d+ ms ±\d+ ms, measured/.test(t))) throw new Error(`no measured bump lens in ${texts}`);
  if (!texts.some(t => /^≈ p50 \d+ ms @2 \(estimated\)$/.test(t))) throw new Error('no estimated lens on the unmeasured FROM');
  await runCommand('View: Hide Panel'); // room for the editor
  await shot('lenses.png');
});

await check('report webview', async () => {
  await runCommand('Patchlens: Show the Last Benchmark Report');
  const { frame, state } = await reportFrame();
  // The report opens beside the Dockerfile without taking focus; give it the editor area: a double click
  // on its tab expands its group, and the side bar goes away.
  const tab = page.locator('.tabs-container .tab', { hasText: 'Patchlens Report' }).first();
  await tab.click({ timeout });
  await tab.dblclick({ timeout });
  await runCommand('View: Toggle Primary Side Bar Visibility');
  await page.waitForTimeout(800);
  if (state !== 'rendered') throw new Error(`report state ${state}`);
  await page.waitForTimeout(500);
  const canvases = await frame.locator('canvas').count();
  const headings = await frame.locator('h2').allInnerTexts();
  const comparison = (await frame.locator('table.comparisons tbody tr').first().innerText()).replace(/\s+/g, ' ');
  step(`report: ${canvases} charts; sections ${JSON.stringify(headings)}; first comparison: ${comparison}`);
  if (canvases < 2) throw new Error(`only ${canvases} charts`);
  if (!/python:3\.12\.11-slim python:3\.12\.1-slim/.test(comparison)) throw new Error(`unexpected comparison row ${comparison}`);
  // Whichever theme the workbench starts in, screenshot it, switch to the other kind, screenshot again.
  const dark = await page.locator('.monaco-workbench.vs-dark').count() > 0;
  await shot(dark ? 'report-dark.png' : 'report-light.png');
  const other = dark ? 'Light Modern' : 'Dark Modern';
  await runCommand('Preferences: Color Theme');
  const input = page.locator('.quick-input-widget input');
  await input.fill(other);
  await pickExactly(other);
  await page.locator(dark ? '.monaco-workbench.vs' : '.monaco-workbench.vs-dark').waitFor({ timeout });
  const again = await reportFrame();
  await again.frame.locator(dark ? 'body.vscode-light' : 'body.vscode-dark').waitFor({ timeout });
  await page.waitForTimeout(500);
  await shot(dark ? 'report-light.png' : 'report-dark.png');
});

await check('Cancel from the progress notification', async () => {
  await quickOpen('bench/Dockerfile');
  await waitForLens('(estimated)');
  const lens = page.locator('.monaco-editor .codelens-decoration a', { hasText: '(estimated)' }).first();
  await lens.click({ timeout });
  const toast = page.locator('.notification-toast', { hasText: 'benchmarking' }).first();
  await toast.waitFor({ timeout });
  await page.locator('.statusbar-item', { hasText: 'Benchmarking' }).first().waitFor({ timeout });
  await page.waitForTimeout(1500);
  await shot('progress.png');
  await toast.hover();
  await toast.locator('.monaco-button', { hasText: 'Cancel' }).click({ timeout });
  const done = page.locator('.notification-toast', { hasText: 'Benchmark cancelled' }).first();
  await done.waitFor({ timeout });
  step(`after cancel: ${(await done.innerText()).replace(/\s+/g, ' ').trim()}`);
  if (!/containers were removed/.test(await done.innerText())) throw new Error('the cancel message does not say the containers were removed');
});

await check('Benchmark an Image… lists the file\'s FROMs and the local images', async () => {
  await quickOpen('bench/Dockerfile');
  await runCommand('Patchlens: Benchmark an Image…');
  const rows = page.locator('.quick-input-list .monaco-list-row');
  await rows.filter({ hasText: 'FROM, line 6' }).first().waitFor({ timeout });
  await rows.filter({ hasText: 'python:3.12.11-slim' }).first().waitFor({ timeout });
  const texts = (await rows.allInnerTexts()).map(t => t.replace(/\s+/g, ' ').trim());
  step(`image picker: ${texts.length} rows, first ${JSON.stringify(texts.slice(0, 4))}`);
  if (!texts.some(t => /Local images/.test(t))) throw new Error('no "Local images" group');
  await shot('pick-image.png');
  await page.keyboard.press('Escape');
});

await check('Roll out the bump on a swarm: availability chart and task phases', async () => {
  await quickOpen('rollout/Containerfile');
  await runCommand('Patchlens: Roll Out the Bump on a Swarm');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout });
  // Offline there is no proposed bump and the command asks for the image; if a list shows, take "Another image…".
  const other = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Another image' }).first();
  if (await other.isVisible().catch(() => false)) await other.click({ timeout });
  await input.fill('127.0.0.1:5000/patchlens/service:2');
  await page.keyboard.press('Enter');
  await page.locator('.notification-toast', { hasText: 'rolling out' }).first().waitFor({ timeout });
  step('rollout running');
  await page.locator('.notification-toast', { hasText: 'rolling out' }).first().waitFor({ state: 'hidden', timeout: 4 * timeout });
  const toasts = async () => JSON.stringify((await page.locator('.notification-toast').allInnerTexts()).map(t => t.replace(/\s+/g, ' ').trim()));
  step(`rollout finished; notifications: ${await toasts()}`);
  const rolloutFrame = async (ms) => {
    const deadline = Date.now() + ms;
    do {
      for (const f of page.frames()) if (await f.locator('section#rollout canvas').count().catch(() => 0)) return f;
      await page.waitForTimeout(300);
    } while (Date.now() < deadline);
    return undefined;
  };
  let frame = await rolloutFrame(15000);
  if (!frame) {
    // Seen once in a full run: the report panel stayed behind another tab. Note it, and open it the way a user would.
    step('the report did not come forward by itself; opening it with "Show the Last Benchmark Report"');
    await runCommand('Patchlens: Show the Last Benchmark Report');
    frame = await rolloutFrame(timeout);
  }
  if (!frame) throw new Error(`the report shows no rollout section; notifications: ${await toasts()}`);
  await page.waitForTimeout(800);
  const charts = await frame.locator('section#rollout canvas').count();
  const row = (await frame.locator('table.rollout tbody tr').first().innerText()).replace(/\s+/g, ' ');
  step(`rollout section: ${charts} charts; ${row}`);
  if (charts < 2) throw new Error(`only ${charts} rollout charts`);
  if (!/^update completed/.test(row)) throw new Error(`unexpected rollout row ${row}`);
  await shot('rollout.png');
});

console.log(`tour: ${failures.length ? `failed (${failures.join(', ')})` : 'passed'} in ${Date.now() - t0} ms`);
await browser.close();
process.exit(failures.length ? 1 : 0);

// Run a VS Code extension's test suite (extensionTestsPath: a module exporting run()) inside the REAL
// Node extension host of a running code-server, headless, driven by Debian chromium through playwright-core.
// Exit code = the extension host's test exit code (0 pass, 1 fail), 2 on timeout, 3 on bad usage.
// Usually started by e2e.sh, which brings up a throw-away code-server first.
//
// Env: CS_URL (default http://127.0.0.1:8123), EXT_DEV_PATH, EXT_TESTS_PATH, WORKSPACE (absolute paths on
// the code-server machine), SCREENSHOT (optional .png, taken when the suite ends), TEST_TIMEOUT_MS
// (default 120000), CHROMIUM (default /usr/bin/chromium), E2E_VERBOSE=1 (print the workbench's noise too).
import { chromium } from 'playwright-core';
import { format } from 'node:util';

const base = process.env.CS_URL || 'http://127.0.0.1:8123';
const { EXT_DEV_PATH: ext, EXT_TESTS_PATH: tests, WORKSPACE: folder, SCREENSHOT: shot } = process.env;
const timeoutMs = Number(process.env.TEST_TIMEOUT_MS || 120000);
if (!ext || !tests || !folder) {
  console.error('run-ext-tests: set EXT_DEV_PATH, EXT_TESTS_PATH and WORKSPACE (absolute paths)');
  process.exit(3);
}

// code-server has no --extensionDevelopmentPath/--extensionTestsPath flags. The browser workbench reads
// them from the `payload` query parameter (BrowserWorkbenchEnvironmentService); vscode-remote:// URIs
// point at the server's file system, so the extension runs in the server's Node extension host.
const remote = (p) => `vscode-remote://${new URL(base).host}${p}`;
const payload = [['extensionDevelopmentPath', remote(ext)], ['extensionTestsPath', remote(tests)]];
const url = `${base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  // The background-networking flags keep chromium from trying to reach Google (no outside network here).
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic',
    '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
});
const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();

// Workbench chatter that says nothing about the extension under test.
const noise = /iframe which has both|Creating a socket|connection token|Service Worker|service worker controller|Overwriting extension|ChatSession|took \d+ms|builtin extensions cache|Failed to load resource|open-vsx|web worker extension host is started/;
const verbose = process.env.E2E_VERBOSE === '1';
page.on('console', async (m) => {
  // The extension host forwards console.* as ('%c INFO', css, fmt, ...args): drop the first two, then format.
  let text;
  try {
    let args = await Promise.all(m.args().map((a) => a.jsonValue()));
    if (typeof args[0] === 'string' && args[0].startsWith('%c')) args = args.slice(2);
    text = format(...args);
  } catch {
    text = m.text();
  }
  if (text.trim() && (verbose || !noise.test(text))) console.log(m.type() === 'error' ? `[ERR] ${text}` : text);
});
page.on('pageerror', (e) => console.log('[pageerror]', e.message));

let resolveExit;
const exited = new Promise((r) => (resolveExit = r));
// When the tests module's run() settles, the workbench (extensionService._onExtensionHostExit) calls
// window.codeAutomationExit(code).
await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
const t0 = Date.now();
let timer;
await page.goto(url);
const code = await Promise.race([exited, new Promise((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)))]);
clearTimeout(timer);
console.log(`run-ext-tests: extension tests finished: ${code === 'timeout' ? `timeout after ${timeoutMs} ms` : `exit ${code}`} in ${Date.now() - t0} ms`);
// Note: by now the extension host has stopped, so diagnostics are gone from the UI (use ui-check.mjs for that).
if (shot) await page.screenshot({ path: shot }).catch((e) => console.log('run-ext-tests: screenshot failed:', e.message));
await browser.close();
process.exit(code === 'timeout' ? 2 : Number(code) || 0);

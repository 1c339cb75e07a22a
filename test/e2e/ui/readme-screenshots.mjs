// Copies the UI tour's best screenshots into media/screenshots/ at README size (1000 px wide), scaled
// by chromium (no image tools needed). Run after `npm run test:e2e`: node test/e2e/ui/readme-screenshots.mjs
import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync, statSync } from 'node:fs';

const picks = { 'lenses.png': 'lenses.png', 'progress.png': 'progress.png', 'report-dark.png': 'report.png', 'rollout.png': 'rollout.png' };
const width = 1000;
mkdirSync('media/screenshots', { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width, height: 600 } });
for (const [from, to] of Object.entries(picks)) {
  const data = readFileSync(`out/e2e-screenshots/${from}`).toString('base64');
  await page.setContent(`<body style="margin:0"><img id="shot" style="display:block;width:${width}px" src="data:image/png;base64,${data}"></body>`);
  await page.locator('#shot').screenshot({ path: `media/screenshots/${to}` });
  console.log(`media/screenshots/${to}: ${Math.round(statSync(`media/screenshots/${to}`).size / 1024)} KB`);
}
await browser.close();

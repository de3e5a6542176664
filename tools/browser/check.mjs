// make report-check: opens a page in the system's headless chromium
// (playwright-core drives it; nothing is downloaded) and checks that it
// renders: no console error or warning, no uncaught exception, no request
// for anything but the page itself, and every <svg> drawn at a non-zero
// size.  Writes a full-page screenshot.
//
//   node tools/browser/check.mjs PAGE.html SCREENSHOT.png
//
// Exit status: 0 the page passes, 1 it does not (each problem on stderr),
// 2 usage or browser error.
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const [page_path, shot] = process.argv.slice(2);
if (!page_path || !shot) {
  console.error('usage: node check.mjs PAGE.html SCREENSHOT.png');
  process.exit(2);
}
const url = pathToFileURL(resolve(page_path)).href;
const problems = [];

let browser;
try {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
} catch (e) {
  console.error(`report-check: chromium did not start: ${e.message.split('\n')[0]}`);
  process.exit(2);
}

try {
  // A projector's width; the screenshot is the whole page.
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning')
      problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught exception: ${e.message}`));
  // The page must be self-contained: any other request is refused.
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (u === url) return route.continue();
    problems.push(`external reference: ${u}`);
    return route.abort();
  });
  await page.goto(url, { waitUntil: 'load' });
  const svgs = await page.$$eval('svg', (list) =>
    list.map((s) => {
      const r = s.getBoundingClientRect();
      const t = s.querySelector('title');
      return { w: r.width, h: r.height, title: t ? t.textContent : '(no title)' };
    }));
  svgs.forEach((s, i) => {
    if (!(s.w > 0 && s.h > 0))
      problems.push(`svg ${i + 1} ("${s.title}") is drawn at ${s.w}x${s.h}`);
  });
  await page.screenshot({ path: shot, fullPage: true });
  await browser.close();
  if (problems.length) {
    problems.forEach((p) => console.error(`report-check: ${p}`));
    console.error(`report-check: ${page_path} FAILED (${problems.length} problems)`);
    process.exit(1);
  }
  console.log(`report-check: ${page_path} renders: ${svgs.length} SVG images ` +
              `drawn, no console errors, no external requests; screenshot ${shot}`);
} catch (e) {
  await browser.close();
  console.error(`report-check: ${e.message.split('\n')[0]}`);
  process.exit(2);
}

/**
 * Photographs the HTML that render.screens.ts wrote (miniprogram/tests/screens/html/*.html) with headless
 * Chromium through playwright-core, into miniprogram/docs/<name>.png. Needs a Chromium on the machine
 * (`apt-get install -y chromium fonts-noto-cjk`); CHROMIUM_PATH overrides where it is.
 *
 *   npx jest -c miniprogram/tests/screens/jest.config.js && node miniprogram/tests/screens/shoot.js
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const HTML = path.join(__dirname, 'html');
const OUT = path.join(__dirname, '..', '..', 'docs');

const main = async () => {
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  try {
    fs.mkdirSync(OUT, { recursive: true });
    const page = await browser.newPage({ viewport: { width: 750, height: 1334 }, deviceScaleFactor: 1 });
    for (const file of fs.readdirSync(HTML).filter((name) => name.endsWith('.html')).sort()) {
      await page.goto(`file://${path.join(HTML, file)}`);
      // As the heatmap opens on the phone (scroll-left at the end): the latest weeks in view.
      await page.evaluate(() => {
        for (const node of document.querySelectorAll('wx-scroll-view')) node.scrollLeft = node.scrollWidth;
        // A full-page photograph: what is fixed to the phone's screen (a reply box, a 发帖 button) goes to the page's end.
        document.body.style.position = 'relative';
        for (const node of document.querySelectorAll('body *')) if (getComputedStyle(node).position === 'fixed') node.style.position = 'absolute';
      });
      const target = path.join(OUT, file.replace(/\.html$/, '.png'));
      await page.screenshot({ path: target, fullPage: true });
      process.stdout.write(`${path.relative(process.cwd(), target)}\n`);
    }
  } finally {
    await browser.close();
  }
};

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});

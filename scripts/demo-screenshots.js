#!/usr/bin/env node
// Takes headless-Chromium screenshots of the viewer, so a user without a desktop sees the demo
// work:  node scripts/demo-screenshots.js FOLDER_VIEWER_URL LOG_VIEWER_URL OUT_DIR
// Writes OUT_DIR/folder.png and OUT_DIR/log.png and prints their paths.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { launchChromium } = require('../tests/browser/lib/harness');

async function shoot(browser, url, file) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url, { waitUntil: 'networkidle' });
  // The viewer marks the page when it has drawn what it was asked for.
  await page.waitForFunction(() => document.body.dataset.ready !== undefined &&
                                   document.body.dataset.ready !== 'loading',
                             null, { timeout: 30000 }).catch(() => {});
  await page.screenshot({ path: file });
  await page.close();
}

async function main() {
  const [folderUrl, logUrl, outDir] = process.argv.slice(2);
  if (!outDir) {
    console.error('usage: demo-screenshots.js FOLDER_VIEWER_URL LOG_VIEWER_URL OUT_DIR');
    process.exit(2);
  }
  fs.mkdirSync(outDir, { recursive: true });
  const chromium = await launchChromium();
  try {
    const folderPng = path.join(outDir, 'folder.png');
    const logPng = path.join(outDir, 'log.png');
    await shoot(chromium.browser, folderUrl, folderPng);
    await shoot(chromium.browser, logUrl, logPng);
    console.log(folderPng);
    console.log(logPng);
  } finally {
    await chromium.close();
  }
}

main().catch((err) => {
  console.error(`demo-screenshots: ${err.message}`);
  process.exit(1);
});

// The viewer core's RE2 runs as WebAssembly inside Chromium, under the page's strict CSP.
'use strict';

const assert = require('node:assert/strict');
const { test, before, after } = require('node:test');

const { webDir, serveStatic, launchChromium } = require('./lib/harness');

let site;
let chromium;
let page;
const pageErrors = [];

before(async () => {
  site = await serveStatic(webDir());
  chromium = await launchChromium();
  page = await chromium.browser.newPage();
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  page.on('console', (msg) => { if (msg.type() === 'error') pageErrors.push(msg.text()); });
  await page.goto(`${site.origin}/index.html`);
  await page.waitForFunction(() => document.body.dataset.ready !== undefined);
});

after(async () => {
  await chromium?.close();
  await site?.close();
});

test('the page loads the Wasm core with no CSP violation or error', async () => {
  assert.equal(await page.evaluate(() => document.body.dataset.ready), 'true');
  assert.deepEqual(pageErrors, []);
});

test('RE2 inside Wasm classifies line severities', async () => {
  const results = await page.evaluate(() => [
    '2013-09-10 12:34:56.789 1234 ERROR nova.compute.manager [-] boom',
    'Mar 28 12:20:42.377230 host cinder-api[8526]: WARNING cinder.api [-] x',
    'Traceback (most recent call last):',
    'no ERROR here',
  ].map((line) => window.logstowCore.classifySeverity(line)));
  // A Python traceback header states ERROR (TRACE is the level below DEBUG: viewer/severity.h).
  assert.deepEqual(results, ['ERROR', 'WARNING', 'ERROR', 'NONE']);
});

test('the module really is WebAssembly (not a JS fallback)', async () => {
  const usesWasm = await page.evaluate(async () => {
    const response = await fetch('logstow_viewer.wasm');
    const bytes = new Uint8Array(await response.arrayBuffer());
    return WebAssembly.validate(bytes) && response.headers.get('content-type');
  });
  assert.equal(usesWasm, 'application/wasm');
});

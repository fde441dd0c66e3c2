// The main job end to end, as scripts/demo runs it: scripts/demo-job (the same script, not a
// copy) against the test Swift sets Swift up, publishes the viewer into Swift, issues a token and
// uploads the sample logs; then Chromium opens the URL it printed. The folder shows every uploaded
// file, and a log shows its ERROR lines highlighted.
'use strict';

const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { test, before, after } = require('node:test');

const { launchChromium, artifactPath } = require('./lib/harness');

const ROOT = path.resolve(__dirname, '..', '..');
let chromium;
let viewerUrl;
let demoLogs;

// The folder URL inside the viewer URL's q=, plus `suffix`, as a viewer URL again.
function viewerFor(suffix, extra = '') {
  const url = new URL(viewerUrl);
  const q = url.searchParams.get('q');
  return `${url.origin}${url.pathname}?q=${encodeURIComponent(q + suffix)}${extra}`;
}

async function open(url) {
  const page = await chromium.browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  await page.goto(url);
  await page.waitForFunction(() => ['true', 'error'].includes(document.body.dataset.ready),
    null, { timeout: 60000 });
  assert.equal(await page.evaluate(() => document.body.dataset.ready), 'true',
    await page.evaluate(() => document.body.innerText.slice(0, 500)));
  assert.deepEqual(errors, []);
  return page;
}

async function folderNames(page) {
  return page.$$eval('#folder-rows .frow:not(.parent)', (rows) => rows.map((r) => r.dataset.name));
}

before(async () => {
  const cli = process.env.LOGSTOW_CLI;
  assert.ok(cli && process.env.LOGSTOW_SWIFT_DIR, 'run through ctest (LOGSTOW_CLI, LOGSTOW_SWIFT_DIR)');
  const stdout = execFileSync(path.join(ROOT, 'scripts', 'demo-job'), {
    env: { ...process.env, BUILD_DIR: path.dirname(path.dirname(cli)) },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  viewerUrl = stdout.trim().split('\n').pop();
  demoLogs = path.join(process.env.LOGSTOW_SWIFT_DIR, 'demo-logs');
  chromium = await launchChromium();
});

after(async () => {
  await chromium?.close();
});

test('the printed URL is the viewer, served by Swift, opened on the uploaded folder', () => {
  const url = new URL(viewerUrl);
  assert.match(url.pathname, /\/logviewer\/index\.html$/);
  assert.match(url.searchParams.get('q'), /\/logs\/demo\/[^/]+\/$/);
});

test('the folder view lists every uploaded file, folder by folder', async () => {
  const top = await open(viewerUrl);
  await top.screenshot({ path: artifactPath('demo-folder.png') });
  const expectedTop = fs.readdirSync(demoLogs).concat(['index.html', 'zuul-manifest.json']);
  const shown = await folderNames(top);
  for (const name of expectedTop) {
    assert.ok(shown.some((n) => n === name || n === `${name}/`), `${name} missing from ${shown}`);
  }
  await top.close();
  for (const folder of ['logs', 'terminal']) {
    const page = await open(viewerFor(`${folder}/`));
    const names = (await folderNames(page)).filter((n) => n !== 'index.html');
    assert.deepEqual(names.sort(), fs.readdirSync(path.join(demoLogs, folder)).sort());
    await page.close();
  }
});

test('a log shows its ERROR lines highlighted', async () => {
  const page = await open(viewerFor('logs/screen-neutron-l3.txt.gz', '&severity=ERROR'));
  await page.waitForSelector('#log .row.sev-error');
  const rows = await page.$$eval('#log .row', (r) => r.map((row) => ({
    classes: row.className, text: row.querySelector('.tx').textContent })));
  const errors = rows.filter((r) => r.classes.includes('sev-error'));
  assert.ok(errors.length > 0);
  assert.ok(errors.every((r) => / ERROR /.test(r.text) || r.classes.includes('inherited')),
    'rows marked ERROR are ERROR lines (or their continuation)');
  const color = await page.$eval('#log .row.sev-error', (row) => getComputedStyle(row).backgroundColor);
  assert.notEqual(color, 'rgba(0, 0, 0, 0)', 'ERROR rows are highlighted');
  await page.screenshot({ path: artifactPath('demo-log.png') });
  await page.close();
});

// The viewer as an operator deploys it (README "Deployment"): `logstow publish-viewer
// --viewer-origin http://localhost:<port>` puts it into a staticweb container of the test Swift,
// read as http://localhost:<port>/…, while the logs are read from the same Swift as
// http://127.0.0.1:<port>/… — two origins, one Swift. Checks: a folder and a log open from the
// published viewer; a job's report.html with a script, opened via Raw, cannot reach the viewer
// (no dialog there, window.opener null, the viewer's DOM unchanged); every q= refusal names the
// problem (and the allowed origins) with no request leaving for a foreign origin, also with an
// empty allow-list or no config.json (this page's own origin only); publish-viewer refuses a
// shared origin.
'use strict';

const assert = require('node:assert/strict');
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { promisify } = require('node:util');
const { test, before, after } = require('node:test');

const { webDir, serveStatic, launchChromium } = require('./lib/harness');
const { Swift } = require('./lib/swift');
const { pageProblems, waitReady } = require('./lib/viewer_page');

const execFileAsync = promisify(execFile);

let swift;
let chromium;
let logs;
let viewerContainer;
let viewerUrl;      // http://localhost:<port>/v1/AUTH_test/<viewer container>/index.html
let viewerOrigin;
let logsOrigin;

function cli() {
  return process.env.LOGSTOW_CLI;
}

before(async () => {
  swift = await Swift.connect();
  logsOrigin = swift.origin;  // http://127.0.0.1:<port>
  viewerOrigin = logsOrigin.replace('127.0.0.1', 'localhost');
  // The viewer container as swift-setup makes it: public, staticweb index.
  viewerContainer = `viewer-deployed-${process.pid}`;
  const r = await swift.admin('PUT', swift.containerUrl(viewerContainer), {
    'X-Container-Read': '.r:*,.rlistings', 'X-Container-Meta-Web-Index': 'index.html' });
  assert.ok(r.status === 201 || r.status === 202);
  const published = await execFileAsync(cli(), ['publish-viewer', '--credentials',
    path.join(process.env.LOGSTOW_SWIFT_DIR, 'env'), '--web-dir', webDir(),
    '--viewer-container', viewerContainer, '--viewer-origin', viewerOrigin]);
  viewerUrl = published.stdout.trim();
  assert.equal(viewerUrl, `${viewerOrigin}${new URL(swift.storageUrl).pathname}/${viewerContainer}/index.html`);

  logs = await swift.createContainer('deployed-logs', { origins: [viewerOrigin] });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lsv-deployed-'));
  fs.writeFileSync(path.join(dir, 'job-output.txt'), '2026-12-06 10:00:00.000 | ERROR it broke\n');
  // A job-written page whose script tries to reach whatever opened it.
  fs.writeFileSync(path.join(dir, 'report.html'), `<!doctype html><title>report</title>
<script>
document.title = 'report script ran';
try { window.opener && window.opener.alert('reached the viewer'); } catch (e) {}
try { window.opener.document.body.textContent = 'pwned'; } catch (e) {}
try { localStorage.setItem('logstow-theme', 'pwned'); } catch (e) {}
</script>`);
  await swift.upload(logs.name, logs.key, 'job/', dir);
  chromium = await launchChromium();
});

after(async () => {
  await chromium?.close();
  if (logs) await swift.deleteContainer(logs.name);
  if (viewerContainer) await swift.deleteContainer(viewerContainer);
});

async function openDeployed(query, { expectRequestsTo = [viewerOrigin, logsOrigin] } = {}) {
  const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  const requests = [];
  const dialogs = [];
  const problems = [];
  context.on('request', (request) => requests.push(request.url()));
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    dialog.dismiss().catch(() => {});
  });
  page.on('pageerror', (err) => problems.push(String(err)));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${viewerUrl}${query}`);
  await waitReady(page);
  const foreign = () => requests.filter((u) => !expectRequestsTo.includes(new URL(u).origin));
  return { page, context, requests, dialogs, problems, foreign };
}

test('publish-viewer refuses to put the viewer on the logs\' origin, and says how to deploy instead', async () => {
  await assert.rejects(execFileAsync(cli(), ['publish-viewer', '--credentials',
    path.join(process.env.LOGSTOW_SWIFT_DIR, 'env'), '--web-dir', webDir(),
    '--viewer-container', viewerContainer, '--viewer-origin', logsOrigin]),
  (error) => {
    assert.equal(error.code, 2);
    assert.match(error.stderr, /a job's \.html or \.svg/);
    assert.match(error.stderr, /--viewer-origin/);
    return true;
  });
  // The published config.json names the storage origin only.
  const config = await swift.admin('GET', `${swift.containerUrl(viewerContainer)}/config.json`, { 'Accept-Encoding': 'identity' });
  assert.equal(config.status, 200);
  assert.deepEqual(JSON.parse(require('node:zlib').gunzipSync(config.body)), { allowed_origins: [logsOrigin] });
});

test('the deployed viewer (its own origin) opens a folder and a log from the logs origin', async () => {
  const opened = await openDeployed(`?q=${encodeURIComponent(`${logs.url}/job/`)}`);
  const { page } = opened;
  assert.equal(new URL(page.url()).origin, viewerOrigin);
  assert.equal(await page.evaluate(() => document.body.dataset.ready), 'true');
  const names = await page.$$eval('#folder-rows .frow:not(.parent)', (rows) => rows.map((r) => r.dataset.name));
  assert.deepEqual(names.sort(), ['index.html', 'job-output.txt', 'report.html', 'zuul-manifest.json']);
  await Promise.all([page.waitForURL(/job-output\.txt/), page.click('.frow[data-name="job-output.txt"] a.entry')]);
  await waitReady(page);
  assert.equal(await page.evaluate(() => document.body.dataset.mode), 'file');
  assert.deepEqual(opened.foreign(), []);
  assert.deepEqual(opened.problems, []);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  await opened.context.close();
});

test('a job\'s report.html with a script, opened via Raw, cannot reach the viewer', async () => {
  const opened = await openDeployed(`?q=${encodeURIComponent(`${logs.url}/job/`)}`);
  const { page, context } = opened;
  // Once the manifest's sizes are in and the build search's box is drawn (its module is
  // imported after the listing is asked for, and may come last on a busy machine), the page no
  // longer changes by itself.
  await page.waitForSelector('.frow[data-name="report.html"] .size .stored');
  await page.waitForSelector('#build-search');
  // The DOM's text and elements (innerText would also change with layout: a toolbar that wraps).
  const domState = () => page.evaluate(() => `${document.getElementsByTagName('*').length} ${document.body.textContent}`);
  const before = await domState();
  const theme = await page.evaluate(() => localStorage.getItem('logstow-theme'));
  const raw = page.locator('.frow[data-name="report.html"] a.rawlink');
  assert.equal(await raw.getAttribute('rel'), 'noopener noreferrer');
  const [popup] = await Promise.all([context.waitForEvent('page'), raw.click()]);
  const popupDialogs = [];
  popup.on('dialog', (d) => {
    popupDialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  await popup.waitForLoadState('load');
  await popup.waitForFunction(() => document.title === 'report script ran');
  assert.equal(new URL(popup.url()).origin, logsOrigin, 'the job page runs in the logs origin');
  assert.equal(await popup.evaluate(() => window.opener), null);
  assert.deepEqual(opened.dialogs, [], 'no dialog in the viewer');
  assert.deepEqual(popupDialogs, [], 'the script had no opener to call');
  assert.equal(await domState(), before, 'viewer DOM unchanged');
  assert.equal(await page.evaluate(() => localStorage.getItem('logstow-theme')), theme, 'viewer storage untouched');
  await popup.close();
  await context.close();
});

test('every q= refusal names its problem, and nothing is requested from a foreign origin', async () => {
  const cases = [
    ['?q=%', 'malformed', /malformed/],
    ['?q=%E0%A4%A', 'malformed', /malformed/],
    [`?q=${encodeURIComponent(`${logs.url}/job/`)}&q=${encodeURIComponent('https://attacker.example/x.log')}`, 'repeated', /more than once/],
    [`?q=${encodeURIComponent('https://attacker.example/evil.log')}`, 'origin', new RegExp(`opens logs from ${logsOrigin.replace(/[.]/g, '\\.')} only`)],
    [`?q=${encodeURIComponent(`${viewerOrigin}/v1/AUTH_test/other/x.log`)}`, 'origin', /is not one of the log servers/],
  ];
  for (const [query, code, reason] of cases) {
    const opened = await openDeployed(query, { expectRequestsTo: [viewerOrigin] });
    const { page } = opened;
    assert.equal(await page.$eval('#message', (m) => `${m.dataset.kind} ${m.dataset.refusal}`), `refused ${code}`, query);
    assert.match(await page.textContent('#message'), reason, query);
    assert.deepEqual(opened.foreign(), [], query);
    assert.equal(await page.$$eval('#message a', (a) => a.length), 0, 'no link to a refused address');
    await opened.context.close();
  }
});

test('an empty allow-list means this page\'s own origin only, never any', async () => {
  const site = await serveStatic(webDir(), { '/config.json': ['application/json', '{"allowed_origins": []}'] });
  try {
    const context = await chromium.browser.newContext();
    const page = await context.newPage();
    const requests = [];
    context.on('request', (r) => requests.push(r.url()));
    await page.goto(`${site.origin}/index.html?q=${encodeURIComponent(`${logs.url}/job/job-output.txt`)}`);
    await waitReady(page);
    assert.equal(await page.$eval('#message', (m) => m.dataset.refusal), 'origin');
    assert.match(await page.textContent('#message'), new RegExp(`opens addresses on ${site.origin.replace(/[.]/g, '\\.')} only`));
    assert.deepEqual(requests.filter((u) => new URL(u).origin !== site.origin), []);
    await context.close();
  } finally {
    await site.close();
  }
});

test('no config.json (HTTP 404) is said as such, on a refusal and on the landing page', async () => {
  const site = await serveStatic(webDir());
  const context = await chromium.browser.newContext();
  try {
    await context.route(`${site.origin}/config.json`, (route) => route.fulfill({ status: 404, body: 'not found' }));
    const page = await context.newPage();
    const requests = [];
    context.on('request', (r) => requests.push(r.url()));
    await page.goto(`${site.origin}/index.html?q=${encodeURIComponent(`${logs.url}/job/job-output.txt`)}`);
    await waitReady(page);
    assert.equal(await page.$eval('#message', (m) => m.dataset.refusal), 'origin');
    const refusal = await page.textContent('#message');
    assert.match(refusal, new RegExp(`it has no config\\.json \\(HTTP 404\\), so it opens addresses on ${site.origin.replace(/[.]/g, '\\.')} only`));
    assert.doesNotMatch(refusal, /names no log servers/);
    assert.deepEqual(requests.filter((u) => new URL(u).origin !== site.origin), []);
    await page.goto(`${site.origin}/index.html`);
    await page.waitForFunction(() => document.getElementById('origins-status').textContent !== '');
    const landing = await page.textContent('#origins-status');
    assert.match(landing, /its own origin .* only: it has no config\.json \(HTTP 404\); the operator lists storage origins in config\.json "allowed_origins"/);
    assert.doesNotMatch(landing, /names no log servers/);
  } finally {
    await context.close();
    await site.close();
  }
});

test('a missing container is told apart from a CORS block', async () => {
  const opened = await openDeployed(`?q=${encodeURIComponent(`${swift.storageUrl}/no-such-container-${process.pid}/x.log`)}`);
  const { page } = opened;
  assert.match(await page.textContent('#message h1'), /Container missing or not shared/);
  await opened.context.close();
});

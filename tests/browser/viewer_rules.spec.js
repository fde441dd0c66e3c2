// The operator's rule file (config.json "rules", viewer/rules.h, docs/viewer-rules.md), in real
// Chromium against the real local Swift: rules for a house format give its lines their levels
// (colours, chips, filter); a file that does not compile or cannot be read is named in a notice
// and the built-in rules read the log; a rule file on another origin than the viewer's is a
// configuration error, shown before anything is fetched.
'use strict';

const assert = require('node:assert/strict');
const { test, before, after } = require('node:test');

const { webDir, serveStatic, launchChromium } = require('./lib/harness');
const { Swift } = require('./lib/swift');
const { openViewer, pageProblems, drawnRows } = require('./lib/viewer_page');

let swift;
let chromium;
let container;
let logUrl;
const sites = [];

const LOG = [
  '2026-11-30 06:00:00.000 1 INFO nova [-] a line the built-in rules read',
  '<<BAD>> the house format says this failed',
  '<<MEH>> the house format says this is odd',
  'a plain line after it',
].join('\n') + '\n';

const HOUSE_RULES = JSON.stringify({
  logstow_rules: 1,
  severity: [
    { name: 'house-bad', match: '<<(BAD)>>', level: 'ERROR' },
    { name: 'house-meh', match: '<<(MEH)>>', level: 'WARNING' },
  ],
});

// A site whose config.json names `rules`; `files` maps more paths to JSON bodies.
async function siteWith(rules, files = {}) {
  const extra = { '/config.json': ['application/json', JSON.stringify({ allowed_origins: [swift.origin], rules })] };
  for (const [file, body] of Object.entries(files)) extra[file] = ['application/json', body];
  const site = await serveStatic(webDir(), extra);
  sites.push(site);
  await swift.createContainer(container.name, { unique: false, key: container.key,
    origins: sites.map((s) => s.origin) });
  return site;
}

before(async () => {
  swift = await Swift.connect();
  container = await swift.createContainer('viewer-rules', { origins: ['http://127.0.0.1:1'] });
  await swift.put(container.name, 'job/house.log', LOG, { 'Content-Type': 'text/plain' });
  logUrl = `${container.url}/job/house.log`;
  chromium = await launchChromium();
});

after(async () => {
  await chromium?.close();
  for (const site of sites) await site.close();
  if (container) await swift.deleteContainer(container.name);
});

const levels = async (page) => (await drawnRows(page)).map((r) => /\bsev-(\w+)/.exec(r.classes)?.[1] || '');
const notice = (page) => page.$eval('#notice', (box) => (box.hidden ? '' : box.textContent));

test('the rule file config.json names gives the house format its levels', async () => {
  const site = await siteWith('rules.json', { '/rules.json': HOUSE_RULES });
  const opened = await openViewer(chromium.browser, site, logUrl);
  const { page } = opened;
  assert.equal(await page.evaluate(() => document.body.dataset.ready), 'true');
  assert.deepEqual(await levels(page), ['info', 'error', 'warning', 'warning']);
  assert.equal(await page.$eval('#chips .chip[data-level="ERROR"]', (b) => b.textContent), 'ERROR 1');
  assert.equal(await notice(page), '');
  assert.ok(opened.requests.includes(`${site.origin}/rules.json`));
  assert.deepEqual(await pageProblems(opened), []);
  await opened.context.close();
});

test('a rule file that does not compile is named, and the built-in rules read the log', async () => {
  const broken = JSON.stringify({ logstow_rules: 1, severity: [{ name: 'mine', match: '(unclosed', level: 'ERROR' }] });
  const site = await siteWith('rules.json', { '/rules.json': broken });
  const opened = await openViewer(chromium.browser, site, logUrl);
  const { page } = opened;
  assert.match(await notice(page), /rule file \(http:\/\/127\.0\.0\.1:\d+\/rules\.json\) has an error: severity rule 1 \("mine"\): missing \): \(unclosed\. This log is read with the built-in rules\./);
  assert.deepEqual(await levels(page), ['info', 'info', 'info', 'info']);
  assert.deepEqual(await pageProblems(opened), []);
  await opened.context.close();
});

test('a rule file that cannot be read is named, and the built-in rules read the log', async () => {
  const site = await siteWith('missing-rules.json');
  const opened = await openViewer(chromium.browser, site, logUrl);
  const { page } = opened;
  assert.match(await notice(page), /rule file \(http:\/\/127\.0\.0\.1:\d+\/missing-rules\.json\) could not be read \(HTTP 404\)\. This log is read with the built-in rules\./);
  assert.deepEqual(await levels(page), ['info', 'info', 'info', 'info']);
  assert.deepEqual(await pageProblems(opened), []);
  await opened.context.close();
});

test('a rule file on another origin than the viewer\'s is refused before anything is fetched', async () => {
  const elsewhere = `${swift.origin}/rules.json`;
  const site = await siteWith(elsewhere);
  const opened = await openViewer(chromium.browser, site, logUrl);
  const { page } = opened;
  assert.equal(await page.evaluate(() => document.body.dataset.ready), 'error');
  assert.match(await page.$eval('#message', (m) => m.textContent),
    /The viewer is misconfigured.*config\.json: "rules" \(http:\/\/127\.0\.0\.1:\d+\/rules\.json\) must be a rule file on the viewer's own origin/s);
  assert.ok(!opened.requests.some((u) => u.startsWith(swift.origin)), `fetched: ${opened.requests.join(' ')}`);
  assert.deepEqual(await pageProblems(opened), []);
  await opened.context.close();
});

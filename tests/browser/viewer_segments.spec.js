// Large files before `logstow finalize` (issue 13 item 3 follow-up), in real Chromium against the
// small real Swift (fixture swift_small: max_file_size 1 MiB, container_listing_limit 3): a job
// token uploads files over max_file_size as segments under "<prefix>.logstow-segments/"; until
// the trusted side joins them, the folder view lists each under its own name with the index
// page's note ("segmented (N parts, joined after the job)"), its size, and no link, the reserved
// folder still hidden; the segments are read with one more listing, only in the folder that
// holds them (a sub-folder's come from the zuul-manifest.json); opening the file's own address
// says the same instead of a bare "Not found". After finalize, everything is listed as usual.
'use strict';

const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { promisify } = require('node:util');
const { test, before, after } = require('node:test');

const { webDir, serveStatic, launchChromium, artifactPath } = require('./lib/harness');
const { Swift, readEnv } = require('./lib/swift');
const { openViewer, pageProblems } = require('./lib/viewer_page');

const run = promisify(execFile);
const MiB = 1024 * 1024;
// A name with markup and a tab: shown as text, the tab as its Control Picture.
const ODD = 'x<b>y<i>\tz.bin';

let swift;
let site;
let chromium;
let container;
let report;  // the upload's JSON report
let dir;

// As web/format.js formatBytes (an ES module; this test is CommonJS).
function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    ++u;
  }
  return `${v.toFixed(1)} ${units[u]}`;
}

function url(name) {
  return `${container.url}/${name.split('/').map(encodeURIComponent).join('/')}`;
}

function reported(name) {
  const entry = report.objects.find((o) => o.name === name);
  assert.ok(entry, `${name} is in the report`);
  return entry;
}

function storedBytes(name) {
  return reported(name).segments.reduce((sum, s) => sum + s.size, 0);
}

async function rows(page) {
  return page.$$eval('#folder-rows .frow:not(.parent)', (list) => list.map((r) => ({
    name: r.dataset.name,
    label: r.querySelector('.entry').textContent,
    linked: r.querySelector('a.entry') !== null,
    pending: r.querySelector('.entry.pending') !== null,
    note: r.querySelector('.tag.segmented')?.textContent ?? '',
    noteTitle: r.querySelector('.tag.segmented')?.title ?? '',
    size: r.querySelector('.size').textContent,
    bytes: r.querySelector('.size').dataset.bytes,
    stored: r.querySelector('.size').dataset.stored,
    raw: r.querySelector('.rawlink') !== null,
    markup: r.querySelector('.name b') !== null,
  })));
}

async function message(page) {
  return page.$eval('#message', (m) => ({
    title: m.querySelector('h1').textContent,
    paragraphs: [...m.querySelectorAll(':scope > p')].map((p) => p.textContent).slice(0, 2),
  }));
}

async function clean(opened) {
  assert.deepEqual(await pageProblems(opened), []);
  await opened.context.close();
}

const NOTE_TITLE = 'Not joined yet: the job uploaded this file in parts, and `logstow finalize` joins them under its name after the job. Until then it cannot be opened.';

before(async () => {
  assert.ok(process.env.LOGSTOW_SWIFT_SMALL_DIR, 'run through ctest (fixture swift_small)');
  assert.ok(process.env.LOGSTOW_CLI, 'run through ctest (LOGSTOW_CLI)');
  swift = await Swift.connect(process.env.LOGSTOW_SWIFT_SMALL_DIR);
  site = await serveStatic(webDir());
  container = await swift.createContainer('segments', { origins: [site.origin] });
  chromium = await launchChromium();

  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lsv-segments-'));
  const lines = [];
  for (let size = 0; size < 3 * MiB; size += 65) lines.push(crypto.randomBytes(32).toString('hex'));
  fs.writeFileSync(path.join(dir, 'big.txt'), `${lines.join('\n')}\n`);
  fs.writeFileSync(path.join(dir, ODD), crypto.randomBytes(MiB + MiB / 2));
  fs.writeFileSync(path.join(dir, 'small.txt'), 'small\n');
  fs.mkdirSync(path.join(dir, 'logs'));
  fs.writeFileSync(path.join(dir, 'logs', 'deep.bin'), crypto.randomBytes(MiB + 5));
  fs.writeFileSync(path.join(dir, 'logs', 'small.txt'), 'deep small\n');
  const issued = await run(process.env.LOGSTOW_CLI, ['token', 'issue', '--storage-url', swift.storageUrl,
    '--container', container.name, '--prefix', 'seg/', '--ttl', '1h'],
  { env: { ...process.env, LOGSTOW_TEMPURL_KEY: container.key } });
  const reportFile = `${dir}-report.json`;
  // With index pages and the manifest, as a job uploads.
  await run(process.env.LOGSTOW_CLI, ['upload', dir, '--progress', 'none', '--json', reportFile],
    { env: { ...process.env, LOGSTOW_TOKEN: issued.stdout.trim() } });
  report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
  report.file = reportFile;
  for (const name of ['big.txt', ODD, 'logs/deep.bin']) assert.equal(reported(name).status, 'segmented', name);
  assert.equal(reported('big.txt').segments.length, 2, 'hex text gzips to about 1.8 MiB: two 1 MiB segments');
  assert.equal(reported(ODD).segments.length, 2);
  assert.equal(reported('logs/deep.bin').segments.length, 2);
  await swift.waitListed(container.name, 'seg/', ['seg/small.txt', 'seg/logs/small.txt', 'seg/zuul-manifest.json',
    ...['big.txt', ODD, 'logs/deep.bin'].flatMap((n) => reported(n).segments.map((s) => s.object))]);
});

after(async () => {
  await chromium?.close();
  await site?.close();
  if (container) await swift.deleteContainer(container.name);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  if (report) fs.rmSync(report.file, { force: true });
});

test('before finalize: the folder lists each segmented file with the index page\'s note, its size, no link', async () => {
  const opened = await openViewer(chromium.browser, site, url('seg/'));
  const { page } = opened;
  // The manifest's original sizes arrive after the listing.
  await page.waitForFunction(() => document.querySelector('.frow[data-name="big.txt"] .size')?.dataset.stored !== undefined);
  const shown = await rows(page);
  assert.deepEqual(shown.map((r) => r.name), ['big.txt', 'index.html', 'logs', 'small.txt', ODD, 'zuul-manifest.json'],
    'in Swift\'s order; the reserved folder hidden');
  const big = shown.find((r) => r.name === 'big.txt');
  assert.deepEqual(big, { name: 'big.txt', label: 'big.txt', linked: false, pending: true,
    note: 'segmented (2 parts, joined after the job)', noteTitle: NOTE_TITLE,
    size: `${formatBytes(fs.statSync(path.join(dir, 'big.txt')).size)} (${formatBytes(storedBytes('big.txt'))} stored)`,
    bytes: String(fs.statSync(path.join(dir, 'big.txt')).size), stored: String(storedBytes('big.txt')),
    raw: false, markup: false });
  const odd = shown.find((r) => r.name === ODD);
  assert.equal(odd.label, 'x<b>y<i>\u2409z.bin', 'markup as text, the tab as ␉');
  assert.equal(odd.markup, false);
  assert.equal(odd.pending, true);
  assert.equal(odd.note, 'segmented (2 parts, joined after the job)');
  assert.equal(odd.bytes, String(MiB + MiB / 2));
  assert.equal(odd.stored, undefined, 'a binary file is stored as it is');
  assert.equal(odd.size, formatBytes(MiB + MiB / 2));
  assert.equal(shown.find((r) => r.name === 'small.txt').linked, true);
  assert.equal(await page.textContent('#folder-status'),
    '6 entries (1 folder, 5 files) · from the Swift container listing, 2 pages');
  // Pages of 3: the folder's 5 items in 2 requests, its 6 segments in 3 more (no delimiter; the
  // last page is the first short one, here empty).
  const listings = opened.requests.filter((u) => u.startsWith(`${container.url}?format=json`));
  const segmentListings = listings.filter((u) => u.includes(`prefix=${encodeURIComponent('seg/.logstow-segments/')}&`));
  assert.equal(listings.length, 5, listings.join('\n'));
  assert.equal(segmentListings.length, 3, listings.join('\n'));
  assert.ok(segmentListings.every((u) => !u.includes('delimiter')), segmentListings.join('\n'));
  // Not openable: Enter on the row does not navigate.
  await page.click('.frow[data-name="big.txt"] .entry');
  await page.keyboard.press('Enter');
  assert.equal(new URL(page.url()).searchParams.get('q'), url('seg/'));
  await page.screenshot({ path: artifactPath('viewer-segments-folder.png') });
  await clean(opened);
});

test('a sub-folder lists its segmented file from the manifest, with no listing of segments', async () => {
  const opened = await openViewer(chromium.browser, site, url('seg/logs/'));
  const { page } = opened;
  await page.waitForSelector('.frow[data-name="deep.bin"]');
  const deep = (await rows(page)).find((r) => r.name === 'deep.bin');
  assert.deepEqual(deep, { name: 'deep.bin', label: 'deep.bin', linked: false, pending: true,
    note: 'segmented (2 parts, joined after the job)', noteTitle: NOTE_TITLE,
    size: formatBytes(MiB + 5), bytes: String(MiB + 5), stored: undefined, raw: false, markup: false });
  assert.deepEqual((await rows(page)).map((r) => r.name), ['deep.bin', 'index.html', 'small.txt']);
  assert.equal(opened.requests.filter((u) => u.includes('logstow-segments')).length, 0);
  await clean(opened);
});

test('before finalize: opening the file says it waits for finalize, not just "Not found"', async () => {
  for (const [name, segments, stored] of [['big.txt', 'seg/.logstow-segments/big.txt/', storedBytes('big.txt')],
    ['logs/deep.bin', 'seg/.logstow-segments/logs/deep.bin/', MiB + 5]]) {
    const opened = await openViewer(chromium.browser, site, url(`seg/${name}`));
    const { page } = opened;
    assert.equal(await page.evaluate(() => document.body.dataset.ready), 'error');
    assert.deepEqual(await message(page), {
      title: 'Not joined yet: segmented (2 parts, joined after the job)',
      paragraphs: [
        `This file was too large for one object, so the job uploaded it as 2 segments (${formatBytes(stored)} stored); \`logstow finalize\` joins them under this address after the job. Until then it cannot be opened (HTTP 404).`,
        `If the job ended a while ago, finalize did not run or failed: the operator can run it on the job's upload report. Its parts are in ${url(segments)} (a text file's parts are one gzip stream).`,
      ],
    }, name);
    if (name === 'big.txt') await page.screenshot({ path: artifactPath('viewer-segments-not-joined.png') });
    await clean(opened);
  }
  // A file that is simply missing keeps the plain message.
  const missing = await openViewer(chromium.browser, site, url('seg/nothing.txt'));
  assert.equal((await message(missing.page)).title, 'Not found (HTTP 404)');
  await clean(missing);
});

test('after finalize: each file is listed and opens as usual', async () => {
  const env = readEnv(process.env.LOGSTOW_SWIFT_SMALL_DIR);
  const finalized = await run(process.env.LOGSTOW_CLI, ['finalize', report.file, '--prefix', 'seg/', '--container', container.name],
    { env: { ...process.env, LOGSTOW_SWIFT_AUTH_URL: env.authUrl, LOGSTOW_SWIFT_USER: env.user, LOGSTOW_SWIFT_KEY: env.key } });
  assert.equal(finalized.stdout.split('\n').filter(Boolean).length, 3, finalized.stdout);
  await swift.waitListed(container.name, 'seg/', ['seg/big.txt', `seg/${ODD}`, 'seg/logs/deep.bin']);
  const opened = await openViewer(chromium.browser, site, url('seg/'));
  const { page } = opened;
  await page.waitForFunction(() => document.querySelector('.frow[data-name="big.txt"] .size')?.dataset.stored !== undefined);
  const shown = await rows(page);
  assert.deepEqual(shown.map((r) => r.name), ['big.txt', 'index.html', 'logs', 'small.txt', ODD, 'zuul-manifest.json']);
  assert.ok(shown.every((r) => !r.pending && r.note === ''), JSON.stringify(shown));
  assert.equal(shown.find((r) => r.name === 'big.txt').linked, true);
  await clean(opened);
  const deep = await openViewer(chromium.browser, site, url('seg/logs/'));
  assert.ok((await rows(deep.page)).every((r) => !r.pending), 'the manifest\'s count no longer matters');
  await clean(deep);
});

// The build-wide search and request-id trails (web/build_search*.js, web/build_trail.js) in real
// Chromium against the real local Swift, page and logs on different origins. A generated build
// (plain text, a .gz stored as it is, one of several gzip members, text the uploader gzips, a
// binary file, nested folders, a hostile name, hostile log text) goes up with the real `logstow
// upload`. Checked: matches per file against counts computed here, the binary file named as not
// searched, a click opening the file at the hit's line with the search applied, &search=
// restoring a search, cancel, the size limit naming a file, and a request id's trail across
// files in timestamp order (naive times, a "+05:00" never shifted; untimed lines apart), all
// text shown as text.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const { test, before, after } = require('node:test');

const { artifactPath } = require('./lib/harness');
const samples = require('./lib/samples');
const { proxiedSite } = require('./lib/slow_proxy');
const { openViewer, closeClean, navigateTo, waitForVisibleLine, waitReady, handlersSettled } = require('./lib/viewer_page');
const { startViewerFixture } = require('./lib/viewer_fixture');

const ID = 'req-0f8e6c1a-3b2d-4c5e-9f70-112233445566';
const OTHER_ID = 'req-aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const HOSTILE = '<img src=x onerror="window.__pwned=\'bs\'"><script>window.__pwned=\'s\'</script>';
const HOSTILE_NAME = 'logs/<b>x</b> & "q" #1%25.txt';

const MEMBERS_FILE = 'logs/members.log.gz';

// path -> text (binary: a Buffer). Query: /nee+dle/ (RE2 and JavaScript agree on it).
function buildFiles() {
  const files = {};
  files['job-output.txt'] = [
    '2024-03-01 12:00:00.000 | job starts',
    `2024-03-01 12:00:01.000 | INFO api [${ID}] needle one`,
    '2024-03-01 12:00:02.000 | neeedle and needle on one line',
    `2024-03-01 12:00:05.000 | INFO api [${ID}] answered`,
    `2024-03-01 12:00:06.000 | ${HOSTILE} needle`,
    `2024-03-01 12:00:09.000 | INFO api [${OTHER_ID}] another request`,
  ].join('\n') + '\n';
  const compute = [];
  for (let i = 0; i < 300; ++i) compute.push(`2024-03-01 11:59:${String(i % 60).padStart(2, '0')}.000 DEBUG filler ${i}`);
  compute.push(`2024-03-01T12:00:03.500 INFO nova.compute [${ID}] spawning needle`);
  compute.push(`2024-03-01T12:00:06.500+05:00 WARNING nova.compute [${ID}] slow (a zone suffix is never applied)`);
  compute.push(`2024-03-01T12:00:07.000 ERROR nova.compute [${ID}] failed`);
  compute.push(`Traceback (most recent call last): ${ID} needle`);  // inherits 12:00:07
  files['logs/compute/compute.log.gz'] = compute.join('\n') + '\n';
  // Stored as several gzip members (MEMBERS_FILE): hits in each, a line cut across a boundary
  // (the stall test gets it in 8-byte reads: headers and trailers split between reads).
  const members = [];
  for (let i = 0; i < 400; ++i) {
    members.push(`2024-03-01 12:01:${String(i % 60).padStart(2, '0')}.000 INFO member line ${i}` +
      `${i % 37 === 5 ? ' needle' : ''}${i % 101 === 7 ? ' neeedle, neeeedle' : ''}`);
  }
  files[MEMBERS_FILE] = members.join('\n') + '\n';
  files['logs/deep/er/nested/notes.txt'] = 'no stamp here\nneedle needle needle\nneeeeedle\n';
  files['logs/console.txt'] = `booting\n${ID} seen on the console\nneedle at the end`;  // no timestamps
  files['logs/other.txt'] = 'nothing to find here\n';
  // Hex that gzip halves at best: ~20 KB stored, seconds through the slow proxy (cancel).
  const hex = [];
  for (let i = 0; i < 600; ++i) hex.push(require('node:crypto').randomBytes(32).toString('hex'));
  files['logs/big.txt'] = hex.join('\n') + '\n';
  files[HOSTILE_NAME] = `hostile name, plain needle\n${HOSTILE}\n`;
  const binary = Buffer.alloc(4096);
  for (let i = 0; i < binary.length; ++i) binary[i] = (i * 7) % 256;
  binary.write('needle', 100);
  files['logs/core.dump'] = binary;
  return files;
}

const FILES = buildFiles();
const QUERY = 'nee+dle';

function expectedCounts() {
  const out = {};
  for (const [name, body] of Object.entries(FILES)) {
    if (Buffer.isBuffer(body)) continue;
    const count = samples.regexCount(samples.lines(Buffer.from(body)), /nee+dle/g);
    if (count.matches > 0) out[name] = count;
  }
  return out;
}

let fixture;  // lib/viewer_fixture.js
let swift;
let site;
let chromium;
let container;
let buildUrl;
let buildDir;
let uploadReport;  // `logstow upload`'s JSON report of the build

before(async () => {
  fixture = await startViewerFixture('viewer-build-search');
  ({ swift, site, container, chromium } = fixture);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lsv-build-'));
  buildDir = dir;
  for (const [name, body] of Object.entries(FILES)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, !name.endsWith('.gz') ? body : name !== MEMBERS_FILE ? zlib.gzipSync(body)
      : samples.gzipMembers(Buffer.from(body), [Math.floor(body.length / 3) + 7, Math.floor(body.length * 2 / 3)]));
  }
  uploadReport = await swift.upload(container.name, container.key, 'build/', dir);
  buildUrl = `${container.url}/build/`;
});

after(() => fixture?.stop());

async function assertClean(opened) {
  assert.equal(await opened.page.evaluate(() => window.__pwned), undefined);
  await closeClean(opened);
}

async function waitSearch(page, states = ['done'], timeout = 60000) {
  await page.waitForFunction((wanted) => wanted.includes(document.getElementById('build-results')?.dataset.state),
    states, { timeout });
}

// The build behind lib/slow_proxy.js (`options` as slowProxy's), and a viewer site whose
// config.json allows only the proxy's origin (Swift's CORS list gets the site too).
async function throughProxy(options) {
  const proxied = await proxiedSite({ swift, site, container }, options);
  return { site: proxied.site, url: `${proxied.origin}${new URL(buildUrl).pathname}`, close: proxied.close };
}

async function resultFiles(page) {
  return page.$$eval('#build-results .bs-file', (items) => items.map((item) => ({
    path: item.dataset.path, count: Number(item.dataset.count), lines: Number(item.dataset.lines),
    hitLines: Array.from(item.querySelectorAll('.bs-hit')).map((h) => Number(h.dataset.line)),
  })));
}

test('a typed search: matches per file as counted here, binary named, hostile text as text', async () => {
  const opened = await openViewer(chromium.browser, site, buildUrl);
  const { page } = opened;
  await page.fill('#build-search', QUERY);
  await page.press('#build-search', 'Enter');
  await waitSearch(page);
  assert.equal(await page.$eval('#build-results', (e) => e.dataset.source), 'swift');
  const expected = expectedCounts();
  const shown = await resultFiles(page);
  assert.deepEqual(shown.map((f) => f.path).sort(), Object.keys(expected).sort());
  for (const file of shown) {
    assert.equal(file.count, expected[file.path].matches, `matches in ${file.path}`);
    assert.equal(file.lines, expected[file.path].lines, `lines in ${file.path}`);
    assert.deepEqual(file.hitLines, expected[file.path].hitLines, `hit lines in ${file.path}`);
  }
  const total = Object.values(expected).reduce((sum, c) => sum + c.matches, 0);
  assert.equal(await page.$eval('#build-results', (e) => e.dataset.matches), String(total));
  // The binary file is named, with the reason.
  assert.equal(await page.$eval('.bs-unsearched li[data-path="logs/core.dump"]', (e) => e.dataset.reason), 'binary');
  // The address now restores this search.
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('search'), QUERY);
  assert.equal(url.searchParams.get('q'), buildUrl);
  // Hostile log text and names are text: no element was made from them, none ran.
  await handlersSettled(page);
  assert.equal(await page.$$eval('#build-results img, #build-results script, #build-results b', (e) => e.length), 0);
  const jobText = await page.$eval('.bs-file[data-path="job-output.txt"]', (e) => e.textContent);
  assert.ok(jobText.includes(HOSTILE), 'the HTML in a log line is shown as its text');
  const hostile = await page.$eval(`.bs-file[data-path="${HOSTILE_NAME.replace(/"/g, '\\"')}"] .bs-name`, (e) => e.textContent);
  assert.equal(hostile, HOSTILE_NAME);
  // Context as grep -C shows it: a line shared by neighbouring hits is drawn once.
  assert.deepEqual(await page.$$eval('.bs-file[data-path="job-output.txt"] .bs-row .bs-ln', (n) => n.map((e) => Number(e.textContent))),
    [1, 2, 3, 4, 5, 6]);
  // Each match is marked on its line.
  assert.deepEqual(await page.$$eval('.bs-file[data-path="job-output.txt"] .bs-hit[data-line="3"] mark', (m) => m.map((e) => e.textContent)),
    ['neeedle', 'needle']);
  await page.screenshot({ path: artifactPath('viewer-build-search.png') });
  await assertClean(opened);
});

test('the index pages and zuul-manifest.json the upload wrote are skipped, and counted once', async () => {
  // Every folder's index.html names its files, and the manifest names them all: a search for a
  // file's name found each page that lists it. Only the build's own files are searched.
  const opened = await openViewer(chromium.browser, site, buildUrl, { extra: '&search=compute&literal=1' });
  const { page } = opened;
  await waitSearch(page);
  const listing = uploadReport.objects.map((o) => o.object)
    .filter((name) => /(^|\/)(index\.html|zuul-manifest\.json)$/.test(name));
  const folders = new Set(['']);  // every folder above a file (HOSTILE_NAME holds a '/' too)
  for (const name of Object.keys(FILES)) {
    for (let at = name.indexOf('/'); at >= 0; at = name.indexOf('/', at + 1)) folders.add(name.slice(0, at + 1));
  }
  assert.equal(listing.length, folders.size + 1, `one page per folder and the manifest: ${listing}`);
  const expected = Object.entries(FILES).filter(([, body]) => !Buffer.isBuffer(body) && body.includes('compute'))
    .map(([name]) => name);
  assert.deepEqual((await resultFiles(page)).map((f) => f.path).sort(), expected.sort());
  assert.equal(await page.$eval('.bs-unsearched li.bs-listing', (e) => e.dataset.count), String(listing.length));
  const status = await page.textContent('#build-status');
  assert.match(status, new RegExp(`· ${listing.length} listing files skipped`));
  // Searched counts the build's own files only (it said "7 of 7" for four logs and three pages).
  const own = Number(await page.$eval('#build-results', (e) => e.dataset.files)) - listing.length;
  assert.match(status, new RegExp(`· ${own} of ${own} files searched`));
  await assertClean(opened);
});

test('without Swift listings the build is listed from its zuul-manifest.json, or its index pages', async () => {
  // X-Container-Read without .rlistings: Swift refuses listings; the build search finds the
  // files the way the folder view does, recursively.
  const noList = await swift.createContainer('viewer-build-nolist', { read: '.r:*', origins: [site.origin] });
  const noManifest = await swift.createContainer('viewer-build-nomanifest', { read: '.r:*', origins: [site.origin] });
  try {
    await swift.upload(noList.name, noList.key, 'build/', buildDir);
    await swift.upload(noManifest.name, noManifest.key, 'build/', buildDir, ['--no-manifest']);
    const expected = expectedCounts();
    for (const [c, source] of [[noList, 'zuul-manifest'], [noManifest, 'html-index']]) {
      const opened = await openViewer(chromium.browser, site, `${c.url}/build/`, { extra: `&search=${encodeURIComponent(QUERY)}` });
      await waitSearch(opened.page);
      assert.equal(await opened.page.$eval('#build-results', (e) => e.dataset.source), source);
      const shown = await resultFiles(opened.page);
      assert.deepEqual(Object.fromEntries(shown.map((f) => [f.path, f.count])),
        Object.fromEntries(Object.entries(expected).map(([name, count]) => [name, count.matches])), c.name);
      assert.equal(await opened.page.$eval('.bs-unsearched li[data-path="logs/core.dump"]', (e) => e.dataset.reason), 'binary');
      await assertClean(opened);
    }
  } finally {
    await swift.deleteContainer(noList.name);
    await swift.deleteContainer(noManifest.name);
  }
});

test('&search= on a folder URL restores the search; a hit opens its file at the line, searched', async () => {
  const opened = await openViewer(chromium.browser, site, buildUrl, { extra: `&search=${encodeURIComponent(QUERY)}` });
  const { page } = opened;
  assert.equal(await page.inputValue('#build-search'), QUERY);
  await waitSearch(page);
  const expected = expectedCounts()['logs/compute/compute.log.gz'];
  const line = expected.hitLines[1];
  const fileUrl = `${buildUrl}logs/compute/compute.log.gz`;
  await navigateTo(page, fileUrl, () => page.click(`.bs-file[data-path="logs/compute/compute.log.gz"] .bs-hit[data-line="${line}"] a.bs-match`));
  assert.equal(new URL(page.url()).hash, `#L${line}`);
  assert.equal(await page.inputValue('#search'), QUERY);
  await waitForVisibleLine(page, line);
  await page.waitForFunction((n) => document.getElementById('search-status').dataset.count === String(n), expected.matches);
  assert.match(await page.getAttribute(`#log .row[data-line="${line}"]`, 'class'), /\bsel\b/);
  await assertClean(opened);
});

test('a file whose server stalls is named as failed after stallMs; the files behind it are searched', async () => {
  // notes.txt's answer stops after its head and first 8 bytes and is held open.
  const stalling = await throughProxy({ chunk: 8, delayMs: 0, stall: (p) => p.includes('notes.txt') });
  try {
    const opened = await openViewer(chromium.browser, stalling.site, stalling.url, { extra: `&search=${encodeURIComponent(QUERY)}`,
      setup: (context) => context.addInitScript(() => {
        window.logstowBuildSearchLimits = { stallMs: 1000 };  // 30 s in the product
      }) });
    const { page } = opened;
    await waitSearch(page);
    const stalled = await page.$eval('.bs-unsearched li[data-path="logs/deep/er/nested/notes.txt"]',
      (e) => ({ reason: e.dataset.reason, text: e.textContent }));
    assert.equal(stalled.reason, 'failed');
    assert.match(stalled.text, /stalled/);
    const expected = expectedCounts();
    delete expected['logs/deep/er/nested/notes.txt'];
    const shown = await resultFiles(page);
    assert.deepEqual(shown.map((f) => f.path).sort(), Object.keys(expected).sort());
    for (const file of shown) assert.equal(file.count, expected[file.path].matches, `matches in ${file.path}`);
    await closeClean(opened);
  } finally {
    await stalling.close();
  }
});

test('a request id: follow it across the build, one timeline in timestamp order', async () => {
  const opened = await openViewer(chromium.browser, site, `${buildUrl}job-output.txt`);
  const { page } = opened;
  await page.click(`#log .row[data-line="2"] .hl-request-id`);
  await page.waitForSelector('#trail-follow');
  assert.equal(await page.$eval('#trail-offer code', (e) => e.textContent), ID);
  await navigateTo(page, buildUrl, () => page.click('#trail-follow'));
  assert.equal(new URL(page.url()).searchParams.get('trail'), ID);
  await waitSearch(page);
  // Expected, from the files written above: every line carrying the id with its wall-clock time
  // as written (a continuation line takes the stamp above it), sorted here.
  const expected = [];
  const untimed = [];
  for (const [name, body] of Object.entries(FILES)) {
    if (Buffer.isBuffer(body)) continue;
    let last = null;
    samples.lines(Buffer.from(body)).forEach((text, i) => {
      const m = /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d\.\d{3})/.exec(text);
      if (m) last = `${m[1]} ${m[2]}`;
      if (!text.includes(ID)) return;
      if (last) expected.push({ at: last, where: `${name}:${i + 1}` });
      else untimed.push(`${name}:${i + 1}`);
    });
  }
  expected.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const rows = await page.$$eval('.trail-list .trail-row', (r) => r.map((e) => ({
    at: e.querySelector('.trail-time').textContent, where: e.querySelector('.trail-where').textContent })));
  assert.deepEqual(rows, expected);
  assert.ok(rows.some((r) => r.at === '2024-03-01 12:00:06.500'), 'the +05:00 line keeps its wall clock');
  // The traceback line has no time of its own: it shows its record's, marked as such.
  assert.deepEqual(await page.$$eval('.trail-list .trail-time.inherited', (t) => t.map((e) => e.closest('li').dataset.line)), ['304']);
  assert.deepEqual(new Set(rows.map((r) => r.where.split(':')[0])).size, 2, 'the trail spans two files');
  assert.deepEqual(await page.$$eval('.trail-untimed .trail-row .trail-where', (r) => r.map((e) => e.textContent)), untimed);
  // A row opens its file at that line, searching for the id.
  const first = await page.$eval('.trail-list .trail-row .trail-where', (a) => a.getAttribute('href'));
  const link = new URLSearchParams(first.split('#')[0].slice(1));
  assert.equal(link.get('search'), ID);
  assert.equal(link.get('literal'), '1');
  await page.screenshot({ path: artifactPath('viewer-build-trail.png') });
  await assertClean(opened);
});

test('the size limit names the file; cancel stops a slow search part-way', async () => {
  // A limit of 1 KiB (a test hook read by build_search_view.js): compute.log.gz is over it.
  const small = await openViewer(chromium.browser, site, buildUrl, { extra: `&search=${encodeURIComponent(QUERY)}`,
    setup: (context) => context.addInitScript(() => {
      window.logstowBuildSearchLimits = { maxBytes: 1024 };
    }) });
  await waitSearch(small.page);
  assert.equal(await small.page.$eval('.bs-unsearched li[data-path="logs/compute/compute.log.gz"]', (e) => e.dataset.reason), 'too-large');
  await assertClean(small);

  const slow = await throughProxy({ chunk: 256, delayMs: 50 });  // 5 KB/s
  try {
    const opened = await openViewer(chromium.browser, slow.site, slow.url, { extra: `&search=${encodeURIComponent(QUERY)}` });
    const { page } = opened;
    await waitSearch(page, ['searching']);
    await page.click('#build-search-cancel');
    await waitSearch(page, ['cancelled']);
    const files = Number(await page.$eval('#build-results', (e) => e.dataset.files));
    const finished = Number(await page.$eval('#build-results', (e) => e.dataset.finished));
    assert.ok(finished < files, `cancelled after ${finished} of ${files} files`);
    assert.match(await page.textContent('#build-status'), /cancelled/);
    assert.equal(await page.isHidden('#build-search-cancel'), true);
    await assertClean(opened);
  } finally {
    await slow.close();
  }
});

// The folder view in real Chromium against the real local Swift, page and logs on different
// origins (real CORS). Checks that a folder lists every object, whichever way the folder
// describes itself: Swift's JSON listing (paged with marker past 10,000 entries), the
// zuul-manifest.json that `logstow upload` writes, its index.html pages, an Apache autoindex
// page; breadcrumbs, sort, filter; hostile names shown as text with links that reach exactly
// their object. Screenshots for people.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { test, before, after } = require('node:test');

const { webDir, serveStatic, artifactPath } = require('./lib/harness');
const samples = require('./lib/samples');
const { openViewer, closeClean, waitForRow, waitReady, navigateTo, handlersSettled } = require('./lib/viewer_page');
const { startViewerFixture } = require('./lib/viewer_fixture');

const BIG = 10001;
const BIG_CONTAINER = 'viewer-browser-test-10001';  // kept between runs: 10,001 PUTs are slow

let fixture;  // lib/viewer_fixture.js
let swift;
let site;
let chromium;
let container;
let bigReady;

function bigName(i) {
  return `f${String(i).padStart(5, '0')}.txt`;
}

// Fills the big container unless an earlier run already did.
async function ensureBigFolder() {
  const existing = await swift.objectCount(BIG_CONTAINER);
  await swift.createContainer(BIG_CONTAINER, { unique: false, origins: [site.origin] });
  if (existing === BIG) return;
  const files = [];
  for (let i = 0; i < BIG; ++i) files.push({ name: bigName(i), body: `object ${i}\n` });
  await swift.bulkCreate(BIG_CONTAINER, 'many', files);
  assert.equal(await swift.objectCount(BIG_CONTAINER), BIG);
}

before(async () => {
  fixture = await startViewerFixture('viewer-folder');
  ({ swift, site, container, chromium } = fixture);
  bigReady = ensureBigFolder();  // runs while the other tests do
  bigReady.catch(() => {});
  await swift.upload(container.name, container.key, 'job/', samples.makeJobFolder());
});

after(() => fixture?.stop());

async function shownNames(page) {
  return page.$$eval('#folder-rows .frow:not(.parent)', (rows) => rows.map((r) => r.dataset.name));
}

test('a job folder from the Swift listing: every entry, breadcrumbs, sort, filter, and into a log', async () => {
  const opened = await openViewer(chromium.browser, site, `${container.url}/job/`);
  const { page } = opened;
  assert.equal(await page.$eval('#folder-status', (e) => e.dataset.source), 'swift');
  const listing = (await swift.list(container.name, 'job/', '/')).map((n) => n.slice(4).replace(/\/$/, ''));
  assert.deepEqual((await shownNames(page)).sort(), listing.sort());
  // Swift's byte order of names, folders among files (as `swift list` shows them).
  assert.deepEqual(await shownNames(page), ['index.html', 'job-output.txt', 'logs', 'zuul-info', 'zuul-manifest.json']);
  assert.deepEqual(await page.$$eval('#crumbs li', (li) => li.map((e) => e.textContent)), [container.name, 'job/']);
  assert.equal(await page.textContent('#folder-status'), '5 entries (2 folders, 3 files) · from the Swift container listing');

  // Into logs/controller/ by clicking, as a reader does.
  await navigateTo(page, `${container.url}/job/logs/`, () => page.click('#folder-rows .frow[data-name="logs"] a.entry'));
  await navigateTo(page, `${container.url}/job/logs/controller/`,
    () => page.click('#folder-rows .frow[data-name="controller"] a.entry'));
  const files = fs.readdirSync(samples.DATA).sort();
  assert.deepEqual((await shownNames(page)).sort(), [...files, 'index.html'].sort());
  const size = await page.$eval('.frow[data-name="screen-n-api.txt.gz"] .size', (e) => [e.textContent, e.title]);
  assert.equal(size[0], '570.0 KiB');
  assert.match(size[1], /^583,683 bytes/);
  assert.match(await page.textContent('.frow[data-name="screen-n-api.txt.gz"] .date'), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  assert.deepEqual(await page.$$eval('#crumbs li', (li) => li.map((e) => e.textContent)),
    [container.name, 'job', 'logs', 'controller/']);

  // Sort by size (largest first), then filter.
  await page.click('.folder-head .sort[data-key="size"]');
  // Sizes are the files' own (the manifest's), not the stored gzip sizes: the largest file leads.
  await page.waitForFunction(() => document.querySelector('.folder-head .sort[data-key="size"]').parentElement.getAttribute('aria-sort') === 'descending');
  const bySize = await shownNames(page);
  const sizes = await page.$$eval('#folder-rows .frow:not(.parent) .size', (e) => e.map((x) => Number(x.title.match(/^[\d,]+/)[0].replace(/,/g, ''))));
  assert.deepEqual(sizes, [...sizes].sort((a, b) => b - a));
  assert.equal(bySize.length, files.length + 1);
  assert.equal(await page.$eval('.folder-head .sort[data-key="size"]', (b) => b.parentElement.getAttribute('aria-sort')), 'descending');
  await page.fill('#folder-filter', 'SCREEN');
  const screens = files.filter((f) => /screen/i.test(f));
  await page.waitForFunction((n) => document.getElementById('folder-status').dataset.shown === String(n), screens.length);
  const filtered = await shownNames(page);
  assert.deepEqual([...filtered].sort(), [...screens].sort());
  assert.deepEqual(filtered, bySize.filter((name) => screens.includes(name)), 'still by size');
  assert.match(await page.textContent('#folder-status'), new RegExp(`^${screens.length} of ${files.length + 1} entries match`));

  // Raw links point at the object; the name opens it in the viewer.
  assert.equal(await page.getAttribute('.frow[data-name="screen-c-api.txt.gz"] a.rawlink', 'href'),
    `${container.url}/job/logs/controller/screen-c-api.txt.gz`);
  await navigateTo(page, `${container.url}/job/logs/controller/screen-c-api.txt.gz`,
    () => page.click('.frow[data-name="screen-c-api.txt.gz"] a.entry'));
  assert.equal(await page.evaluate(() => document.body.dataset.mode), 'file');
  await page.screenshot({ path: artifactPath('viewer-folder-then-file.png') });
  await closeClean(opened);
});

// The manifest's original sizes arrive after the listing is shown and redraw every row. A reader
// who scrolled stays where they are, and a click whose mouse-down came before the redraw still
// opens its entry (a row replaced between mouse-down and mouse-up got no click: CI saw it).
test('sizes arriving from the manifest keep the scroll and a click in progress', async () => {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  const folderUrl = `${container.url}/job/logs/controller/`;
  const opened = await openViewer(chromium.browser, site, folderUrl, {
    viewport: { width: 1280, height: 420 },
    setup: (context) => context.route('**/zuul-manifest.json', async (route) => {
      await held;
      await route.continue();
    }),
  });
  const { page } = opened;
  // The build-wide search box and its style come in after the rows (build_search_view.js): the
  // toolbar they grow must not move the rows between this test's mouse-down and mouse-up.
  await page.waitForFunction(() => document.getElementById('build-search') &&
    document.querySelector('link[href="build_search.css"]')?.sheet);
  const sizeTitle = (name) => page.getAttribute(`.frow[data-name="${name}"] .size`, 'title');
  const scroll = await page.$eval('#folder-rows', (e) => {
    e.scrollTop = e.scrollHeight;
    return e.scrollTop;
  });
  assert.ok(scroll > 0, 'the folder must be taller than its view for this test');
  // The last row fully in view, once the scroll has been drawn.
  await page.waitForFunction(() => document.querySelector('#folder-rows .frow[data-name="zuul-manifest.json"]'));
  const target = await page.$eval('#folder-rows', (rows) => {
    const view = rows.getBoundingClientRect();
    const inView = [...rows.querySelectorAll('.frow:not(.parent)')]
      .filter((r) => r.getBoundingClientRect().bottom <= view.bottom && r.getBoundingClientRect().top >= view.top);
    return inView[inView.length - 1].dataset.name;
  });
  assert.match(await sizeTitle(target), /no zuul-manifest\.json tells the original size/);
  const box = await page.locator(`.frow[data-name="${target}"] a.entry`).boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  release();
  await page.waitForFunction((name) => !/no zuul-manifest/.test(
    document.querySelector(`.frow[data-name="${name}"] .size`).title), target);
  assert.equal(await page.$eval('#folder-rows', (e) => e.scrollTop), scroll, 'the reader stays where they scrolled');
  await navigateTo(page, `${folderUrl}${target}`, () => page.mouse.up());
  assert.equal(await page.evaluate(() => document.body.dataset.mode), 'file');
  await closeClean(opened);
});

test('keyboard: move, open, up a folder', async () => {
  const opened = await openViewer(chromium.browser, site, `${container.url}/job/`);
  const { page } = opened;
  await page.focus('#folder-rows');
  for (let i = 0; i < 3; ++i) await page.keyboard.press('j');  // ../ -> index.html, job-output.txt, logs
  await navigateTo(page, `${container.url}/job/logs/`, () => page.keyboard.press('Enter'));
  await navigateTo(page, `${container.url}/job/`, () => page.keyboard.press('u'));
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'folder-filter');
  await closeClean(opened);
});

test('without listings: the zuul-manifest.json; without a manifest: index.html; also Apache autoindex', async () => {
  // X-Container-Read without .rlistings: Swift refuses the listing (401, and without CORS headers).
  const noList = await swift.createContainer('viewer-nolist', { read: '.r:*', origins: [site.origin] });
  const noManifest = await swift.createContainer('viewer-nomanifest', { read: '.r:*', origins: [site.origin] });
  const autoindex = http.createServer((req, res) => {
    res.writeHead(req.url === '/logs/' ? 200 : 404,
      { 'Content-Type': 'text/html', 'Access-Control-Allow-Origin': '*' });
    res.end(req.url !== '/logs/' ? 'not found' : `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">
<html><head><title>Index of /logs</title></head><body><h1>Index of /logs</h1>
<pre><img src="/icons/blank.gif" alt="Icon "> <a href="?C=N;O=D">Name</a>                    <a href="?C=M;O=A">Last modified</a>      <a href="?C=S;O=A">Size</a><hr><img src="/icons/back.gif" alt="[PARENTDIR]"> <a href="/">Parent Directory</a>                             -
<img src="/icons/folder.gif" alt="[DIR]"> <a href="controller/">controller/</a>             2020-03-28 12:20    -
<img src="/icons/text.gif" alt="[TXT]"> <a href="job-output.txt.gz">job-output.txt.gz</a>       2020-03-28 12:21  2.4M
<hr></pre></body></html>`);
  });
  await new Promise((resolve) => autoindex.listen(0, '127.0.0.1', resolve));
  let apacheSite = null;
  try {
    await swift.upload(noList.name, noList.key, 'job/', samples.makeJobFolder());
    // (Without the sample named zuul-manifest.json: a file of that name is taken for a manifest.)
    await swift.upload(noManifest.name, noManifest.key, 'job/',
      samples.makeJobFolder({}, ['zuul-manifest.json']), ['--no-manifest']);
    const expected = [...fs.readdirSync(samples.DATA), 'index.html'].sort();

    const viaManifest = await openViewer(chromium.browser, site, `${noList.url}/job/logs/controller/`);
    assert.equal(await viaManifest.page.$eval('#folder-status', (e) => e.dataset.source), 'zuul-manifest');
    // The manifest lists the uploaded files (index.html pages are written after it).
    assert.deepEqual((await shownNames(viaManifest.page)).sort(), expected.filter((n) => n !== 'index.html'));
    assert.equal(await viaManifest.page.textContent('.frow[data-name="screen-n-api.txt.gz"] .size'), '570.0 KiB');
    await closeClean(viaManifest);

    const viaIndex = await openViewer(chromium.browser, site, `${noManifest.url}/job/logs/`);
    assert.equal(await viaIndex.page.$eval('#folder-status', (e) => e.dataset.source), 'html-index');
    assert.deepEqual(await shownNames(viaIndex.page), ['controller']);
    await navigateTo(viaIndex.page, `${noManifest.url}/job/logs/controller/`,
      () => viaIndex.page.click('.frow[data-name="controller"] a.entry'));
    assert.deepEqual((await shownNames(viaIndex.page)).sort(),
      expected.filter((n) => n !== 'index.html' && n !== 'zuul-manifest.json'));
    await closeClean(viaIndex);

    // A log server that is not Swift: listed in the viewer's config.json like any log origin.
    const autoindexOrigin = `http://127.0.0.1:${autoindex.address().port}`;
    apacheSite = await serveStatic(webDir(), { '/config.json': ['application/json',
      JSON.stringify({ allowed_origins: [swift.origin, autoindexOrigin] })] });
    const apache = await openViewer(chromium.browser, apacheSite, `${autoindexOrigin}/logs/`);
    assert.equal(await apache.page.$eval('#folder-status', (e) => e.dataset.source), 'html-index');
    assert.deepEqual(await shownNames(apache.page), ['controller', 'job-output.txt.gz']);
    assert.equal(await apache.page.textContent('.frow[data-name="job-output.txt.gz"] .size'), '~2.4 MiB');
    assert.equal(await apache.page.textContent('.frow[data-name="job-output.txt.gz"] .date'), '2020-03-28 12:21:00');
    await closeClean(apache);
  } finally {
    await apacheSite?.close();
    autoindex.close();
    await swift.deleteContainer(noList.name);
    await swift.deleteContainer(noManifest.name);
  }
});

test('a pseudo-folder asked for without its slash opens as that folder', async () => {
  const opened = await openViewer(chromium.browser, site, `${container.url}/job/logs`, { wait: false });
  const { page } = opened;
  await page.waitForURL((url) => new URL(url).searchParams.get('q') === `${container.url}/job/logs/`);
  await waitReady(page);
  assert.equal(await page.evaluate(() => document.body.dataset.mode), 'folder');
  assert.deepEqual(await shownNames(page), ['controller', 'index.html']);
  await closeClean(opened);
});

test('hostile names are shown as text, and each link reaches exactly its object', async () => {
  const names = [
    '<img src=x onerror=window.__pwned=1>.txt',
    '"><svg onload=window.__pwned=1>.log',
    "'-alert(1)-'.txt",
    'javascript:window.__pwned=1.txt',
    'a#b?c%d&e=f+g.txt',
    '%2e%2e%2fescape.txt',
    'spaces and ünïcödé ✓.txt',
    '..hidden',
  ];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lsv-hostile-'));
  names.forEach((name, i) => fs.writeFileSync(path.join(dir, name), `content of entry ${i}\n`));
  await swift.upload(container.name, container.key, 'hostile/', dir, ['--no-index', '--no-manifest']);
  // Objects literally named with dot segments, which no URL can address (browsers resolve them).
  await swift.put(container.name, 'hostile/../escaped.txt', 'outside\n', { 'Content-Type': 'text/plain' });
  await swift.put(container.name, 'hostile/./dot.txt', 'dot\n', { 'Content-Type': 'text/plain' });

  // CSP bypassed: the canary would fire if any name were parsed as markup.
  const opened = await openViewer(chromium.browser, site, `${container.url}/hostile/`, { bypassCSP: true });
  const { page } = opened;
  await page.waitForFunction((n) => document.querySelectorAll('#folder-rows .frow:not(.parent)').length >= n,
    names.length);
  await handlersSettled(page);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  const shown = await page.$$eval('#folder-rows .frow:not(.parent) .entry', (e) => e.map((x) => x.textContent));
  for (const name of names) assert.ok(shown.includes(name), `${name} is listed as text (${JSON.stringify(shown)})`);
  assert.deepEqual(await page.$$eval('#folder-rows *', (all) => Array.from(new Set(all.map((e) => e.tagName))).sort()),
    ['A', 'DIV', 'SPAN']);
  // Every link stays inside the folder (or is the viewer itself / the parent).
  const hrefs = await page.$$eval('#folder-rows a', (a) => a.map((x) => x.href));
  const folder = `${container.url}/hostile/`;
  for (const href of hrefs) {
    const url = new URL(href);
    const target = url.origin === site.origin ? url.searchParams.get('q') : href;
    assert.ok(target.startsWith(folder) || target === `${container.url}/`, `${href} leaves the folder`);
  }
  // Each name opens its own object.
  for (const [i, name] of names.entries()) {
    const link = await page.$$eval('#folder-rows .frow', (rows, n) => {
      const row = rows.find((r) => r.dataset.name === n);
      return row && row.querySelector('a.entry').href;
    }, name);
    assert.ok(link, name);
    const file = await chromium.browser.newPage();
    await file.goto(link);
    await waitReady(file);
    await waitForRow(file, 1);
    assert.equal(await file.textContent('#log .row[data-line="1"] .tx'), `content of entry ${i}`, name);
    await file.close();
  }
  await closeClean(opened);
});

test('a folder of 10,001 objects lists every one, paged with marker', async () => {
  await bigReady;
  const url = `${swift.containerUrl(BIG_CONTAINER)}/many/`;
  const opened = await openViewer(chromium.browser, site, url);
  const { page } = opened;
  assert.equal(await page.$eval('#folder-status', (e) => e.dataset.total), String(BIG));
  assert.match(await page.textContent('#folder-status'), /^10,001 entries \(0 folders, 10,001 files\) · from the Swift container listing, 2 pages$/);
  const listings = opened.requests.filter((r) => r.startsWith(swift.containerUrl(BIG_CONTAINER)) && r.includes('format=json'));
  assert.equal(listings.length, 2);
  assert.match(listings[1], /[?&]marker=many%2Ff09999\.txt(&|$)/);
  // Every name, in order.
  const all = await page.evaluate(() => window.logstowView.shown.map((i) => window.logstowView.entries[i].name));
  assert.deepEqual(all, Array.from({ length: BIG }, (_, i) => bigName(i)));
  // The last one is reachable by scrolling: End.
  await page.focus('#folder-rows');
  await page.keyboard.press('End');
  await page.waitForSelector(`#folder-rows .frow[data-name="${bigName(BIG - 1)}"]`);
  assert.equal(await page.evaluate(() => document.querySelectorAll('#folder-rows .frow').length < 100), true);
  await page.fill('#folder-filter', '09999');
  await page.waitForFunction(() => document.getElementById('folder-status').dataset.shown === '1');
  assert.deepEqual(await shownNames(page), ['f09999.txt']);
  await closeClean(opened);
});

test('screenshots of a folder view, light and dark (test artifacts)', async () => {
  for (const scheme of ['light', 'dark']) {
    const opened = await openViewer(chromium.browser, site, `${container.url}/job/logs/controller/`,
      { colorScheme: scheme });
    await opened.page.screenshot({ path: artifactPath(`viewer-folder-${scheme}.png`) });
    await closeClean(opened);
  }
});

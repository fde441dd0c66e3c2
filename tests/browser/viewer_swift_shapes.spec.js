// Folders, names and sizes exactly as Swift has them, in real Chromium against a real Swift whose
// container_listing_limit is 3 (the ctest fixture "swift_small": scripts/swift-dev
// --container-listing-limit 3), so paging shows after a handful of objects: listings paged by
// /info's limit with the request count asserted; directory markers, folders asked for without
// their slash, empty folders, a file and a folder of one name; a job-written index.html never
// read as the listing; control characters and empty segments in names; original and stored
// sizes; binary files and a damaged .gz; a file over the small Swift's max_file_size (1 MiB),
// uploaded in segments and joined by `logstow finalize`, read whole and its segments hidden.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const { test, before, after } = require('node:test');

const { webDir, serveStatic, launchChromium } = require('./lib/harness');
const { execFile } = require('node:child_process');
const { promisify } = require('node:util');
const crypto = require('node:crypto');

const { Swift, tarArchive, readEnv } = require('./lib/swift');
const { openViewer, pageProblems, waitReady } = require('./lib/viewer_page');

let swift;
let site;
let chromium;
let container;

before(async () => {
  assert.ok(process.env.LOGSTOW_SWIFT_SMALL_DIR, 'run through ctest (fixture swift_small)');
  swift = await Swift.connect(process.env.LOGSTOW_SWIFT_SMALL_DIR);
  site = await serveStatic(webDir());
  container = await swift.createContainer('shapes', { origins: [site.origin] });
  chromium = await launchChromium();
});

after(async () => {
  await chromium?.close();
  await site?.close();
  if (container) await swift.deleteContainer(container.name);
});

// Object names are given decoded; each segment is percent-encoded on the way.
async function put(name, body, headers = { 'Content-Type': 'text/plain' }) {
  const encoded = name.split('/').map(encodeURIComponent).join('/');
  await swift.put(container.name, encoded, body, headers);
}

function url(name) {
  return `${container.url}/${name.split('/').map(encodeURIComponent).join('/')}`;
}

async function shownNames(page) {
  return page.$$eval('#folder-rows .frow:not(.parent)', (rows) => rows.map((r) => r.dataset.name));
}

async function shownLabels(page) {
  return page.$$eval('#folder-rows .frow:not(.parent) .entry', (rows) => rows.map((r) => r.textContent));
}

async function clean(opened) {
  assert.deepEqual(await pageProblems(opened), []);
  await opened.context.close();
}

test('the small Swift says container_listing_limit = 3 in /info, and refuses a bigger page with 412', async () => {
  const info = JSON.parse((await swift.admin('GET', `${new URL(swift.storageUrl).origin}/info`)).body);
  assert.equal(info.swift.container_listing_limit, 3);
  const r = await swift.admin('GET', `${container.url}?format=json&limit=10000`);
  assert.equal(r.status, 412);
  assert.match(r.body.toString(), /Maximum limit is 3/);
});

test('a folder of 8 entries is listed in pages of 3 (/info once, 3 listing requests, marker encoded)', async () => {
  const names = ['a b.txt', 'c+d.txt', 'e%f.txt', 'g#h.txt', 'i?j.txt', 'k&l.txt', 'sub/x.txt', 'z.txt'];
  await swift.waitListed(container.name, '', []);
  for (const name of names) await put(`paged/${name}`, `${name}\n`);
  await swift.waitListed(container.name, 'paged/', names.map((n) => `paged/${n}`));
  const opened = await openViewer(chromium.browser, site, url('paged/'));
  const { page } = opened;
  assert.equal(await page.evaluate(() => document.body.dataset.ready), 'true');
  assert.deepEqual(await shownNames(page), ['a b.txt', 'c+d.txt', 'e%f.txt', 'g#h.txt', 'i?j.txt', 'k&l.txt', 'sub', 'z.txt']);
  const listings = opened.requests.filter((u) => u.startsWith(`${container.url}?format=json`));
  assert.equal(listings.length, 3, listings.join('\n'));
  assert.ok(listings.every((u) => /&limit=3(&|$)/.test(u)), listings.join('\n'));
  assert.ok(listings[1].endsWith(`&marker=${encodeURIComponent('paged/e%f.txt')}`), listings[1]);
  assert.ok(listings[2].endsWith(`&marker=${encodeURIComponent('paged/k&l.txt')}`), listings[2]);
  assert.equal(opened.requests.filter((u) => u.endsWith('/info')).length, 1);
  // Swift's answer stands: no manifest or index page was needed to list it.
  assert.equal(opened.requests.filter((u) => /index\.html$/.test(u) && u.startsWith(swift.storageUrl)).length, 0);
  assert.match(await page.textContent('#folder-status'), /from the Swift container listing, 3 pages/);
  await clean(opened);
});

test('directory markers, folders without their slash, empty folders, a file and a folder of one name', async () => {
  const marker = { 'Content-Type': 'application/directory' };
  await put('m/build1/', '', marker);
  await put('m/build1/a.txt', 'a\n');
  await put('m/empty/', '', marker);
  await put('m/old', '', marker);  // an old client's marker: no slash, application/directory
  await put('m/old/y.txt', 'y\n');
  await put('m/same', 'the file\n');
  await put('m/same/inner.txt', 'inner\n');
  await put('m/fake/index.html', '<a href="evil.txt">evil.txt</a> <a href="sub/">sub/</a>', { 'Content-Type': 'text/html' });
  await swift.waitListed(container.name, 'm/', ['m/build1/', 'm/build1/a.txt', 'm/empty/', 'm/old', 'm/old/y.txt',
    'm/same', 'm/same/inner.txt', 'm/fake/index.html']);

  let opened = await openViewer(chromium.browser, site, url('m/'));
  let { page } = opened;
  // Swift's byte order: "same" (file) before "same/" (folder); the marker "old" and Swift's
  // subdir "old/" are one folder.
  assert.deepEqual(await shownLabels(page), ['build1/', 'empty/', 'fake/', 'old/', 'same', 'same/']);
  assert.equal(await page.getAttribute('.frow.file[data-name="same"] a.entry', 'href'), `?q=${encodeURIComponent(url('m/same'))}`);
  assert.equal(await page.getAttribute('.frow.folder[data-name="same"] a.entry', 'href'), `?q=${encodeURIComponent(url('m/same/'))}`);
  await clean(opened);

  // Without the slash: the marker's folder opens as a folder, its marker never a file.
  for (const [asked, shown] of [['m/build1', ['a.txt']], ['m/build1/', ['a.txt']], ['m/old', ['y.txt']]]) {
    opened = await openViewer(chromium.browser, site, url(asked));
    page = opened.page;
    await page.waitForFunction(() => document.body.dataset.mode === 'folder' && document.body.dataset.ready === 'true');
    assert.deepEqual(await shownNames(page), shown, asked);
    assert.equal(new URL(page.url()).searchParams.get('q'), url(asked.endsWith('/') ? asked : `${asked}/`));
    await clean(opened);
  }

  // A folder that holds only its marker is an empty folder, with or without the slash.
  for (const asked of ['m/empty/', 'm/empty']) {
    opened = await openViewer(chromium.browser, site, url(asked));
    page = opened.page;
    await page.waitForFunction(() => document.body.dataset.mode === 'folder' && document.body.dataset.ready === 'true');
    assert.deepEqual(await shownNames(page), [], asked);
    assert.match(await page.textContent('#folder-status'), /^0 entries/);
    await clean(opened);
  }

  // The file of the same name opens as the file.
  opened = await openViewer(chromium.browser, site, url('m/same'));
  assert.equal(await opened.page.evaluate(() => document.body.dataset.mode), 'file');
  await clean(opened);

  // A job's index.html is a file in Swift's listing, never the listing itself.
  opened = await openViewer(chromium.browser, site, url('m/fake/'));
  assert.deepEqual(await shownNames(opened.page), ['index.html']);
  assert.equal(await opened.page.$eval('#folder-status', (e) => e.dataset.source), 'swift');
  await clean(opened);

  // Nothing there: Swift's empty answer stands (no manifest or index page asked for).
  opened = await openViewer(chromium.browser, site, url('m/nothing/'), { expectConsole: [/404/] });
  assert.match(await opened.page.textContent('#message h1'), /No folder here/);
  assert.match(await opened.page.textContent('#message'), /Swift lists no objects under this address/);
  assert.equal(opened.requests.filter((u) => /zuul-manifest\.json|index\.html$/.test(u) && u.startsWith(swift.storageUrl)).length, 0);
  await clean(opened);
});

test('control characters and empty segments in names are visible in rows, breadcrumbs and titles', async () => {
  await put('ctl/tab\there.txt', 'tab\n');
  await put('ctl/new\nline.txt', 'newline\n');
  await put('ctl/cr\rdel\x7f.txt', 'cr\n');
  await put('ctl//empty-segment.txt', 'empty\n');
  await put('équipe/x.txt', 'x\n');
  await swift.waitListed(container.name, 'ctl/', ['ctl/tab\there.txt', 'ctl/new\nline.txt', 'ctl/cr\rdel\x7f.txt', 'ctl//empty-segment.txt']);

  let opened = await openViewer(chromium.browser, site, url('ctl/'));
  let { page } = opened;
  const labels = await shownLabels(page);
  assert.deepEqual([...labels].sort(), ['\u2205/', 'cr\u240ddel\u2421.txt', 'new\u240aline.txt', 'tab\u2409here.txt'].sort());
  // One line per row: no name breaks its row.
  const heights = await page.$$eval('#folder-rows .frow', (rows) => rows.map((r) => r.getBoundingClientRect().height));
  assert.ok(heights.every((h) => h === heights[0]), String(heights));
  await clean(opened);

  opened = await openViewer(chromium.browser, site, url('ctl/new\nline.txt'));
  page = opened.page;
  assert.deepEqual(await page.$$eval('#crumbs li', (li) => li.map((e) => e.textContent)), [container.name, 'ctl', 'new\u240aline.txt']);
  assert.equal(await page.title(), 'new\u240aline.txt – logstow');
  await clean(opened);

  // The empty segment: its own breadcrumb, and its folder lists its file.
  opened = await openViewer(chromium.browser, site, url('ctl//'));
  page = opened.page;
  assert.deepEqual(await page.$$eval('#crumbs li', (li) => li.map((e) => e.textContent)), [container.name, 'ctl', '\u2205/']);
  assert.deepEqual(await shownNames(page), ['empty-segment.txt']);
  await clean(opened);

  // Titles are decoded.
  opened = await openViewer(chromium.browser, site, url('équipe/'));
  assert.equal(await opened.page.title(), 'équipe/ – logstow');
  await clean(opened);
});

test('sizes: the original size from the manifest, the stored size labelled where it differs; 1 byte stays 1 byte', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lsv-sizes-'));
  fs.writeFileSync(path.join(dir, 'one.txt'), 'x');
  fs.writeFileSync(path.join(dir, 'big.txt'), 'INFO the same line again and again\n'.repeat(300));
  await swift.upload(container.name, container.key, 'sizes/', dir);
  const listed = JSON.parse((await swift.admin('GET', `${container.url}?format=json&prefix=sizes/`)).body);
  const stored = Object.fromEntries(listed.map((o) => [o.name, o.bytes]));
  assert.equal(stored['sizes/one.txt'], 1, 'gzip would make it bigger: sent as it is');
  assert.ok(stored['sizes/big.txt'] < 10500 / 10, `big.txt stored gzipped (${stored['sizes/big.txt']})`);

  const opened = await openViewer(chromium.browser, site, url('sizes/'));
  const { page } = opened;
  await page.waitForFunction(() => document.querySelector('.frow[data-name="big.txt"] .size .stored'));
  assert.equal(await page.$eval('.frow[data-name="one.txt"] .size', (e) => e.textContent), '1 B');
  assert.equal(await page.$eval('.frow[data-name="big.txt"] .size', (e) => e.dataset.bytes), String(10500));
  assert.equal(await page.$eval('.frow[data-name="big.txt"] .size', (e) => e.dataset.stored), String(stored['sizes/big.txt']));
  assert.match(await page.$eval('.frow[data-name="big.txt"] .size', (e) => e.textContent), /^10\.3 KiB \(\d+ B stored\)$/);
  await clean(opened);
});

test('binary files get a page of their own (size, Download, Raw); a damaged .gz one message', async () => {
  const tar = tarArchive([{ name: 'a.txt', body: 'hello\n' }, { name: 'b.txt', body: 'world\n' }]);
  const tgz = zlib.gzipSync(tar);
  await put('bin/archive.tar.gz', tgz, { 'Content-Type': 'application/gzip' });
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
  await put('bin/picture.png', png, { 'Content-Type': 'image/png' });
  await put('bin/broken.txt.gz', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), { 'Content-Type': 'application/gzip' });

  for (const [name, size] of [['bin/archive.tar.gz', tgz.length], ['bin/picture.png', png.length]]) {
    const opened = await openViewer(chromium.browser, site, url(name));
    const { page } = opened;
    assert.equal(await page.evaluate(() => document.body.dataset.mode), 'binary', name);
    assert.equal(await page.textContent('#message h1'), `Binary file, ${size} B (${size} bytes)`, name);
    assert.equal(await page.$$eval('#log .row', (rows) => rows.length), 0, 'no rows of glyphs');
    assert.equal(await page.getAttribute('#message a.button', 'href'), url(name));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#message-download')]);
    assert.equal(download.suggestedFilename(), name.split('/').pop());
    assert.deepEqual(fs.readFileSync(await download.path()), name.endsWith('.png') ? png : tgz);
    await clean(opened);
  }

  const opened = await openViewer(chromium.browser, site, url('bin/broken.txt.gz'));
  const { page } = opened;
  assert.equal(await page.$eval('#message', (m) => m.dataset.kind), 'damaged');
  assert.equal(await page.textContent('#message h1'), 'Damaged .gz file');
  assert.equal(await page.$eval('#notice', (n) => n.hidden), true, 'no second message ("empty")');
  await clean(opened);
});

test('a page size Swift refuses (412, sent without CORS headers): asked again without one, paged to the end', async () => {
  const names = ['1.txt', '2.txt', '3.txt', '4.txt'];
  for (const name of names) await put(`refused/${name}`, 'x\n');
  await swift.waitListed(container.name, 'refused/', names.map((n) => `refused/${n}`));
  // An /info that overstates the limit (a proxy in front, a changed config): Swift answers
  // limit=100 with 412.
  const infoUrl = `${new URL(swift.storageUrl).origin}/info`;
  const setup = (context) => context.route(infoUrl, (route) => route.fulfill({ status: 200,
    headers: { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'application/json' },
    body: JSON.stringify({ swift: { container_listing_limit: 100 } }) }));
  const opened = await openViewer(chromium.browser, site, url('refused/'), { setup,
    expectConsole: [/CORS|Access-Control-Allow-Origin|Failed to load resource/] });
  const { page } = opened;
  assert.equal(await page.evaluate(() => document.body.dataset.ready), 'true');
  assert.deepEqual(await shownNames(page), names);
  const listings = [...new Set(opened.requests.filter((u) => u.startsWith(`${container.url}?format=json`)))];
  assert.ok(/&limit=100$/.test(listings[0]), listings.join('\n'));
  assert.ok(listings.slice(1).every((u) => !u.includes('limit=')), listings.join('\n'));
  assert.equal(await page.$eval('#folder-status', (e) => e.dataset.total), '4');
  await opened.context.close();
});

test('a redirect to an origin the viewer does not open is refused, for files and folders alike', async () => {
  const http = require('node:http');
  const listen = async (handler) => {
    const server = http.createServer(handler);
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { server, origin: `http://127.0.0.1:${server.address().port}` };
  };
  const evil = await listen((req, res) => {
    res.writeHead(200, { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'text/plain' });
    res.end('2026-12-06 10:00:00.000 ERROR from the other origin\n');
  });
  const redirector = await listen((req, res) => {
    res.writeHead(302, { Location: `${evil.origin}${req.url}`, 'Access-Control-Allow-Origin': '*' });
    res.end();
  });
  const guarded = await serveStatic(webDir(), { '/config.json': ['application/json',
    JSON.stringify({ allowed_origins: [redirector.origin] })] });
  try {
    for (const q of [`${redirector.origin}/logs/job-output.txt`, `${redirector.origin}/logs/`]) {
      const opened = await openViewer(chromium.browser, guarded, q, { expectConsole: [/Failed to load resource/] });
      const { page } = opened;
      assert.equal(await page.evaluate(() => document.body.dataset.ready), 'error', q);
      assert.match(await page.textContent('#message'), new RegExp(`redirected this address to ${evil.origin.replace(/[.]/g, '\\.')}`), q);
      assert.equal(await page.$$eval('#log .row', (rows) => rows.length), 0, 'nothing of it is shown');
      await opened.context.close();
    }
  } finally {
    await guarded.close();
    redirector.server.close();
    evil.server.close();
  }
});

// Issue 13: a job token cannot make a large object; the upload leaves segments, the trusted side
// runs finalize, and the viewer reads the joined gzip stream (Content-Encoding: gzip on the
// manifest) like any log. Without index pages or a manifest, the folder is Swift's own listing,
// where the segments' folder must not show.
test('a 3 MiB log over max_file_size: segments, finalize, then read whole; the segment folder hidden', async () => {
  const run = promisify(execFile);
  const cli = process.env.LOGSTOW_CLI;
  assert.ok(cli, 'run through ctest (LOGSTOW_CLI)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lsv-large-'));
  const lines = [];
  let size = 0;
  while (size < 3 * 1024 * 1024) {
    const line = crypto.randomBytes(32).toString('hex');
    lines.push(line);
    size += line.length + 1;
  }
  lines.push('LAST-LINE-MARKER');
  fs.writeFileSync(path.join(dir, 'big.txt'), `${lines.join('\n')}\n`);
  const issued = await run(cli, ['token', 'issue', '--storage-url', swift.storageUrl,
    '--container', container.name, '--prefix', 'large/', '--ttl', '1h'],
  { env: { ...process.env, LOGSTOW_TEMPURL_KEY: container.key } });
  const report = path.join(dir, '..', `${path.basename(dir)}-report.json`);
  await run(cli, ['upload', dir, '--progress', 'none', '--json', report, '--no-index', '--no-manifest'],
    { env: { ...process.env, LOGSTOW_TOKEN: issued.stdout.trim() } });
  const big = JSON.parse(fs.readFileSync(report, 'utf8')).objects.find((o) => o.name === 'big.txt');
  assert.equal(big.status, 'segmented');
  assert.equal(big.segments.length, 2, 'hex text gzips to about 1.8 MiB: two 1 MiB segments');
  const env = readEnv(process.env.LOGSTOW_SWIFT_SMALL_DIR);
  const finalized = await run(cli, ['finalize', report, '--prefix', 'large/', '--container', container.name],
    { env: { ...process.env, LOGSTOW_SWIFT_AUTH_URL: env.authUrl, LOGSTOW_SWIFT_USER: env.user, LOGSTOW_SWIFT_KEY: env.key } });
  assert.equal(finalized.stdout, 'finalized big.txt\n');
  await swift.waitListed(container.name, 'large/', ['large/.logstow-segments/big.txt/00000000',
    'large/.logstow-segments/big.txt/00000001', 'large/big.txt']);

  const file = await openViewer(chromium.browser, site, url('large/big.txt'),
    { extra: `&search=${encodeURIComponent('LAST-LINE-MARKER')}` });
  // The whole text arrived through one gzip stream cut in two: every line, the last one found.
  await file.page.waitForFunction(() => {
    const status = document.getElementById('search-status');
    return status.dataset.partial === 'false' && status.dataset.count === '1';
  }, null, { timeout: 60000 });
  assert.equal(await file.page.$eval('#file-meta', (e) => e.textContent),
    `${lines.length.toLocaleString('en-US')} lines · 3.0 MiB`);
  await clean(file);

  const folder = await openViewer(chromium.browser, site, url('large/'));
  await waitReady(folder.page);
  assert.deepEqual(await shownNames(folder.page), ['big.txt']);
  await clean(folder);
});

// The log view in real Chromium against the real local Swift: the page is served from one origin
// (the harness's static server), the logs from Swift on another, uploaded by `logstow upload`
// into a container whose CORS metadata allows the page — so CORS, Content-Encoding and stored
// .gz objects are all the real thing. Checks what a reader relies on: every sample readable,
// severities and the filter, search counts equal to a count over the decoded file, permalinks
// (also on a slow network), wrap, keyboard, download, contrast; screenshots for people.
'use strict';

const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { test, before, after } = require('node:test');

const { webDir, serveStatic, artifactPath } = require('./lib/harness');
const { slowProxy } = require('./lib/slow_proxy');
const samples = require('./lib/samples');
const { openViewer, closeClean, drawnRows, visibleLines, waitForRow, waitReady, waitForVisibleLine,
  painted } = require('./lib/viewer_page');
const { startViewerFixture } = require('./lib/viewer_fixture');

let fixture;  // lib/viewer_fixture.js
let swift;
let site;
let chromium;
let container;
let logsUrl;       // .../logs/controller/ (a folder URL)

const levelsLog = [
  // First, so it follows no ERROR record (a TRACE line after one continues it: viewer/severity.h).
  '2026-11-30 05:59:59.000 100 TRACE nova.compute [-] a trace line (the level below DEBUG)',
  '2026-11-30 06:00:00.000 100 DEBUG nova.compute [-] a debug line',
  '2026-11-30 06:00:01.000 100 INFO nova.compute [-] an info line',
  '2026-11-30 06:00:02.000 100 AUDIT nova.compute [-] an audit line',
  '2026-11-30 06:00:03.000 100 WARNING nova.compute [-] a warning line',
  '2026-11-30 06:00:04.000 100 ERROR nova.compute [req-8c8ab27b-1b4e-4d5f-9c3a-2b8e0b7a5b1c] an error line',
  '2026-11-30 06:00:05.000 100 CRITICAL nova.compute [-] a critical line',
  'Traceback (most recent call last):',
  '  File "/opt/stack/nova/nova/compute/manager.py", line 42, in run',
  'a line without a level, see https://docs.openstack.org/nova/ and /etc/nova/nova.conf:12',
].join('\n') + '\n';

// A sample as a .gz of several members, cut at a third (inside a line) and at two thirds.
const MEMBERS_TEXT = samples.decoded('screen-c-api.txt.gz');
const MEMBER_CUTS = [Math.floor(MEMBERS_TEXT.length / 3), Math.floor(MEMBERS_TEXT.length * 2 / 3)];

before(async () => {
  fixture = await startViewerFixture('viewer-file');
  ({ swift, site, container, chromium } = fixture);
  const job = samples.makeJobFolder({ 'logs/levels.txt': levelsLog });
  await swift.upload(container.name, container.key, 'job/', job);
  logsUrl = `${container.url}/job/logs/controller/`;
  // A .gz uploaded with Content-Encoding: gzip on top (the browser strips one layer, the page the
  // other), and a gzip inside a gzip stored as-is (the page inflates once, never twice).
  const text = samples.decoded('devstack@c-vol.service.log.txt');
  await swift.put(container.name, 'job/logs/twice.txt.gz', zlib.gzipSync(zlib.gzipSync(text)),
    { 'Content-Type': 'application/gzip', 'Content-Encoding': 'gzip' });
  await swift.put(container.name, 'job/logs/nested.gz', zlib.gzipSync(zlib.gzipSync(text)),
    { 'Content-Type': 'application/gzip' });
  await swift.put(container.name, 'job/logs/empty.txt', '', { 'Content-Type': 'text/plain' });
  // A 3 MB line (minified JSON, a base64 blob) between ordinary ones.
  const giant = `first line\n{"blob": "${'A'.repeat(3 << 20)}"}\n2026-11-30 06:00:00.000 1 ERROR x [-] after the blob\n`;
  await swift.put(container.name, 'job/logs/giant.txt', zlib.gzipSync(giant),
    { 'Content-Type': 'text/plain', 'Content-Encoding': 'gzip' });
  // Stored as they are: several members; the same with zeros after them (padding, which gzip
  // -dc skips); the same with other bytes after them (damage).
  const members = samples.gzipMembers(MEMBERS_TEXT, MEMBER_CUTS);
  for (const [name, after] of [['members', ''], ['padded', Buffer.alloc(4096)], ['junk-after', 'not gzip\n']]) {
    await swift.put(container.name, `job/logs/${name}.txt.gz`, Buffer.concat([members, Buffer.from(after)]),
      { 'Content-Type': 'application/gzip' });
  }
  // One 1.2 MB member, then junk: damaged, but everything before the junk inflates (the decoder
  // drops what it inflated from a failing write: fetch_stream.js writes 4 KiB at a time).
  await swift.put(container.name, 'job/logs/big-junk-after.txt.gz',
    Buffer.concat([zlib.gzipSync(steps), Buffer.from('JUNK')]), { 'Content-Type': 'application/gzip' });
  // A first member of six bytes with a BEL in it: text by its first 8 KiB, as `logstow show`
  // reads it, not binary by its first chunk.
  await swift.put(container.name, 'job/logs/bell.txt.gz', Buffer.concat([zlib.gzipSync('beep\u0007\n'),
    zlib.gzipSync(steps.split('\n', 800).join('\n') + '\n')]), { 'Content-Type': 'application/gzip' });
});

after(() => fixture?.stop());

const steps = Array.from({ length: 50000 }, (_, i) => `job step ${i + 1} finished ok\n`).join('');

function metaLines(text) {
  const m = /^([\d,]+) lines?\b/.exec(text);
  return m ? Number(m[1].replace(/,/g, '')) : NaN;
}

test('every sample opens, with the same number of lines as its decoded bytes', async () => {
  const names = fs.readdirSync(samples.DATA).sort();
  assert.ok(names.length >= 12);
  for (const name of names) {
    const opened = await openViewer(chromium.browser, site, logsUrl + encodeURIComponent(name));
    const { page } = opened;
    assert.equal(await page.evaluate(() => document.body.dataset.ready), 'true', name);
    const expected = samples.lines(samples.decoded(name));
    // A terminal capture counts screen rows and says how many raw lines they came from.
    const meta = await page.textContent('#file-meta');
    const raw = /terminal screen of ([\d,]+) raw lines/.exec(meta);
    assert.equal(raw ? Number(raw[1].replace(/,/g, '')) : metaLines(meta), expected.length, name);
    await waitForRow(page, 1);
    const first = (await drawnRows(page))[0];
    assert.equal(first.line, 1, name);
    if (!/\x1b|\r|\x08/.test(expected[0])) assert.equal(first.text, expected[0], name);
    await closeClean(opened);
  }
});

test('severities: colours per level, counts, and the minimum-severity filter with context', async () => {
  const all = samples.lines(samples.decoded('screen-n-api.txt.gz'));
  const levels = samples.effectiveLevels(all);
  const firstError = levels.indexOf('ERROR') + 1;
  const opened = await openViewer(chromium.browser, site, `${logsUrl}screen-n-api.txt.gz`,
    { hash: `#L${firstError}` });
  const { page } = opened;
  assert.equal(await page.textContent('.chip.sev-error'), 'ERROR 5');
  assert.equal(await page.textContent('.chip.sev-warning'), 'WARNING 6');
  await waitForRow(page, firstError);
  const row = await page.$(`#log .row[data-line="${firstError}"]`);
  assert.match(await row.getAttribute('class'), /\bsev-error\b/);
  const colours = await page.evaluate((n) => {
    const tx = document.querySelector(`#log .row[data-line="${n}"] .tx`);
    const probe = document.createElement('span');
    probe.style.color = getComputedStyle(document.documentElement).getPropertyValue('--sev-error');
    document.body.append(probe);
    const expected = getComputedStyle(probe).color;
    probe.remove();
    return { shown: getComputedStyle(tx).color, expected };
  }, firstError);
  assert.equal(colours.shown, colours.expected);

  // Filter: WARNING and up, then with 2 lines of context; the rows are exactly those lines.
  await page.selectOption('#severity', 'WARNING');
  const only = samples.filteredLines(levels, 'WARNING', 0);
  // The selected line stays visible too (it is an ERROR line, so already in).
  await page.waitForFunction((n) => document.querySelectorAll('#log .row:not(.pending)').length === n, only.length);
  const rows = await drawnRows(page);
  assert.deepEqual(rows.map((r) => r.line), only);
  assert.ok(rows.every((r) => /\bsev-(warning|error)\b/.test(r.classes)));
  assert.match(page.url(), /[?&]severity=WARNING/);

  await page.selectOption('#context', '2');
  const withContext = samples.filteredLines(levels, 'WARNING', 2);
  await page.waitForFunction((n) => document.getElementById('file-meta').dataset.shown === String(n),
    withContext.length);
  await page.waitForFunction(() => document.querySelectorAll('#log .row.pending').length === 0);
  const shown = (await drawnRows(page)).map((r) => r.line);
  assert.deepEqual(shown, withContext.slice(0, shown.length));
  assert.ok(await page.$('#log .row.gap'), 'a gap marker between separate runs of lines');
  assert.match(page.url(), /[?&]context=2/);
  await closeClean(opened);

  // A bigger filter: neutron-l3's WARNING lines (with their continuation lines) and ERRORs.
  const l3 = samples.effectiveLevels(samples.lines(samples.decoded('screen-neutron-l3.txt.gz')));
  const l3Opened = await openViewer(chromium.browser, site, `${logsUrl}screen-neutron-l3.txt.gz`,
    { extra: '&severity=WARNING' });
  await l3Opened.page.waitForFunction((n) => document.getElementById('file-meta').dataset.shown === String(n),
    samples.filteredLines(l3, 'WARNING', 0).length);
  assert.equal(samples.filteredLines(l3, 'WARNING', 0).length, 1038 + 19);  // SOURCES.md
  await closeClean(l3Opened);
});

test('.gz objects: stored as-is, HTTP-encoded on top, and gzip inside gzip inflate exactly once', async () => {
  const text = samples.lines(samples.decoded('devstack@c-vol.service.log.txt'));
  // Transport gzip over a stored .gz: the browser strips one layer, the page inflates the other.
  const twice = await openViewer(chromium.browser, site, `${container.url}/job/logs/twice.txt.gz`);
  assert.equal(metaLines(await twice.page.textContent('#file-meta')), text.length);
  await waitForRow(twice.page, 1);
  assert.equal((await drawnRows(twice.page))[0].text, text[0]);
  assert.match(await twice.page.textContent('#file-meta'), /gzip/);
  await closeClean(twice);

  // A .gz whose content is itself gzip: inflated once, so the page finds the inner gzip bytes
  // (binary) rather than inflating again, and says so instead of drawing them.
  const nested = await openViewer(chromium.browser, site, `${container.url}/job/logs/nested.gz`);
  assert.equal(await nested.page.evaluate(() => document.body.dataset.mode), 'binary');
  assert.match(await nested.page.textContent('#message h1'), /^Binary file, /);
  assert.equal(await nested.page.$$eval('#log .row', (rows) => rows.length), 0);
  await closeClean(nested);
});

test('a .gz of several members is read whole, in order; zeros after them are padding, other bytes damage', async () => {
  const all = samples.lines(MEMBERS_TEXT);
  const expected = samples.regexCount(all, /req-[0-9a-f]{8}-/g);
  assert.notEqual(MEMBERS_TEXT[MEMBER_CUTS[0] - 1], 0x0a, 'the first cut is inside a line');
  const cutLine = MEMBERS_TEXT.subarray(0, MEMBER_CUTS[0]).toString('latin1').split('\n').length;
  for (const name of ['members.txt.gz', 'padded.txt.gz']) {
    const opened = await openViewer(chromium.browser, site, `${container.url}/job/logs/${name}`,
      { hash: `#L${cutLine}` });
    const { page } = opened;
    assert.equal(metaLines(await page.textContent('#file-meta')), all.length, name);
    await waitForRow(page, cutLine);
    assert.equal((await drawnRows(page)).find((r) => r.line === cutLine).text, all[cutLine - 1], name);
    await page.fill('#search', 'req-[0-9a-f]{8}-');
    await page.press('#search', 'Enter');
    await page.waitForFunction((n) => document.getElementById('search-status').dataset.count === String(n),
      expected.matches);
    assert.equal(await page.$eval('#search-status', (e) => e.dataset.lines), String(expected.lines), name);
    assert.equal(await page.$('#notice [data-notice="warning"]'), null, `${name}: no warning`);
    await closeClean(opened);
  }
  // Bytes after the last member that are neither a member nor zeros: damaged, in the decoder's words.
  const damaged = await openViewer(chromium.browser, site, `${container.url}/job/logs/junk-after.txt.gz`);
  await damaged.page.waitForSelector('#notice [data-notice="warning"]');
  assert.match(await damaged.page.textContent('#notice [data-notice="warning"]'),
    /^This \.gz file is damaged or cut short \(.*Junk found after end of compressed data\.\); showing the /);
  await closeClean(damaged);
  const big = await openViewer(chromium.browser, site, `${container.url}/job/logs/big-junk-after.txt.gz`);
  await big.page.waitForSelector('#notice [data-notice="warning"]');
  assert.equal(metaLines(await big.page.textContent('#file-meta')), 50000, 'every line before the junk');
  await closeClean(big);
  const bell = await openViewer(chromium.browser, site, `${container.url}/job/logs/bell.txt.gz`);
  assert.equal(await bell.page.evaluate(() => document.body.dataset.mode), 'file');
  assert.equal(metaLines(await bell.page.textContent('#file-meta')), 801);
  await closeClean(bell);
});

test('an empty log says so', async () => {
  const opened = await openViewer(chromium.browser, site, `${container.url}/job/logs/empty.txt`);
  assert.equal(await opened.page.evaluate(() => document.body.dataset.ready), 'true');
  assert.equal(await opened.page.textContent('#notice'), 'This log is empty (0 bytes).');
  assert.equal(metaLines(await opened.page.textContent('#file-meta')), 0);
  await closeClean(opened);
});

test('a 3 MB line is shown in part, as text, without stalling the page', async () => {
  const opened = await openViewer(chromium.browser, site, `${container.url}/job/logs/giant.txt`);
  const { page } = opened;
  await waitForRow(page, 3);
  const rows = await drawnRows(page);
  assert.deepEqual(rows.map((r) => r.line), [1, 2, 3]);
  assert.equal(rows[0].text, 'first line');
  assert.match(rows[1].text, /^\{"blob": "A{1000}/);
  assert.match(rows[1].text, /a line of 3\.0 MiB, shown in part and unhighlighted; Raw has all of it$/);
  assert.ok(rows[1].text.length < 70000);
  assert.match(rows[2].classes, /\bsev-error\b/);
  assert.equal(rows[2].text, '2026-11-30 06:00:00.000 1 ERROR x [-] after the blob');
  // Search still sees the whole line (it runs over the bytes in the worker).
  await page.fill('#search', 'A{1000}');
  await page.press('#search', 'Enter');
  await page.waitForFunction((n) => document.getElementById('search-status').dataset.count === String(n),
    Math.floor((3 << 20) / 1000));
  await closeClean(opened);
});

test('search: counts equal a regex count over the decoded file; Enter / Shift+Enter walk the hits', async () => {
  const all = samples.lines(samples.decoded('screen-n-api.txt.gz'));
  const opened = await openViewer(chromium.browser, site, `${logsUrl}screen-n-api.txt.gz`);
  const { page } = opened;
  const cases = [
    { pattern: 'req-[0-9a-f]{8}-', regex: /req-[0-9a-f]{8}-/g },
    { pattern: 'ERROR|WARNING', regex: /ERROR|WARNING/g },
    { pattern: '^2013-09-27 18:2\\d', regex: /^2013-09-27 18:2\d/g },
    { pattern: 'NOVA\\.API\\.openstack', regex: /NOVA\.API\.openstack/gi, icase: true },
    { pattern: '(', regex: /\(/g, literal: true },
  ];
  for (const c of cases) {
    await page.focus('#log');
    await page.keyboard.press('g');  // from the top: the first hit is the file's first
    await page.setChecked('#search-icase', Boolean(c.icase));
    await page.setChecked('#search-regex', !c.literal);
    // Typing searches after a pause and goes to the first hit at or below the top of the view
    // (the top: line 1). No Enter here: on a loaded machine the pause may be over before an
    // Enter arrives, which then rightly goes on to the second hit.
    await page.fill('#search', c.pattern);
    const expected = samples.regexCount(all, c.regex);
    assert.ok(expected.matches > 0, c.pattern);
    await page.waitForFunction((n) => document.getElementById('search-status').dataset.count === String(n),
      expected.matches, { timeout: 10000 }).catch(async () => {
      assert.fail(`${c.pattern}: page says "${await page.textContent('#search-status')}", a regex count over the decoded file gives ${expected.matches}`);
    });
    assert.equal(await page.$eval('#search-status', (e) => e.dataset.lines), String(expected.lines), c.pattern);
    await page.waitForFunction((n) => document.getElementById('log').dataset.currentHit === String(n),
      expected.hitLines[0]);
    await page.press('#search', 'Enter');
    await page.waitForFunction((n) => document.getElementById('log').dataset.currentHit === String(n),
      expected.hitLines[1]);
    assert.ok((await visibleLines(page)).includes(expected.hitLines[1]), c.pattern);
    assert.match(await page.getAttribute(`#log .row[data-line="${expected.hitLines[1]}"]`, 'class'), /\bhit\b/);
    await page.press('#search', 'Shift+Enter');
    await page.waitForFunction((n) => document.getElementById('log').dataset.currentHit === String(n),
      expected.hitLines[0]);
    assert.match(await page.textContent('#search-status'), new RegExp(`^1 of ${expected.matches.toLocaleString('en-US')}`));
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('search'), c.pattern);
  }
  // A pattern RE2 rejects: RE2's message, no exception.
  await page.setChecked('#search-regex', true);
  await page.fill('#search', '(foo');
  await page.press('#search', 'Enter');
  await page.waitForFunction(() => document.getElementById('search-status').classList.contains('error'));
  assert.equal(await page.textContent('#search-status'), 'missing ): (foo');
  // &search= in a shared link runs the search and goes to the first hit once the log is in.
  const shared = await openViewer(chromium.browser, site, `${logsUrl}screen-n-api.txt.gz`,
    { extra: `&search=${encodeURIComponent('req-[0-9a-f]{8}-')}` });
  const first = samples.regexCount(all, /req-[0-9a-f]{8}-/g).hitLines[0];
  await shared.page.waitForFunction((n) => document.getElementById('log').dataset.currentHit === String(n), first);
  assert.equal(await shared.page.inputValue('#search'), 'req-[0-9a-f]{8}-');
  await closeClean(shared);
  await page.screenshot({ path: artifactPath('viewer-file-search-light.png') });
  await closeClean(opened);
});

test('#L permalinks scroll to the line and highlight it; clicks and Shift+clicks make them', async () => {
  const longest = 40335;  // SOURCES.md: the longest line of screen-n-api, 97,190 bytes
  const opened = await openViewer(chromium.browser, site, `${logsUrl}screen-n-api.txt.gz`,
    { hash: `#L${longest}` });
  const { page } = opened;
  await waitForRow(page, longest);
  // Lines wrap by default, so the 97 KB line is taller than the screen: its top is on screen,
  // right below the line before it (once the rows drawn around it have been measured).
  await page.waitForFunction((n) => {
    const log = document.getElementById('log');
    const box = log.getBoundingClientRect();
    const first = Array.from(log.querySelectorAll('.row'))
      .find((row) => row.getBoundingClientRect().top >= box.top - 1);
    return first && first.dataset.line === String(n);
  }, longest - 1, { timeout: 20000 });
  const topOnScreen = await page.$eval(`#log .row[data-line="${longest}"]`, (row) => {
    const box = document.getElementById('log').getBoundingClientRect();
    const r = row.getBoundingClientRect();
    return r.top >= box.top - 1 && r.top < box.bottom;
  });
  assert.ok(topOnScreen);
  assert.equal((await visibleLines(page))[0], longest - 1);
  assert.match(await page.getAttribute(`#log .row[data-line="${longest}"]`, 'class'), /\bsel\b/);
  assert.equal(new URL(page.url()).hash, `#L${longest}`);
  // The link's lines can be copied at once, as after a click.
  assert.equal(await page.$eval('#copy-lines', (b) => (b.hidden ? 'hidden' : b.textContent)), 'Copy line');

  // A range.
  await page.evaluate(() => { window.location.hash = '#L100-L120'; });
  await page.waitForFunction(() => document.querySelectorAll('#log .row.sel').length === 21);
  assert.ok((await visibleLines(page)).includes(100));

  // Click, then Shift+click: #L30-L35, and the copy button offers six lines.
  // First to line 30 by its link, and wait until it is drawn there: rows 30-35 may still be
  // drawn from before (around line 100), and a click on a row being redrawn is lost.
  await page.evaluate(() => { window.location.hash = '#L30'; });
  await page.waitForFunction(() => [...document.querySelectorAll('#log .row.sel')]
    .map((row) => row.dataset.line).join() === '30');
  await waitForVisibleLine(page, 35);
  await page.click('#log .row[data-line="30"] .ln');
  await page.waitForFunction(() => window.location.hash === '#L30');
  await page.click('#log .row[data-line="35"] .ln', { modifiers: ['Shift'] });
  assert.equal(new URL(page.url()).hash, '#L30-L35');
  assert.deepEqual((await drawnRows(page)).filter((r) => /\bsel\b/.test(r.classes)).map((r) => r.line),
    [30, 31, 32, 33, 34, 35]);
  assert.equal(await page.textContent('#copy-lines'), 'Copy 6 lines');
  await closeClean(opened);

  // Wrapped: the rows above the target are measured as they are drawn, and the target (right
  // above the 97 KB line, which wraps onto hundreds of rows) still ends up on screen.
  const wrapped = await openViewer(chromium.browser, site, `${logsUrl}screen-n-api.txt.gz`,
    { extra: '&wrap=1', hash: `#L${longest - 1}` });
  await waitForVisibleLine(wrapped.page, longest - 1);
  assert.match(await wrapped.page.getAttribute(`#log .row[data-line="${longest - 1}"]`, 'class'), /\bsel\b/);
  await closeClean(wrapped);
});

test('a slow load: first rows early, and a #L link still lands on its line when it arrives', async () => {
  const proxy = await slowProxy(swift.origin, { chunk: 4096, delayMs: 25 });  // 160 KB/s: ~4 s
  // A viewer whose config.json lists the proxy as a log origin (it opens no other origin).
  const slowSite = await serveStatic(webDir(), { '/config.json': ['application/json',
    JSON.stringify({ allowed_origins: [proxy.origin] })] });
  await swift.admin('POST', container.url, {
    'X-Container-Meta-Access-Control-Allow-Origin': `${site.origin} ${slowSite.origin}` });
  try {
    // Same path on the proxy's origin; Swift's CORS answer passes through unchanged.
    const target = 45000;
    const url = `${proxy.origin}${new URL(logsUrl).pathname}screen-n-api.txt.gz`;
    const opened = await openViewer(chromium.browser, slowSite, url, { hash: `#L${target}`, wait: false });
    const { page } = opened;
    await page.waitForFunction(() => document.body.dataset.firstRows === 'true', null, { timeout: 30000 });
    const early = await page.evaluate(() => document.body.dataset.state);
    const sentWhenFirstRows = proxy.stats.bodyBytesSent;
    assert.equal(early, 'streaming', 'the first rows were drawn before the log was in');
    await page.waitForFunction((n) => document.body.dataset.jumped === String(n), target, { timeout: 60000 });
    await waitReady(page);
    await waitForRow(page, target);
    assert.ok((await visibleLines(page)).includes(target), 'the permalinked line is on screen after the load');
    assert.match(await page.getAttribute(`#log .row[data-line="${target}"]`, 'class'), /\bsel\b/);
    const total = fs.statSync(path.join(samples.DATA, 'screen-n-api.txt.gz')).size;
    assert.ok(sentWhenFirstRows < total, `first rows only after all ${total} bytes were sent`);
    await closeClean(opened);
  } finally {
    await proxy.close();
    await slowSite.close();
  }
});

test('wrap, keyboard navigation and the help dialog', async () => {
  const all = samples.lines(samples.decoded('screen-n-api.txt.gz'));
  const levels = samples.effectiveLevels(all);
  // Wrapping is on by default; this link turns it off (wrap=0), and z turns it back on.
  const opened = await openViewer(chromium.browser, site, `${logsUrl}screen-n-api.txt.gz`,
    { extra: '&wrap=0' });
  const { page } = opened;
  await page.focus('#log');
  // e: the next line that states ERROR.
  await page.keyboard.press('e');
  const firstError = levels.indexOf('ERROR') + 1;
  await waitForRow(page, firstError);
  assert.ok((await visibleLines(page)).includes(firstError));
  // G / g: last and first line.
  await page.keyboard.press('G');
  await waitForRow(page, all.length);
  assert.ok((await visibleLines(page)).includes(all.length));
  await page.keyboard.press('g');
  await waitForRow(page, 1);
  assert.ok((await visibleLines(page)).includes(1));
  // :40335 Enter goes to the longest line; z wraps it onto many rows.
  await page.keyboard.press(':');
  await page.keyboard.type('40335');
  await page.keyboard.press('Enter');
  await waitForRow(page, 40335);
  const flat = await page.$eval('#log .row[data-line="40335"]', (r) => r.getBoundingClientRect().height);
  await page.keyboard.press('z');
  await page.waitForFunction(() => document.getElementById('log').classList.contains('wrap'));
  await waitForRow(page, 40335);
  const wrapped = await page.$eval('#log .row[data-line="40335"]', (r) => r.getBoundingClientRect().height);
  assert.equal(flat, 18);
  assert.ok(wrapped > 40 * 18, `a 97 KB line wraps onto many rows (${wrapped}px)`);
  assert.doesNotMatch(page.url(), /[?&]wrap=/);
  assert.ok((await visibleLines(page)).length > 0 || (await drawnRows(page)).some((r) => r.line === 40335));
  // / focuses the search box; ? opens the help.
  await page.focus('#log');
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search');
  await page.keyboard.press('Escape');
  await page.keyboard.press('?');
  assert.equal(await page.evaluate(() => document.getElementById('help').open), true);
  await page.keyboard.press('Escape');
  // The theme button flips the theme, and the choice outlives a reload.
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');
  await page.click('#theme-toggle');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await page.reload();
  await waitReady(page);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await closeClean(opened);
});

test('download saves the log as shown (inflated), raw links to the object', async () => {
  const opened = await openViewer(chromium.browser, site, `${logsUrl}screen-c-api.txt.gz`);
  const { page } = opened;
  assert.equal(await page.getAttribute('#raw-link', 'href'), `${logsUrl}screen-c-api.txt.gz`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
  assert.equal(download.suggestedFilename(), 'screen-c-api.txt');
  const saved = fs.readFileSync(await download.path());
  const expected = samples.decoded('screen-c-api.txt.gz');
  assert.equal(crypto.createHash('sha256').update(saved).digest('hex'),
    crypto.createHash('sha256').update(expected).digest('hex'));
  await closeClean(opened);
});

// WCAG 2 contrast ratio of two "rgb(r, g, b)" colours.
function contrast(a, b) {
  const lum = (rgb) => {
    const [r, g, bl] = rgb.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

test('every severity colour, line number and highlight keeps AA contrast in both themes', async () => {
  for (const scheme of ['light', 'dark']) {
    const opened = await openViewer(chromium.browser, site, `${container.url}/job/logs/levels.txt`,
      { colorScheme: scheme, extra: '&search=line' });
    const { page } = opened;
    await waitForRow(page, 10);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), scheme);
    const samplesSeen = await page.evaluate(() => {
      const opaque = (el) => {
        for (let e = el; e; e = e.parentElement) {
          const bg = getComputedStyle(e).backgroundColor;
          if (bg && !/rgba\(.*,\s*0\)$/.test(bg) && bg !== 'transparent') return bg;
        }
        return getComputedStyle(document.body).backgroundColor;
      };
      const out = [];
      for (const row of document.querySelectorAll('#log .row')) {
        for (const el of [row.querySelector('.ln'), row.querySelector('.tx'), ...row.querySelectorAll('.tx span, .tx a')]) {
          if (!el.textContent.trim()) continue;
          out.push({ what: `${row.className} ${el.className || el.tagName}`, fg: getComputedStyle(el).color, bg: opaque(el) });
        }
      }
      return out;
    });
    assert.ok(samplesSeen.length > 20);
    for (const s of samplesSeen) {
      const ratio = contrast(s.fg, s.bg);
      assert.ok(ratio >= 4.5, `${scheme}: ${s.what}: ${s.fg} on ${s.bg} is ${ratio.toFixed(2)}:1`);
    }
    const classes = (await drawnRows(page)).map((r) => r.classes.match(/sev-\w+/)[0]);
    // The traceback and the line after it continue the CRITICAL record (viewer/severity.h).
    assert.deepEqual(classes, ['sev-trace', 'sev-debug', 'sev-info', 'sev-audit', 'sev-warning',
      'sev-error', 'sev-critical', 'sev-critical', 'sev-critical', 'sev-critical']);
    await closeClean(opened);
  }
});

test('screenshots of a file view, light and dark (test artifacts)', async () => {
  const light = await openViewer(chromium.browser, site, `${logsUrl}screen-n-api.txt.gz`,
    { extra: `&search=${encodeURIComponent('req-[0-9a-f-]+')}`, hash: '#L40327-L40330' });
  await waitForRow(light.page, 40330);
  await painted(light.page);
  await light.page.screenshot({ path: artifactPath('viewer-file-light.png') });
  await closeClean(light);
  const dark = await openViewer(chromium.browser, site, `${logsUrl}screen-neutron-l3.txt.gz`,
    { colorScheme: 'dark', extra: '&severity=WARNING&context=2', hash: '#L7193' });
  await waitForRow(dark.page, 7193);
  await painted(dark.page);
  await dark.page.screenshot({ path: artifactPath('viewer-file-dark.png') });
  await closeClean(dark);
});

// Reading comfort in the log view, in real Chromium against the real local Swift: long lines wrap
// by default (and the toggle still works and travels in the URL), a permalink puts its line at
// the top with one line of context above, "#L7448-" means line 7448 and a "#L0" that names no
// line says why, a filter that hides every line says so, and counts read "1 line", never "1 lines".
'use strict';

const assert = require('node:assert/strict');
const zlib = require('node:zlib');
const { test, before, after } = require('node:test');

const { openViewer, closeClean, drawnRows, visibleLines, waitForRow, waitReady } =
  require('./lib/viewer_page');
const { startViewerFixture } = require('./lib/viewer_fixture');

let fixture;  // lib/viewer_fixture.js
let swift;
let site;
let chromium;
let container;

const ROW_HEIGHT = 18;  // web/viewer.css --row-h

// 2,000 numbered INFO lines; line 50 is 3,000 characters long.
function numberedLog() {
  const lines = [];
  for (let n = 1; n <= 2000; ++n) {
    const text = n === 50 ? `long ${'word '.repeat(600)}` : `line ${n}`;
    lines.push(`2026-11-30 06:00:00.000 100 INFO nova.compute [-] ${text}`);
  }
  return `${lines.join('\n')}\n`;
}

before(async () => {
  fixture = await startViewerFixture('viewer-reading');
  ({ swift, site, container, chromium } = fixture);
  await swift.put(container.name, 'job/numbered.txt', zlib.gzipSync(numberedLog()),
    { 'Content-Type': 'text/plain', 'Content-Encoding': 'gzip' });
  await swift.put(container.name, 'job/quiet.txt',
    '2026-11-30 06:00:00.000 1 INFO a [-] one\n2026-11-30 06:00:01.000 1 DEBUG a [-] two\nthree\n',
    { 'Content-Type': 'text/plain' });
  await swift.put(container.name, 'job/one.txt', '2026-11-30 06:00:00.000 1 INFO a [-] alone\n',
    { 'Content-Type': 'text/plain' });
  await swift.put(container.name, 'job/gaps.txt', [
    '2026-11-30 06:00:00.000 1 ERROR a [-] first error',
    '2026-11-30 06:00:01.000 1 INFO a [-] between',
    '2026-11-30 06:00:02.000 1 ERROR a [-] second error',
  ].join('\n') + '\n', { 'Content-Type': 'text/plain' });
  await swift.put(container.name, 'job/classic-mac.txt',
    '2026-11-30 06:00:00.000 1 ERROR a [-] first\rits second line\r2026-11-30 06:00:02.000 1 INFO a [-] third\r',
    { 'Content-Type': 'text/plain' });
});

after(() => fixture?.stop());

const rowHeight = (page, line) =>
  page.$eval(`#log .row[data-line="${line}"]`, (r) => r.getBoundingClientRect().height);

test('long lines wrap by default; the toggle turns it off, and wrap=0 keeps it off on reload', async () => {
  const opened = await openViewer(chromium.browser, site, `${container.url}/job/numbered.txt`);
  const { page } = opened;
  await waitForRow(page, 50);
  assert.equal(await page.evaluate(() => document.getElementById('log').classList.contains('wrap')), true);
  assert.equal(await page.isChecked('#wrap'), true);
  assert.ok(await rowHeight(page, 50) > 3 * ROW_HEIGHT, 'the 3,000-character line wraps');
  assert.equal(await rowHeight(page, 49), ROW_HEIGHT);
  assert.equal(new URL(page.url()).searchParams.get('wrap'), null, 'the default is not written');

  await page.focus('#log');
  await page.keyboard.press('z');
  await page.waitForFunction(() => !document.getElementById('log').classList.contains('wrap'));
  await waitForRow(page, 50);
  assert.equal(await rowHeight(page, 50), ROW_HEIGHT);
  assert.equal(await page.isChecked('#wrap'), false);
  assert.equal(new URL(page.url()).searchParams.get('wrap'), '0');

  await page.reload();
  await waitReady(page);
  await waitForRow(page, 50);
  assert.equal(await page.isChecked('#wrap'), false);
  assert.equal(await rowHeight(page, 50), ROW_HEIGHT);

  await page.click('#wrap');
  await page.waitForFunction(() => document.getElementById('log').classList.contains('wrap'));
  assert.equal(new URL(page.url()).searchParams.get('wrap'), null);
  await closeClean(opened);

  // A link typed by hand says "off" in words too.
  const typed = await openViewer(chromium.browser, site, `${container.url}/job/numbered.txt`, { extra: '&wrap=False' });
  await waitForRow(typed.page, 50);
  assert.equal(await typed.page.isChecked('#wrap'), false);
  assert.equal(await rowHeight(typed.page, 50), ROW_HEIGHT);
  await closeClean(typed);
});

test('a permalink puts its line at the top with one line of context above; #L7- means line 7', async () => {
  for (const [hash, first, last] of [['#L1500', 1500, 1500], ['#L1200-', 1200, 1200],
    ['#L900-L905', 900, 905], ['#L1', 1, 1]]) {
    const opened = await openViewer(chromium.browser, site, `${container.url}/job/numbered.txt`, { hash });
    const { page } = opened;
    await page.waitForFunction((n) => document.body.dataset.jumped === String(n), first);
    await waitForRow(page, first);
    const visible = await visibleLines(page);
    const top = Math.max(1, first - 1);
    assert.deepEqual(visible.slice(0, 2), [top, top + 1], `${hash}: the rows at the top`);
    const selected = (await drawnRows(page)).filter((r) => /\bsel\b/.test(r.classes)).map((r) => r.line);
    assert.deepEqual(selected, Array.from({ length: last - first + 1 }, (_, i) => first + i), hash);
    // The address is tidied to the canonical form.
    assert.equal(new URL(page.url()).hash, first === last ? `#L${first}` : `#L${first}-L${last}`);
    await closeClean(opened);
  }
  // A later hash change in the same page does the same.
  const opened = await openViewer(chromium.browser, site, `${container.url}/job/numbered.txt`);
  const { page } = opened;
  await page.evaluate(() => { window.location.hash = '#L700-'; });
  await page.waitForFunction(() => document.querySelectorAll('#log .row.sel').length === 1);
  await waitForRow(page, 700);
  assert.deepEqual((await visibleLines(page)).slice(0, 2), [699, 700]);
  await closeClean(opened);
});

test('a #L link that names no line says why in a notice; the log opens at the top, nothing selected', async () => {
  for (const [hash, why] of [['#L0', '#L0 is not a line: lines count from 1.'],
    ['#L-5', '#L-5 is not a line: lines count from 1.'],
    ['#Lx', '#Lx is not a line link: one reads #L7 (line 7) or #L7-L9 (lines 7 to 9).']]) {
    const opened = await openViewer(chromium.browser, site, `${container.url}/job/numbered.txt`, { hash });
    const { page } = opened;
    await page.waitForSelector('[data-notice="line-link"]');
    assert.equal(await page.textContent('[data-notice="line-link"]'), why);
    await waitForRow(page, 1);
    assert.deepEqual((await visibleLines(page)).slice(0, 2), [1, 2], hash);
    assert.equal(await page.$$eval('#log .row.sel', (rows) => rows.length), 0, hash);
    await closeClean(opened);
  }
  // A later hash change says the same, and a good link (reversed ranges are good) clears it.
  const opened = await openViewer(chromium.browser, site, `${container.url}/job/numbered.txt`);
  const { page } = opened;
  await page.evaluate(() => { window.location.hash = '#L3-L0'; });
  await page.waitForSelector('[data-notice="line-link"]');
  assert.equal(await page.textContent('[data-notice="line-link"]'), '#L3-L0 is not a line: lines count from 1.');
  await page.evaluate(() => { window.location.hash = '#L12-L10'; });
  await page.waitForFunction(() => document.querySelectorAll('#log .row.sel').length === 3);
  assert.equal(await page.$('[data-notice="line-link"]'), null);
  assert.equal(new URL(page.url()).hash, '#L10-L12');
  await closeClean(opened);
});

test('a filter that hides every line says so, and the message goes when lines show again', async () => {
  const opened = await openViewer(chromium.browser, site, `${container.url}/job/quiet.txt`,
    { extra: '&severity=ERROR' });
  const { page } = opened;
  await page.waitForSelector('[data-notice="filter-empty"]');
  assert.equal(await page.textContent('[data-notice="filter-empty"]'),
    'No lines at ERROR or above: all 3 lines of this log are hidden by the filter. Choose a lower level to see them.');
  assert.equal((await drawnRows(page)).length, 0);

  await page.selectOption('#severity', 'CRITICAL');
  await page.waitForFunction(() => /^No lines at CRITICAL:/.test(
    document.querySelector('[data-notice="filter-empty"]')?.textContent || ''));

  await page.selectOption('#severity', 'DEBUG');
  await page.waitForFunction(() => document.getElementById('file-meta').dataset.shown === '3');
  assert.equal(await page.$('[data-notice="filter-empty"]'), null);
  assert.equal(await page.isHidden('#notice'), true);

  await page.selectOption('#severity', 'WARNING');
  await page.waitForSelector('[data-notice="filter-empty"]');
  await page.selectOption('#severity', '');
  await page.waitForFunction(() => !document.querySelector('[data-notice="filter-empty"]'));
  await waitForRow(page, 3);
  await closeClean(opened);
});

test('counts of one read "1 line", "1 match", "Copy line"', async () => {
  const opened = await openViewer(chromium.browser, site, `${container.url}/job/one.txt`,
    { extra: '&search=alone' });
  const { page } = opened;
  assert.match(await page.textContent('#file-meta'), /^1 line · /);
  await page.waitForFunction(() => document.getElementById('search-status').dataset.count === '1');
  await page.waitForFunction(() => /^1 (match|of 1)$/.test(document.getElementById('search-status').textContent));
  assert.equal(await page.getAttribute('#search-status', 'title'), '1 match on 1 line');
  await waitForRow(page, 1);
  await page.click('#log .row[data-line="1"] .ln');
  assert.equal(await page.textContent('#copy-lines'), 'Copy line');
  await closeClean(opened);

  // A filter's gap marker: one line hidden between two errors.
  const gaps = await openViewer(chromium.browser, site, `${container.url}/job/gaps.txt`,
    { extra: '&severity=ERROR' });
  await gaps.page.waitForFunction(() => document.getElementById('file-meta').dataset.shown === '2');
  await waitForRow(gaps.page, 3);
  assert.equal(await gaps.page.getAttribute('#log .row[data-line="3"]', 'title'), '1 line hidden above');
  // And nowhere on the page a "1 lines", "1 matches" or "1 entries".
  const text = await gaps.page.evaluate(() => document.body.innerText + [...document.querySelectorAll('[title]')].map((e) => e.title).join('\n'));
  assert.doesNotMatch(text, /\b1 (lines|matches|entries|characters)\b/);
  await closeClean(gaps);

  // A link's range past the log's end offers the lines there are (it said "Copy 98 lines").
  const past = await openViewer(chromium.browser, site, `${container.url}/job/gaps.txt`, { hash: '#L2-L99' });
  await past.page.waitForFunction(() => document.body.dataset.ready === 'true');
  await past.page.waitForFunction(() => document.getElementById('copy-lines').textContent === 'Copy 2 lines');
  await closeClean(past);
});

test('a log whose lines end in a lone CR (classic Mac OS) shows them as lines', async () => {
  const opened = await openViewer(chromium.browser, site, `${container.url}/job/classic-mac.txt`);
  const { page } = opened;
  const rows = await drawnRows(page);
  assert.deepEqual(rows.map((r) => r.text), ['2026-11-30 06:00:00.000 1 ERROR a [-] first', 'its second line',
    '2026-11-30 06:00:02.000 1 INFO a [-] third']);
  assert.match(rows[1].classes, /\bsev-error\b/);
  assert.match(rows[2].classes, /\bsev-info\b/);
  assert.match(await page.textContent('#file-meta'), /^3 lines/);
  await closeClean(opened);
});

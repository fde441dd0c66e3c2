// Times written without a year (systemd journal / syslog "Mar 01 12:00:02.000000 host …", the
// format of devstack's screen-*.txt; Go klog "I0301 12:00:02.500000 …") in real Chromium against
// the real local Swift: they take their year from the file's date, the answer's Last-Modified
// (Swift: the upload's time; lib/slow_proxy.js in front of Swift answers another date, or none),
// never a fixed year. &t= jumps into such a log, the timeline's axis shows that year, and a
// request id's trail across a dated and a year-less file is in time order with the right dates.
// Every expected value is computed here from the generated text and the dates set.
'use strict';

const assert = require('node:assert/strict');
const { test, before, after } = require('node:test');

const { proxiedSite } = require('./lib/slow_proxy');
const { openViewer, closeClean, waitForRow } = require('./lib/viewer_page');
const { startViewerFixture } = require('./lib/viewer_fixture');

const ID = 'req-5a1e7c3d-2b4f-4e6a-8c9d-0f1e2d3c4b5a';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n, w = 2) => String(n).padStart(w, '0');
const DAY_MS = 86400000;

// A journal log: `count` lines one second apart from `ms` (UTC fields of a naive time), written
// without a year.
function journal(ms, count, text = (i) => `step ${i}`) {
  const lines = [];
  for (let i = 0; i < count; ++i) {
    const d = new Date(ms + i * 1000);
    lines.push(`${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:` +
      `${pad(d.getUTCSeconds())}.000000 ubuntu-noble nova-api[4242]: INFO nova.api ${text(i)}`);
  }
  return `${lines.join('\n')}\n`;
}

// "2024-03-01T12:00:02" of a naive ms.
const isoSeconds = (ms) => new Date(ms).toISOString().slice(0, 19);
// "2024-03-01 12:00:02.000", as the viewer shows a naive time.
const shown = (ms) => new Date(ms).toISOString().replace('T', ' ').slice(0, 23);
// The year syslog readers give Mar 01 read on `now` (written out here: the latest year whose
// Mar 01 is at most a day after now's date).
function march1YearOn(now) {
  const year = now.getUTCFullYear();
  const today = Date.UTC(year, now.getUTCMonth(), now.getUTCDate());
  return Date.UTC(year, 2, 1) <= today + DAY_MS ? year : year - 1;
}

let fixture;  // lib/viewer_fixture.js
let swift;
let site;
let chromium;
let container;
let today;    // naive ms of today's (UTC) midnight when the logs were written
let proxied;  // the logs through lib/slow_proxy.js, dated or undated by path

// Through the proxy, objects under dated/ answer a Last-Modified of 2019-03-01 13:00 UTC,
// objects under build/ of 2024-03-01 13:00 UTC, objects under undated/ and build/logs/ none.
function answerHeaders(path, headers) {
  const out = { ...headers };
  if (/\/undated\/|\/build\/logs\//.test(path)) delete out['last-modified'];
  else if (/\/dated\//.test(path)) out['last-modified'] = 'Fri, 01 Mar 2019 13:00:00 GMT';
  else if (/\/build\//.test(path)) out['last-modified'] = 'Fri, 01 Mar 2024 13:00:00 GMT';
  return out;
}

const MARCH_1 = Date.UTC(2019, 2, 1, 12, 0, 0);  // the lines' month, day and time; their year varies

before(async () => {
  fixture = await startViewerFixture('viewer-yearless');
  ({ swift, site, container, chromium } = fixture);
  const now = new Date();
  today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const put = (name, text) => swift.put(container.name, name, text, { 'Content-Type': 'text/plain' });
  await put('journal/screen-n-api.txt', journal(today, 10));
  await put('dated/screen-n-api.txt', journal(MARCH_1, 10));
  await put('undated/screen-n-api.txt', journal(MARCH_1, 10));
  // A build: job-output.txt with its years (steps 1 and 4), a journal log (steps 2 and 3) and a
  // klog log (step 2.5) without; the trail follows ID through them.
  await put('build/job-output.txt', [
    `2024-03-01 12:00:01.000000 | controller | step 1 [${ID}] asked`,
    '2024-03-01 12:00:01.500000 | controller | unrelated',
    `2024-03-01 12:00:04.000000 | controller | step 4 [${ID}] answered`,
  ].join('\n') + '\n');
  await put('build/screen-n-api.txt', journal(Date.UTC(2024, 2, 1, 12, 0, 2), 2, (i) => `step ${i + 2} [${ID}]`));
  await put('build/logs/screen-n-api.txt', journal(Date.UTC(2024, 2, 1, 12, 0, 2), 2, (i) => `step ${i + 2} [${ID}]`));
  await put('build/logs/kubelet.txt', `I0301 12:00:02.500000    1234 kubelet.go:42] step 2.5 [${ID}]\n`);
  proxied = await proxiedSite({ swift, site, container }, { chunk: 1 << 20, delayMs: 0, answerHeaders });
});

after(async () => {
  await proxied?.close();
  await fixture?.stop();
});

// Opens `path` (under the container) on `where` ({site, origin}: the proxy's, or Swift's own).
function open(where, path, extra = '') {
  const origin = where.origin || swift.origin;
  return openViewer(chromium.browser, where.site, `${origin}${new URL(container.url).pathname}/${path}`, { extra });
}

// Jumps with &t= and waits for the line it lands on (1-based); null when the page says no line
// is that late.
async function jumpTo(page) {
  const handle = await page.waitForFunction(() => document.body.dataset.timeJump ||
    (document.querySelector('[data-notice="time"]') && 'none'));
  const value = await handle.jsonValue();
  return value === 'none' ? null : Number(value);
}

// The file view's timeline opened: its caption's time range and notes.
async function timelineRange(page) {
  await page.click('#timeline-toggle');  // shown once the log is in and has times
  const range = await page.waitForFunction(() => document.querySelector('#timeline .timeline-range')?.textContent);
  return range.jsonValue();
}

test('&t= on a journal log in Swift lands on its line: the year is the upload\'s (Last-Modified)', async () => {
  const target = today + 2000;
  const opened = await open({ site }, 'journal/screen-n-api.txt', `&t=${isoSeconds(target)}`);
  const { page } = opened;
  assert.equal(await jumpTo(page), 3);
  await waitForRow(page, 3);
  // The timeline's axis shows that year.
  const range = await timelineRange(page);
  assert.equal(range.split(' → ')[0], shown(today));
  assert.match(range, /times without a year: the year of the file's date \(Last-Modified\)/);
  await closeClean(opened);
});

test('the file\'s date gives the year; without one, the link\'s t= or the current year', async () => {
  // Dated 2019-03-01 by the proxy: 2019's Mar 01 (the current year's would not be found).
  let opened = await open(proxied, 'dated/screen-n-api.txt', '&t=2019-03-01T12:00:02');
  assert.equal(await jumpTo(opened.page), 3);
  let range = await timelineRange(opened.page);
  assert.equal(range.split(' → ')[0], '2019-03-01 12:00:00.000');
  assert.match(range, /times without a year: the year of the file's date \(Last-Modified\)/);
  await closeClean(opened);
  // No Last-Modified: the year of the link's t=, else the year Mar 01 has read today.
  opened = await open(proxied, 'undated/screen-n-api.txt', '&t=2021-03-01T12:00:02');
  assert.equal(await jumpTo(opened.page), 3);
  await closeClean(opened);
  opened = await open(proxied, 'undated/screen-n-api.txt');
  range = await timelineRange(opened.page);
  assert.equal(range.split(' → ')[0], `${march1YearOn(new Date())}-03-01 12:00:00.000`);
  assert.match(range, /times without a year: the year by today's date \(the file has no date\)/);
  await closeClean(opened);
});

// Rows of the trail: [time shown, file:line, data-year-from].
async function trailRows(where) {
  const opened = await open(where, 'build/', `&trail=${ID}`);
  const { page } = opened;
  await page.waitForFunction(() => document.getElementById('build-results')?.dataset.state === 'done');
  const rows = await page.$$eval('.trail-list .trail-row', (r) => r.map((e) => [
    e.querySelector('.trail-time').textContent, e.querySelector('.trail-where').textContent, e.dataset.yearFrom || '']));
  await closeClean(opened);
  return rows;
}

test('a trail across a dated and a year-less file: in time order, each with its date', async () => {
  // Written out by hand from the files above (equal times in the listing's order).
  const expected = [
    ['2024-03-01 12:00:01.000', 'job-output.txt:1', ''],
    ['2024-03-01 12:00:02.000', 'logs/screen-n-api.txt:1', 'guess'],
    ['2024-03-01 12:00:02.000', 'screen-n-api.txt:1', 'file'],
    ['2024-03-01 12:00:02.500', 'logs/kubelet.txt:1', 'guess'],
    ['2024-03-01 12:00:03.000', 'logs/screen-n-api.txt:2', 'guess'],
    ['2024-03-01 12:00:03.000', 'screen-n-api.txt:2', 'file'],
    ['2024-03-01 12:00:04.000', 'job-output.txt:3', ''],
  ];
  // build/ dated 2024-03-01 by the proxy; build/logs/ without a date (read against the trail's
  // latest dated time, job-output.txt's 12:00:04).
  assert.deepEqual(await trailRows(proxied), expected);
});

test('the folder timeline reads year-less times in their file\'s year', async () => {
  const opened = await open(proxied, 'build/');
  const { page } = opened;
  await page.click('#folder-timeline-button');
  await page.waitForFunction(() => document.querySelector('#folder-timeline').dataset.timedLines !== undefined);
  // job-output.txt's three lines and screen-n-api.txt's two, from 12:00:01 (never 2000, never now).
  assert.equal(await page.$eval('#folder-timeline', (t) => t.dataset.timedLines), '5');
  assert.match(await page.$eval('#folder-timeline .timeline-caption', (c) => c.textContent),
    /^2024-03-01 12:00:01\.000 → 2024-03-01 12:00:0\d\.\d{3} · /);
  assert.equal(await page.$eval('#folder-timeline', (t) => t.dataset.yearFrom), 'file');
  await closeClean(opened);
});

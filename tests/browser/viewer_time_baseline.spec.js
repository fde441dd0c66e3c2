// Time and "what is new" in real Chromium against the real local Swift (issue #16 items 3, 4):
// &t= jumps to the first record at or after a naive time; a silence longer than the threshold
// is marked on the row after it; a click on the strip beside the scrollbar goes to the ERROR
// record there; and a build compared with a good one (&baseline=) counts, per file in the folder
// view and per line in the file view, the lines whose shape the good build never had. Every
// expected value is computed here from the generated text, not by the viewer's code.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const { test, before, after } = require('node:test');

const { artifactPath } = require('./lib/harness');
const samples = require('./lib/samples');
const { openViewer, closeClean, waitForRow } = require('./lib/viewer_page');
const { startViewerFixture } = require('./lib/viewer_fixture');

let fixture;  // lib/viewer_fixture.js
let swift;
let site;
let chromium;
let container;

// --- a timed log -----------------------------------------------------------------------------

const BASE_MS = Date.UTC(2024, 2, 1, 12, 0, 0);
const pad = (n, w = 2) => String(n).padStart(w, '0');
function stamp(ms) {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
}

// 3,000 oslo.log lines, 1 s apart, with continuation lines without a time every 7th line, one
// silence of 5 min 30 s before line index 2000 and one ERROR record at 2,601.
function timedLog() {
  const lines = [];
  let ms = BASE_MS;
  for (let i = 0; i < 3000; ++i) {
    if (i === 2000) ms += 330000;
    if (i % 7 === 3) {
      lines.push('    continued without a time');
    } else {
      const level = i === 2601 ? 'ERROR' : 'INFO';
      lines.push(`${stamp(ms)} 4242 ${level} nova.compute [-] step ${i}`);
    }
    ms += 1000;
  }
  return lines;
}
const timed = timedLog();
const timeOf = (line) => {
  const m = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)\.(\d{3}) /.exec(line);
  return m ? Date.UTC(+m[1], m[2] - 1, +m[3], +m[4], +m[5], +m[6], +m[7]) : null;
};

// --- two builds ------------------------------------------------------------------------------

const uuid = (n) => `${(0x10000000 + n * 7919).toString(16)}-1b4e-4d5f-9c3a-${(0x200000000000 + n * 104729).toString(16)}`;

// The same job run twice: times, node names, request ids, PIDs, durations and temp paths differ
// (none of that makes a line new); the bad build has a few messages the good one never had.
function job(run, { extra = [] } = {}) {
  const ms0 = Date.UTC(2024, 2, run, 8, 0, 0);
  const out = [];
  for (let i = 0; i < 200; ++i) {
    const t = stamp(ms0 + i * 1500 + run * 37);
    out.push(`${t} | node-0${run} | TASK [step ${i % 20}] took ${i * run + 3} s, req-${uuid(i + run * 1000)}`);
    if (i % 50 === 10) out.push(`${t} | node-0${run} | wrote /tmp/tmp${run}x${i}_abc9/out.json pid ${4000 + run * i}`);
  }
  for (const [at, text] of extra) out.splice(at, 0, text);
  return out;
}
const goodJob = job(1);
const badExtra = [
  [20, '2024-03-02 08:00:30.000 | node-02 | ERROR: disk full on /dev/sda1'],
  [121, '2024-03-02 08:02:00.000 | node-02 | fatal: could not lock ref refs/heads/main'],
  [180, 'Traceback (most recent call last):'],
];
const badJob = job(2, { extra: badExtra });
const newInJob = badExtra.map(([, text]) => badJob.indexOf(text));  // 0-based, as placed
const goodSame = ['alpha 1', 'beta 22', 'gamma 0x1f'];
const badSame = ['alpha 3', 'beta 7', 'gamma 0x2e'];  // numbers only: nothing new
const onlyInBad = ['a file the good build does not have'];

before(async () => {
  fixture = await startViewerFixture('viewer-time');
  ({ swift, site, container, chromium } = fixture);
  const text = (lines) => `${lines.join('\n')}\n`;
  await swift.put(container.name, 'timed/job-output.txt', text(timed), { 'Content-Type': 'text/plain' });
  await swift.put(container.name, 'good/job-output.txt', zlib.gzipSync(text(goodJob)),
    { 'Content-Type': 'text/plain', 'Content-Encoding': 'gzip' });
  await swift.put(container.name, 'bad/job-output.txt', zlib.gzipSync(text(badJob)),
    { 'Content-Type': 'text/plain', 'Content-Encoding': 'gzip' });
  await swift.put(container.name, 'good/same.txt', text(goodSame), { 'Content-Type': 'text/plain' });
  await swift.put(container.name, 'bad/same.txt', text(badSame), { 'Content-Type': 'text/plain' });
  await swift.put(container.name, 'bad/only-here.txt', text(onlyInBad), { 'Content-Type': 'text/plain' });
  // The same two logs as .gz files of several members each, stored as they are.
  const members = (lines) => {
    const bytes = Buffer.from(text(lines));
    return samples.gzipMembers(bytes, [Math.floor(bytes.length / 3), Math.floor(bytes.length * 2 / 3)]);
  };
  await swift.put(container.name, 'gzgood/job-output.txt.gz', members(goodJob), { 'Content-Type': 'application/gzip' });
  await swift.put(container.name, 'gzbad/job-output.txt.gz', members(badJob), { 'Content-Type': 'application/gzip' });
  // Not text, though stored as text/plain: never counted (its "lines" would all be new).
  for (const build of ['good', 'bad']) {
    await swift.put(container.name, `${build}/core.dump`, require('node:crypto').randomBytes(4096), { 'Content-Type': 'text/plain' });
  }
});

after(() => fixture?.stop());

test('&t= opens the log at the first record at or after that time, read as written (no zone)', async () => {
  const target = '2024-03-01T12:02:49';
  const targetMs = Date.UTC(2024, 2, 1, 12, 2, 49);
  const expected = timed.findIndex((line) => timeOf(line) !== null && timeOf(line) >= targetMs) + 1;
  const opened = await openViewer(chromium.browser, site, `${container.url}/timed/job-output.txt`,
    { extra: `&t=${target}` });
  const { page } = opened;
  await page.waitForFunction((n) => document.body.dataset.timeJump === String(n), expected);
  await waitForRow(page, expected);
  assert.equal(await page.$eval(`#log .row[data-line="${expected}"]`, (r) => r.classList.contains('sel')), true);
  assert.match(page.url(), new RegExp(`#L${expected}$`));
  // A time after the last line says so.
  await page.goto(`${site.origin}/index.html?q=${encodeURIComponent(`${container.url}/timed/job-output.txt`)}&t=2024-03-02T00:00:00`);
  await page.waitForFunction(() => document.querySelector('[data-notice="time"]'));
  await closeClean(opened);
});

test('a silence longer than the threshold is marked on the line after it', async () => {
  const gaps = [];
  let before = null;
  timed.forEach((line, i) => {
    const t = timeOf(line);
    if (t === null) return;
    if (before !== null && t - before >= 60000) gaps.push(i + 1);
    before = t;
  });
  assert.deepEqual(gaps, [2001]);
  const opened = await openViewer(chromium.browser, site, `${container.url}/timed/job-output.txt`,
    { hash: `#L${gaps[0]}` });
  const { page } = opened;
  await page.waitForFunction(() => document.querySelector('#log').dataset.gaps !== undefined);
  assert.equal(await page.$eval('#log', (l) => l.dataset.gapLines), gaps.join(','));
  await waitForRow(page, gaps[0]);
  await page.waitForSelector(`#log .row.time-gap[data-line="${gaps[0]}"]`);
  assert.match(await page.$eval(`#log .row[data-line="${gaps[0]}"]`, (r) => r.dataset.gap), /^5 min 31 s of silence$/);
  assert.equal(await page.$$eval('#log .row.time-gap', (rows) => rows.length), 1);
  // Hover with a pinned line: the time since it.
  await page.click(`#log .row[data-line="${gaps[0] - 1}"] .hl-timestamp`);
  await page.waitForFunction((n) => document.querySelector('#time-status').dataset.pinned === String(n), gaps[0] - 1);
  // (Pinning by a click selects the line too; the rows may move under the pointer meanwhile, so
  // the line compared is the one under the pointer when the status names it.)
  await page.hover(`#log .row[data-line="${gaps[0] + 1}"] .tx`);
  const hovered = await page.waitForFunction(() => {
    const row = [...document.querySelectorAll('#log .row:hover')][0];
    const status = document.querySelector('#time-status').dataset;
    return row && status.hoverLine === row.dataset.line && [Number(row.dataset.line), status.deltaMs];
  });
  const [line, deltaMs] = await hovered.jsonValue();  // read together: the pointer may move on
  let record = line - 1;
  while (timeOf(timed[record]) === null) --record;  // a continuation line has its record's time
  assert.equal(deltaMs, String(timeOf(timed[record]) - timeOf(timed[gaps[0] - 2])));
  await page.screenshot({ path: artifactPath('viewer-time-gap.png') });
  await closeClean(opened);
});

test('a click on the strip beside the scrollbar goes to the ERROR record it marks', async () => {
  const errorLine = timed.findIndex((line) => / ERROR /.test(line)) + 1;
  const opened = await openViewer(chromium.browser, site, `${container.url}/timed/job-output.txt`);
  const { page } = opened;
  await page.waitForFunction(() => document.body.dataset.overview);
  const strip = await page.$('#overview-strip');
  const box = await strip.boundingBox();
  const rows = await page.evaluate(() => window.logstowView.pictures.data.levels.length);
  const row = Math.floor((errorLine - 1) / (timed.length / rows));
  const x = box.x + box.width / 2;
  const y = box.y + (row + 0.5) * box.height / rows;
  await page.mouse.click(x, y);
  await page.waitForFunction((n) => document.body.dataset.stripJump === String(n), errorLine);
  await waitForRow(page, errorLine);
  assert.equal(await page.$eval(`#log .row[data-line="${errorLine}"]`, (r) => r.classList.contains('sev-error')), true);
  // The timeline opens from the toolbar (the log has times).
  assert.equal(await page.$eval('#timeline', (t) => t.hidden), true);
  await page.click('#timeline-toggle');
  assert.equal(await page.$eval('#timeline', (t) => t.hidden), false);
  await page.screenshot({ path: artifactPath('viewer-time-strip.png') });
  await closeClean(opened);
});

test('&baseline= counts the new lines per file in the folder view and shows only them in the file', async () => {
  const good = `${container.url}/good/`;
  // "Compare…" on the folder asks for the good build's folder and reopens with &baseline=.
  const opened = await openViewer(chromium.browser, site, `${container.url}/bad/`);
  const { page } = opened;
  await page.click('#compare-button');
  await page.fill('#compare-url', good);
  await Promise.all([page.waitForURL((url) => new URL(url).searchParams.get('baseline') === good),
    page.press('#compare-url', 'Enter')]);
  await page.waitForFunction(() => document.body.dataset.baseline !== undefined, null, { timeout: 60000 });
  const counts = await page.$$eval('#folder-rows .frow:not(.parent)', (rows) => Object.fromEntries(
    rows.map((r) => [r.dataset.name, r.querySelector('.new-count')?.dataset.newLines ?? r.querySelector('.new-count')?.textContent])));
  assert.deepEqual(counts, { 'core.dump': 'binary', 'job-output.txt': String(newInJob.length),
    'only-here.txt': 'not in baseline', 'same.txt': '0' });
  assert.equal(await page.evaluate(() => document.body.dataset.baseline), String(newInJob.length));
  await page.screenshot({ path: artifactPath('viewer-baseline-folder.png') });
  // The file's link carries the good build's same file; with new=1 only the new lines show.
  const href = await page.$eval('#folder-rows .frow[data-name="job-output.txt"] a.entry', (a) => a.href);
  assert.equal(new URL(href).searchParams.get('baseline'), `${good}job-output.txt`);
  await page.goto(`${href}&new=1`);
  await page.waitForFunction(() => document.body.dataset.baseline !== undefined);
  assert.equal(await page.evaluate(() => document.body.dataset.baseline), String(newInJob.length));
  await page.waitForFunction((n) => document.querySelectorAll('#log .row').length === n, newInJob.length);
  const shown = await page.$$eval('#log .row', (rows) => rows.map((r) => Number(r.dataset.line)));
  assert.deepEqual(shown, newInJob.map((i) => i + 1));
  await page.screenshot({ path: artifactPath('viewer-baseline-file.png') });
  await closeClean(opened);
});

test('&baseline= reads every member of a .gz stored as it is, in both builds', async () => {
  const good = `${container.url}/gzgood/`;
  // The new lines are spread over the members (the first cut is at a third of each log).
  assert.ok(newInJob[0] < badJob.length / 3 && newInJob[2] > badJob.length * 2 / 3);
  const opened = await openViewer(chromium.browser, site, `${container.url}/gzbad/`,
    { extra: `&baseline=${encodeURIComponent(good)}` });
  const { page } = opened;
  await page.waitForFunction(() => document.body.dataset.baseline !== undefined, null, { timeout: 60000 });
  assert.equal(await page.$eval('#folder-rows .frow[data-name="job-output.txt.gz"] .new-count',
    (e) => e.dataset.newLines ?? e.textContent), String(newInJob.length));
  assert.equal(await page.evaluate(() => document.body.dataset.baseline), String(newInJob.length));
  await closeClean(opened);
});

test('&baseline= skips the index pages and zuul-manifest.json the upload wrote, and says so', async () => {
  // Two builds through the real `logstow upload` with a viewer URL: every row of an index page
  // links the viewer to that build's prefix, so each row would count as new.
  const viewer = `${site.origin}/index.html`;
  for (const [build, lines] of [['upgood', goodJob], ['upbad', badJob]]) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `lsv-${build}-`));
    fs.writeFileSync(path.join(dir, 'job-output.txt'), `${lines.join('\n')}\n`);
    for (let i = 0; i < 20; ++i) fs.writeFileSync(path.join(dir, `file-${i}.txt`), `same text ${i}\n`);
    await swift.upload(container.name, container.key, `${build}/`, dir, [], { issueArgs: ['--viewer-url', viewer] });
    fs.rmSync(dir, { recursive: true });
  }
  const opened = await openViewer(chromium.browser, site, `${container.url}/upbad/`,
    { extra: `&baseline=${encodeURIComponent(`${container.url}/upgood/`)}` });
  const { page } = opened;
  await page.waitForFunction(() => document.body.dataset.baseline !== undefined, null, { timeout: 60000 });
  const counts = await page.$$eval('#folder-rows .frow:not(.parent)', (rows) => Object.fromEntries(
    rows.map((r) => [r.dataset.name, r.querySelector('.new-count')?.dataset.newLines ?? r.querySelector('.new-count')?.textContent])));
  const expected = { 'index.html': 'skipped', 'job-output.txt': String(newInJob.length), 'zuul-manifest.json': 'skipped' };
  for (let i = 0; i < 20; ++i) expected[`file-${i}.txt`] = '0';
  assert.deepEqual(counts, expected);
  assert.equal(await page.evaluate(() => document.body.dataset.baseline), String(newInJob.length));
  assert.equal(await page.evaluate(() => document.body.dataset.baselineSkipped), '2');
  assert.equal(await page.textContent('#baseline-status'), `Compared 21 of 21 files with the good build: ${newInJob.length} new lines` +
    ' · 2 listing files skipped (index.html, zuul-manifest.json: they list the build, they are not its logs)');
  await closeClean(opened);
});

test('a &baseline= address the viewer would not open as q= compares nothing and says why', async () => {
  for (const [baseline, code] of [['javascript:alert(1)//', 'scheme'], ['good/', 'not-absolute'],
    ['http://other.invalid/v1/AUTH_x/c/good/', 'origin']]) {
    const opened = await openViewer(chromium.browser, site, `${container.url}/bad/`,
      { extra: `&baseline=${encodeURIComponent(baseline)}` });
    const { page } = opened;
    await page.waitForFunction(() => document.body.dataset.baselineError !== undefined);
    assert.equal(await page.evaluate(() => document.body.dataset.baselineError), code, baseline);
    assert.match(await page.textContent('#baseline-status'), /^Not compared: the good build's address/);
    assert.equal(await page.$$eval('#folder-rows .new-count', (b) => b.length), 0);
    await closeClean(opened);
  }
});

test('the folder view draws a timeline of its files\' timed lines', async () => {
  const stamped = (lines) => lines.filter((l) => /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} /.test(l)).length;
  const expected = stamped(badJob) + stamped(badSame) + stamped(onlyInBad);
  const opened = await openViewer(chromium.browser, site, `${container.url}/bad/`);
  const { page } = opened;
  await page.click('#folder-timeline-button');
  await page.waitForFunction(() => document.querySelector('#folder-timeline').dataset.timedLines !== undefined);
  assert.equal(await page.$eval('#folder-timeline', (t) => t.dataset.timedLines), String(expected));
  assert.match(await page.$eval('#folder-timeline .timeline-caption', (c) => c.textContent),
    /^2024-03-02 08:00:00\.\d{3} → .* in 1 of 4 files/);  // core.dump holds no timed line
  await page.screenshot({ path: artifactPath('viewer-folder-timeline.png') });
  await closeClean(opened);
});

// Issue 10, Must hold: a 2,000,000-line Zuul job-output.txt (generated here, at test time) with
// three ERROR records and one Python traceback, served from the real local Swift, opened in
// Chromium. "ERROR and up" must show those records, the traceback and their context lines, and
// nothing else: host output after an ERROR, an INFO step right after one (the issue's
// `TS | node-01 | INFO | step`) and WARNING lines are records of their own, not ERROR.
// The expected line numbers come from where this file puts the records, not from the viewer.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { test, before, after } = require('node:test');

const { webDir, serveStatic, launchChromium } = require('./lib/harness');
const { Swift } = require('./lib/swift');
const { openViewer, pageProblems, drawnRows } = require('./lib/viewer_page');

const LINES = 2000000;
let swift;
let site;
let chromium;
let container;
let errorLines = [];  // 1-based numbers of the lines that belong to ERROR records

// zuul_stream's shape: "TS | TASK [...]", "TS | host | text", "TS | host | ERROR" + a JSON
// result. Returns the text and the 1-based ERROR lines.
function generateJobOutput() {
  const parts = [];
  const error = [];
  let n = 0;
  const ts = () => {
    const s = Math.floor(n / 1000);
    const hh = String(12 + Math.floor(s / 3600) % 12).padStart(2, '0');
    const mm = String(Math.floor(s / 60) % 60).padStart(2, '0');
    const ss = String(s % 60).padStart(2, '0');
    return `2024-03-01 ${hh}:${mm}:${ss}.${String(n % 1000000).padStart(6, '0')}`;
  };
  const line = (text, isError = false) => {
    n += 1;
    parts.push(`${ts()} | ${text}\n`);
    if (isError) error.push(n);
  };
  const failures = [400000, 1000000, 1600000];  // each at the first chance from this line on
  let traceback = 1200000;
  while (n < LINES - 3) {
    if (n % 5000 === 0) line(`TASK [run-tests : Run step ${n / 5000}]`);
    if (failures.length && n >= failures[0]) {
      failures.shift();
      line('node-01 | ERROR', true);
      line('node-01 | {', true);
      line('node-01 |   "msg": "non-zero return code",', true);
      line('node-01 |   "rc": 1', true);
      line('node-01 | }', true);
      line('node-01 | INFO | step after the failure');
      line('node-01 | + ./cleanup.sh');
      line('node-01 | WARNING | cleanup was slow');
    } else if (traceback && n >= traceback) {
      traceback = 0;
      line('node-01 | Traceback (most recent call last):', true);
      line('node-01 |   File "/opt/job/run.py", line 12, in <module>', true);
      line('node-01 |     main()', true);
      line('node-01 | ValueError: step failed', true);
      line('node-01 | + ./next-step.sh');
    } else if (n % 1000 === 999) {
      line('node-01 | ok: Runtime: 0:00:01.022230');
    } else {
      line(`node-01 | + ./step.sh --part ${n}`);
    }
  }
  line('');
  line('PLAY RECAP');
  line('node-01 | ok: 400 changed: 0 unreachable: 0 failed: 0');
  return { text: parts.join(''), count: n, error };
}

before(async () => {
  swift = await Swift.connect();
  site = await serveStatic(webDir());
  container = await swift.createContainer('viewer-zuul', { origins: [site.origin] });
  const generated = generateJobOutput();
  assert.equal(generated.count, LINES);
  errorLines = generated.error;
  // Uploaded as a job would: the real `logstow upload` (gzip Content-Encoding).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lsv-zuul-'));
  fs.writeFileSync(path.join(dir, 'job-output.txt'), generated.text);
  await swift.upload(container.name, container.key, 'job/', dir);
  fs.rmSync(dir, { recursive: true, force: true });
  chromium = await launchChromium();
});

after(async () => {
  await chromium?.close();
  await site?.close();
  if (container) await swift.deleteContainer(container.name);
});

function withContext(lines, context) {
  const shown = new Set();
  for (const line of lines) {
    for (let j = Math.max(1, line - context); j <= Math.min(LINES, line + context); ++j) shown.add(j);
  }
  return Array.from(shown).sort((a, b) => a - b);
}

test('ERROR and up on a 2,000,000-line Zuul job-output shows its three ERROR records and the traceback', async () => {
  assert.equal(errorLines.length, 3 * 5 + 4);
  for (const context of [0, 2]) {
    const expected = withContext(errorLines, context);
    const opened = await openViewer(chromium.browser, site, `${container.url}/job/job-output.txt`,
      { extra: `&severity=ERROR${context ? `&context=${context}` : ''}` });
    const { page } = opened;
    // The whole file indexed, then the filter holds exactly the expected lines.
    await page.waitForFunction(() => document.body.dataset.state === 'done', null, { timeout: 240000 });
    await page.waitForFunction((n) => document.getElementById('file-meta').dataset.shown === String(n),
      expected.length, { timeout: 180000 });
    await page.waitForFunction(() => document.querySelectorAll('#log .row.pending').length === 0);
    const rows = await drawnRows(page);
    assert.deepEqual(rows.map((r) => r.line), expected.slice(0, rows.length));
    assert.ok(rows.length >= Math.min(expected.length, 10), `rows drawn: ${rows.length}`);
    for (const row of rows) {
      if (errorLines.includes(row.line)) assert.match(row.classes, /\bsev-error\b/, `line ${row.line}`);
      else assert.doesNotMatch(row.classes, /\bsev-error\b/, `context line ${row.line}: ${row.text}`);
    }
    assert.deepEqual(await pageProblems(opened), []);
    await opened.context.close();
  }
});

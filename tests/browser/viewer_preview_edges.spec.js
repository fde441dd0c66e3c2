// The early open and plain-text preview at their edges, in real Chromium against the real local
// Swift: while only the preview is shown (main.js and the core held back by routes) the toolbar
// says what the view will and takes no input the view would then reset, and nothing moves when
// the view starts; a worker that fails before main.js listens still ends in a message; and the
// read-ahead lets go of its bytes and its source when its reader stops early.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test, before, after } = require('node:test');

const http = require('node:http');

const { webDir, serveStatic } = require('./lib/harness');
const { waitReady } = require('./lib/viewer_page');
const { startViewerFixture } = require('./lib/viewer_fixture');

let fixture;  // lib/viewer_fixture.js
let swift;
let site;
let chromium;
let container;

const LOG = Array.from({ length: 300 }, (_, i) => `2026-12-07 05:00:00.000 INFO x line ${i}`).join('\n') + '\n';

before(async () => {
  fixture = await startViewerFixture('preview-edges');
  ({ swift, site, container, chromium } = fixture);
  await swift.put(container.name, 'job.log', Buffer.from(LOG));
  // Line 120 moves the cursor up over the 100 lines above it: the core shows lines 20 on as the
  // screen a terminal leaves (viewer/document.h); with 800-byte lines it is past the first 64 KiB.
  const redrawn = Array.from({ length: 200 }, (_, i) => `plain line ${i + 1} `.padEnd(799, '.'));
  redrawn[119] = '\u001b[100A\u001b[2Koverwritten by line 120';
  await swift.put(container.name, 'redrawn.log', Buffer.from(redrawn.join('\n') + '\n'));
  // The same far down (line 1,400 of 60-byte lines): the first screen is plain text.
  const farther = Array.from({ length: 2000 }, (_, i) => `plain line ${i + 1} `.padEnd(59, '.'));
  farther[1399] = '\u001b[100A\u001b[2Koverwritten by line 1400';
  await swift.put(container.name, 'redrawn-later.log', Buffer.from(farther.join('\n') + '\n'));
  // A first line longer than 10,000 characters (within the first 64 KiB).
  await swift.put(container.name, 'long-line.log', Buffer.from(`${'y'.repeat(12000)}\nshort 2\nshort 3\n`));
  // Invalid UTF-8 on every line (Latin-1, a surrogate, a cut 4-byte sequence, a stray
  // continuation byte): the preview shows the U+FFFD the core shows.
  const invalid = Array.from({ length: 300 }, (_, i) => Buffer.concat([Buffer.from(`line ${i + 1} caf`),
    Buffer.from([0xe9, 0x20, 0xed, 0xa0, 0x80, 0x20, 0xf0, 0x9f, 0x98, 0x20, 0x80]), Buffer.from(' end\n')]));
  await swift.put(container.name, 'invalid-utf8.log', Buffer.concat(invalid));
});

after(() => fixture?.stop());

// Opens the viewer for `name` with the requests for `held` (path endings) held back until the
// returned release(ending) is called. Resolves to {page, context, release}.
async function openHeld(name, held, extra = '') {
  const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const gates = {};
  for (const ending of held) {
    let open;
    const gate = new Promise((resolve) => { open = resolve; });
    gates[ending] = open;
    await context.route(`**/${ending}`, async (route) => {
      await gate;
      await route.continue();
    });
  }
  const page = await context.newPage();
  const q = encodeURIComponent(swift.objectUrl(container.name, name));
  // 'commit': the page's load event waits for main.js, which is held.
  await page.goto(`${site.origin}/index.html?q=${q}${extra}`, { waitUntil: 'commit' });
  return { page, context, release: (ending) => gates[ending]() };
}

const toolbar = (page) => page.evaluate(() => {
  const search = document.getElementById('search');
  search.focus();
  const row = document.querySelector('#log-preview .row') || document.querySelector('#log .vr-block .row');
  return {
    preview: Boolean(document.getElementById('log-preview')),
    shown: !document.getElementById('file-tools').hidden,
    inert: document.getElementById('file-tools').inert,
    searchTakesFocus: document.activeElement === search,
    wrapChecked: document.getElementById('wrap').checked,
    wraps: document.getElementById('log').classList.contains('wrap'),
    progress: !document.getElementById('progress').hidden,
    rowTop: row ? row.getBoundingClientRect().top : null,
  };
});

for (const [extra, wrap] of [['', true], ['&wrap=0', false]]) {
  test(`before the view starts the preview's toolbar takes no input and says what the view will (${extra || 'wrap'})`, async () => {
    const { page, context, release } = await openHeld('job.log', ['main.js', 'logstow_viewer.wasm'], extra);
    try {
      await page.waitForFunction(() => document.body?.dataset.preview, null, { timeout: 30000 });
      assert.equal(await page.evaluate(() => document.body.dataset.preview), 'drawn');
      const alone = await toolbar(page);
      assert.equal(alone.preview, true);
      assert.equal(alone.shown, true, 'the toolbar is there, so nothing moves when the view starts');
      assert.equal(alone.inert, true, 'what a reader typed now would be reset by the view');
      assert.equal(alone.searchTakesFocus, false);
      assert.equal(alone.wrapChecked, wrap, 'the Wrap box says what the preview does');
      assert.equal(alone.wraps, wrap);
      assert.equal(alone.progress, true, 'the progress bar shows, as it will under the view');

      release('main.js');
      await page.waitForFunction(() => document.body.dataset.state === 'loading', null, { timeout: 30000 });
      const started = await toolbar(page);
      assert.equal(started.preview, true, 'the core is still held: the preview stays');
      assert.equal(started.inert, false);
      assert.equal(started.searchTakesFocus, true);
      assert.equal(started.wrapChecked, wrap);
      assert.equal(started.rowTop, alone.rowTop, 'the preview did not move when the view started');

      release('logstow_viewer.wasm');
      await waitReady(page);
      const drawn = await toolbar(page);
      assert.equal(drawn.preview, false);
      assert.equal(drawn.inert, false);
    } finally {
      await context.close();
    }
  });
}

test('a preview that comes after the view has started leaves its toolbar, wrap and gutter alone', async () => {
  const { page, context, release } = await openHeld('job.log', ['job.log', 'logstow_viewer.wasm']);
  try {
    await page.waitForFunction(() => document.body?.dataset.state === 'loading', null, { timeout: 30000 });
    assert.equal(await page.evaluate(() => document.body.dataset.preview), undefined, 'the log is held');
    await page.click('#wrap');  // the reader turns wrapping off while the log is on its way
    release('job.log');
    await page.waitForFunction(() => document.body.dataset.preview, null, { timeout: 30000 });
    assert.equal(await page.evaluate(() => document.body.dataset.preview), 'drawn');
    const shown = await toolbar(page);
    assert.equal(shown.preview, true);
    assert.equal(shown.inert, false, 'the view has its handlers: the toolbar takes input');
    assert.equal(shown.searchTakesFocus, true);
    assert.equal(shown.wrapChecked, false);
    assert.equal(shown.wraps, false, 'the reader\'s choice stands');
    release('logstow_viewer.wasm');
    await waitReady(page);
    assert.equal((await toolbar(page)).wraps, false);
  } finally {
    await context.close();
  }
});

test('a worker that fails before main.js listens ends in a message, not an endless load', async () => {
  const context = await chromium.browser.newContext();
  try {
    await context.route('**/viewer_worker.js', (route) => route.fulfill({ status: 404, body: 'gone' }));
    const page = await context.newPage();
    const q = encodeURIComponent(swift.objectUrl(container.name, 'job.log'));
    await page.goto(`${site.origin}/index.html?q=${q}`);
    await waitReady(page, 30000);
    const shown = await page.evaluate(() => ({ mode: document.body.dataset.mode,
      message: document.getElementById('message').textContent }));
    assert.equal(shown.mode, 'error');
    assert.ok(shown.message.length > 0, 'a message says what went wrong');
  } finally {
    await context.close();
  }
});

test('the read-ahead stops reading and lets go of its queue when its reader stops early', async () => {
  const source = fs.readFileSync(path.join(__dirname, '..', '..', 'web', 'read_ahead.js'), 'utf8');
  const context = await chromium.browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto('about:blank');
    // An endless source that says when it is closed; the reader takes two chunks and leaves.
    const result = await page.evaluate(`(async () => {
      ${source}
      let closed;
      const sourceClosed = new Promise((resolve) => { closed = resolve; });
      async function* endless() {
        try {
          for (;;) yield new Uint8Array(1024);
        } finally {
          closed('closed');
        }
      }
      const body = readAhead(endless(), 4096);
      let taken = 0;
      for await (const chunk of body.chunks()) {
        taken += chunk.length;
        if (taken >= 2048) break;
      }
      const deadline = new Promise((resolve) => setTimeout(() => resolve('still reading'), 20000));
      return { taken, source: await Promise.race([sourceClosed, deadline]) };
    })()`);
    assert.deepEqual(result, { taken: 2048, source: 'closed' });
  } finally {
    await context.close();
  }
});

// A log that sends a few lines and then nothing for a while (a slow or stalled server): the
// worker makes the document soon after the first bytes instead of waiting for the preview's
// screenful, so those lines are shown highlighted while the body is still open.
test('the first lines of a log that then stalls are shown while it stays open', async () => {
  const lines = Array.from({ length: 20 }, (_, i) => `2026-12-07 05:00:00.000 WARNING x stalled line ${i}`);
  const open = [];
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Access-Control-Allow-Origin': '*' });
    res.write(`${lines.join('\n')}\n`);
    open.push(res);  // never ended: the test closes it
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const page2 = await serveStatic(webDir(), { '/config.json': ['application/json', JSON.stringify({ allowed_origins: [origin] })] });
  const context = await chromium.browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${page2.origin}/index.html?q=${encodeURIComponent(`${origin}/stalled.log`)}`);
    await page.waitForFunction((n) => document.querySelectorAll('#log .vr-block .row:not(.pending)').length >= n,
      lines.length, { timeout: 30000 });
    const shown = await page.$$eval('#log .vr-block .row', (rows) => rows.slice(0, 20).map((r) => ({
      text: r.querySelector('.tx').textContent, warning: r.classList.contains('sev-warning') })));
    assert.deepEqual(shown.map((r) => r.text), lines);
    assert.ok(shown.every((r) => r.warning));
  } finally {
    await context.close();
    for (const res of open) res.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await page2.close();
  }
});

// web/virtual_rows.js redrawing a row for the same line keeps its nodes (a click pressed before
// the redraw still lands), except a link whose target changed: a new node, so the click is
// dropped rather than sent to the new target (a terminal row redrawn with another URL).
test('a row drawn again keeps its nodes, but never a link that now goes elsewhere', async () => {
  const context = await chromium.browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${site.origin}/config.json`);  // this origin, so the module can be imported
    const result = await page.evaluate(async () => {
      const { VirtualRows } = await import('/virtual_rows.js');
      const scroller = document.createElement('div');
      scroller.style.cssText = 'height: 200px; overflow: auto';
      document.body.append(scroller);
      const content = ['first http://a.example/one', 'first http://a.example/one', 'second'];
      const rows = new VirtualRows(scroller, { rowHeight: 18, keyOf: (item) => item,
        createRow: (item) => {
          const row = document.createElement('div');
          const [text, href] = content[item].split(' ');
          const link = document.createElement(href ? 'a' : 'span');
          if (href) link.href = href;
          link.textContent = `${text} ${href || ''}`;
          row.append(link);
          return row;
        } });
      rows.setCount(3);
      rows.draw();
      const before = [...scroller.querySelectorAll('.vr-block > div > *')];
      content[0] = 'first http://b.example/other';  // the same line, another target
      content[1] = 'changed http://a.example/one';  // the same target, other text
      content[2] = 'second';                        // unchanged
      rows.refresh();
      rows.draw();
      const after = [...scroller.querySelectorAll('.vr-block > div > *')];
      return { same: before.map((node, i) => node === after[i]), hrefs: after.map((node) => node.getAttribute('href')),
        texts: after.map((node) => node.textContent.trim()) };
    });
    assert.deepEqual(result.same, [false, true, true]);
    assert.deepEqual(result.hrefs, ['http://b.example/other', 'http://a.example/one', null]);
    assert.deepEqual(result.texts, ['first http://b.example/other', 'changed http://a.example/one', 'second']);
  } finally {
    await context.close();
  }
});

// The preview's rows while the core is held back, then the view's rows once it is drawn.
async function previewThenRows(name) {
  const { page, context, release } = await openHeld(name, ['logstow_viewer.wasm']);
  const rowsOf = (selector) => page.$$eval(selector, (rows) => rows.map((row) => ({
    text: row.querySelector('.tx').textContent, height: row.getBoundingClientRect().height })));
  try {
    await page.waitForFunction(() => document.body?.dataset.preview, null, { timeout: 30000 });
    const preview = await page.evaluate(() => document.body.dataset.preview);
    const previewRows = await rowsOf('#log-preview .row');
    release('logstow_viewer.wasm');
    await waitReady(page);
    return { preview, previewRows, rows: await rowsOf('#log .vr-block .row') };
  } finally {
    await context.close();
  }
}

for (const name of ['redrawn.log', 'redrawn-later.log', 'long-line.log', 'invalid-utf8.log']) {
  test(`the preview of ${name} shows what the view then shows, line for line`, async () => {
    const { preview, previewRows, rows } = await previewThenRows(name);
    // The view draws what its window shows (a 12,000-character line wrapped fills it).
    assert.ok(rows.length > 0);
    for (const [i, row] of previewRows.slice(0, rows.length).entries()) {
      assert.equal(row.text, rows[i].text, `line ${i + 1}`);
      assert.equal(row.height, rows[i].height, `line ${i + 1}'s height`);
    }
    if (name === 'redrawn.log') {
      // 81 complete lines in the first 64 KiB, all within 100 of a line not yet seen.
      assert.equal(preview, 'declined');
    } else {
      assert.equal(preview, 'drawn');
      assert.ok(previewRows.length >= (name === 'long-line.log' ? 3 : 40), `${previewRows.length} rows`);
    }
  });
}

// The viewer core compiled to Wasm, driven through its JS API (viewer/wasm/viewer_module.d.ts)
// inside Chromium under the viewer's strict CSP: the same answers as the native unit tests.
// It uses a page of its own (below) that only loads the module, so it does not depend on web/.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test, before, after } = require('node:test');

const { webDir, serveStatic, launchChromium } = require('./lib/harness');

const DATA = path.join(__dirname, '..', 'data');
// A bare page: the viewer's CSP, the module, and window.logstowCore once it is loaded.
const CORE_PAGE = `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy"
      content="default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'">
<title>viewer core</title></head><body>
<script src="logstow_viewer.js"></script><script src="core_page.js"></script></body></html>`;
const CORE_SCRIPT = `'use strict';
LogstowViewer().then((core) => { window.logstowCore = core; document.body.dataset.ready = 'true'; },
                     (err) => { document.body.dataset.ready = String(err); });`;

const SAMPLES = ['screen-n-api.txt.gz', 'devstack@c-vol.service.log.txt', 'job-output.txt',
                 'npm.sh.raw.gz', 'console.html.gz', 'zuul-manifest.json'];

let site;
let chromium;
let page;
const pageErrors = [];

before(async () => {
  const extra = {
    '/core_page.html': ['text/html; charset=utf-8', CORE_PAGE],
    '/core_page.js': ['text/javascript; charset=utf-8', CORE_SCRIPT],
  };
  for (const name of SAMPLES) {
    extra[`/data/${name}`] = ['application/octet-stream', fs.readFileSync(path.join(DATA, name))];
  }
  site = await serveStatic(webDir(), extra);
  chromium = await launchChromium();
  page = await chromium.browser.newPage();
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  page.on('console', (msg) => { if (msg.type() === 'error') pageErrors.push(msg.text()); });
  await page.goto(`${site.origin}/core_page.html`);
  await page.waitForFunction(() => document.body.dataset.ready !== undefined);
  assert.equal(await page.evaluate(() => document.body.dataset.ready), 'true');
  // Helpers inside the page: fetch a sample (inflating .gz) and load it in chunks.
  await page.evaluate(() => {
    window.sampleBytes = async (name) => {
      const response = await fetch(`/data/${name}`);
      let body = response.body;
      if (name.endsWith('.gz')) body = body.pipeThrough(new DecompressionStream('gzip'));
      return new Uint8Array(await new Response(body).arrayBuffer());
    };
    window.loadDocument = (bytes, chunk, rules = '') => {
      const core = window.logstowCore;
      const doc = new core.LogDocument(rules);
      doc.reserve(bytes.length);
      for (let at = 0; at < bytes.length; at += chunk) {
        const part = bytes.subarray(at, Math.min(at + chunk, bytes.length));
        const ptr = doc.prepareAppend(part.length);
        core.HEAPU8.set(part, ptr);
        doc.commitAppend(part.length);
      }
      doc.finish();
      return doc;
    };
  });
});

after(async () => {
  await chromium?.close();
  await site?.close();
});

test('severity counts in Wasm equal the native expectations (tests/data/SOURCES.md)', async () => {
  const counts = await page.evaluate(async () => {
    const doc = window.loadDocument(await window.sampleBytes('screen-n-api.txt.gz'), 1 << 20);
    const result = { lines: doc.lineCount(), counts: doc.severityCounts(), scan: window.logstowCore.newlineScan() };
    doc.delete();
    return result;
  });
  assert.equal(counts.scan, 'simd128');
  assert.equal(counts.lines, 50745);
  assert.deepEqual(counts.counts, { NONE: 4, TRACE: 0, DEBUG: 46071, INFO: 4388, AUDIT: 271,
                                    WARNING: 6, ERROR: 5, CRITICAL: 0 });
});

test('chunk sizes 1, 7, 4096 and 1 MiB give identical line starts and severities', async () => {
  const same = await page.evaluate(async () => {
    const bytes = await window.sampleBytes('devstack@c-vol.service.log.txt');
    const big = await window.sampleBytes('job-output.txt');
    const results = [];
    for (const sample of [bytes, big]) {
      let reference = null;
      for (const chunk of [1, 7, 4096, 1 << 20]) {
        const doc = window.loadDocument(sample, chunk);
        const state = JSON.stringify([Array.from(doc.lineStarts()), Array.from(doc.severities())]);
        doc.delete();
        if (reference === null) reference = state;
        results.push(state === reference);
      }
    }
    return results;
  });
  assert.deepEqual(same, Array(8).fill(true));
});

test('a traceback is ERROR, its lines continue it; rows render escaped with line numbers', async () => {
  const result = await page.evaluate(async () => {
    const doc = window.loadDocument(await window.sampleBytes('devstack@c-vol.service.log.txt'), 4096);
    const out = {
      severities: Array.from({ length: 10 }, (_, n) => doc.severityOf(n)),
      bytes: Array.from(doc.severities().slice(0, 3)),
      row: JSON.parse(doc.renderRowsJson(2, 3)).rows[0],
    };
    doc.delete();
    return out;
  });
  // Line 9, "error: cannot switch ...", states ERROR itself (a syslog error word).
  assert.deepEqual(result.severities, ['INFO', 'ERROR', 'ERROR', 'ERROR', 'ERROR', 'ERROR', 'ERROR',
                                       'ERROR', 'ERROR', 'INFO']);
  assert.deepEqual(result.bytes, [3 | 0x10, 6 | 0x10, 6]);
  assert.equal(result.row.line, 3);
  assert.equal(result.row.inherited, true);
  assert.ok(result.row.segments.some((s) => s[2] === 'hl-path'));
});

test('search: count, next/previous, clear errors', async () => {
  const result = await page.evaluate(async () => {
    const bytes = await window.sampleBytes('screen-n-api.txt.gz');
    const doc = window.loadDocument(bytes, 1 << 20);
    const text = new TextDecoder().decode(bytes);
    const expected = text.split('req-').length - 1;
    const literal = doc.setSearch('req-', false, true);
    const next = doc.searchNext(0, false);
    const previous = doc.searchPrevious(next.line, true);
    const hits = doc.searchHits(2);
    const bad = doc.setSearch('(foo', false, false);
    const insensitive = doc.setSearch('traceback|error', true, false);
    doc.delete();
    return { expected, literal, next, previous, hits: Array.from(hits), bad, insensitive };
  });
  assert.equal(result.literal.ok, true);
  assert.equal(result.literal.matchCount, result.expected);
  assert.ok(result.next.line > 0);
  assert.ok(result.previous.line > result.next.line);  // wrapped to the bottom
  assert.equal(result.hits.length, 6);
  assert.deepEqual(result.bad, { ok: false, error: 'missing ): (foo' });
  assert.ok(result.insensitive.matchCount > 0);
});

// The Wasm build has its own SIMD literal scan (viewer/literal_search_simd128.cc): it must give
// exactly RE2's results, at every alignment, folded or not, with U+212A / U+017F around.
test('SIMD literal scans agree with RE2 in Wasm', async () => {
  const mismatches = await page.evaluate(() => {
    let text = '';
    for (let i = 0; i < 400; ++i) {
      text += 'x'.repeat(i % 41) + (i % 3 ? 'Traceback' : 'tRACEBAC\u212A') + (i % 7 ? ' ' : '\n');
      if (i % 50 === 0) text += 'ok O\u212A \u017Fs error ERROR req-1234abcd-dead\n';
    }
    const bytes = new TextEncoder().encode(text + 'Traceba');
    const doc = window.loadDocument(bytes, 4096);
    const out = [];
    for (const needle of ['Traceback', 'traceback', 'ok', 's', 'error', 'x', 'req-1234abcd-dead']) {
      for (const fold of [false, true]) {
        const quoted = needle.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
        const fast = doc.setSearch(needle, fold, true);
        const fastHits = Array.from(doc.searchHits(100000));
        const slow = doc.setSearch(`(?:${quoted})`, fold, false);
        const slowHits = Array.from(doc.searchHits(100000));
        if (fast.matchCount !== slow.matchCount || fastHits.join() !== slowHits.join()) {
          out.push(`${needle} fold=${fold}: ${fast.matchCount} vs ${slow.matchCount}`);
        }
      }
    }
    const regexFast = doc.setSearch('req-[0-9a-f]{8}-dead', true, false).matchCount;
    const regexSlow = doc.setSearch('(?:req-[0-9a-f]{8}-dead)', true, false).matchCount;
    if (regexFast !== regexSlow || regexFast !== 8) out.push(`regex ${regexFast} vs ${regexSlow}`);
    doc.delete();
    return out;
  });
  assert.deepEqual(mismatches, []);
});

test('ANSI samples render colours and no raw escapes; console.html stays text', async () => {
  const result = await page.evaluate(async () => {
    const rowsOf = (doc, first, last) => JSON.parse(doc.renderRowsJson(first, last)).rows;
    const npm = window.loadDocument(await window.sampleBytes('npm.sh.raw.gz'), 65536);
    const npmRows = rowsOf(npm, 0, npm.lineCount());
    npm.delete();
    const console = window.loadDocument(await window.sampleBytes('console.html.gz'), 65536);
    const consoleRows = rowsOf(console, 0, 50);
    console.delete();
    const segments = (rows) => rows.flatMap((r) => r.segments);
    return { escape: npmRows.some((r) => r.text.includes('\u001b')),
             colours: segments(npmRows).filter((s) => /(^| )fg-/.test(s[2])).length,
             hrefs: segments(consoleRows).map((s) => s[3]).filter((h) => h !== ''),
             hasPreText: consoleRows.some((r) => r.text.includes('<pre')) };
  });
  assert.equal(result.escape, false);
  assert.ok(result.colours > 1000);
  assert.ok(result.hrefs.length > 0);
  for (const href of result.hrefs) assert.match(href, /^https?:\/\//);
  assert.equal(result.hasPreText, true);
});

test('the rest of the API: append, LineIndex, text, times, rows with search hits', async () => {
  const result = await page.evaluate(async () => {
    const core = window.logstowCore;
    const bytes = await window.sampleBytes('job-output.txt');
    const doc = new core.LogDocument('');
    const completed = doc.append(bytes.subarray(0, 100)) + doc.append(bytes.subarray(100));
    doc.finish();
    const refused = doc.append(bytes.subarray(0, 10));  // finished: refused
    const index = new core.LineIndex();
    index.prepareAppend(5);
    core.HEAPU8.set(new TextEncoder().encode('a\nb\r\n'), index.prepareAppend(5));
    index.commitAppend(5);
    index.finish();
    const out = {
      completed, refused, lines: doc.lineCount(), bytes: doc.byteLength(),
      text: doc.lineText(5), outOfRange: doc.lineText(1e9),
      time: doc.timestampMs(0), noTime: doc.timestampMs(1e9),
      jump: doc.lineAtTime(Date.UTC(2018, 7, 1, 0, 44, 5)),
      search: doc.setSearch('localhost', false, false),
      row: JSON.parse(doc.renderRowsJson(6, 7)).rows[0],
      indexLines: index.lineCount(), indexStarts: Array.from(index.lineStarts()),
      indexBytes: new TextDecoder().decode(index.bytes()),
      sameBytes: doc.bytes().length === bytes.length && doc.bytes().every((b, i) => b === bytes[i]),
      memory: doc.memoryBytes(),
    };
    doc.clearSearch();
    out.cleared = doc.renderRowsJson(6, 7).includes('hl-match');
    index.delete();
    doc.delete();
    return out;
  });
  assert.equal(result.completed, 54);
  assert.equal(result.refused, -1);
  assert.equal(result.lines, 54);
  assert.equal(result.bytes, 3907);
  assert.equal(result.text, '2018-08-01 00:44:04.736863 | TASK [emit-job-header : Setup log path fact]');
  assert.equal(result.outOfRange, '');
  assert.equal(result.time, Date.UTC(2018, 7, 1, 0, 43, 51) + 328.884);
  assert.ok(Number.isNaN(result.noTime));
  assert.equal(result.jump, 12);  // 0-based: "2018-08-01 00:44:05.067095 | localhost | ok"
  assert.equal(result.search.ok, true);
  assert.ok(result.search.matchCount >= 10);
  assert.equal(result.row.line, 7);
  assert.equal(result.row.severity, 'INFO');
  const hit = result.row.segments.find((segment) => segment[2].split(' ').includes('hl-match'));
  assert.equal(result.row.text.slice(hit[0], hit[1]), 'localhost');
  assert.equal(result.cleared, false);
  assert.equal(result.indexLines, 2);
  assert.deepEqual(result.indexStarts, [0, 2, 5]);
  assert.equal(result.indexBytes, 'a\nb\r\n');
  assert.equal(result.sameBytes, true);
  assert.ok(result.memory >= 3907 && result.memory < 2 * 3907 + 4096);
});

// A U+FEFF that starts a line (a BOM in the middle of a concatenated log) is text: lineText
// keeps it, as the rows do (Emscripten's own string decoding dropped it: viewer/wasm/keep_bom.js).
test('a line that starts with U+FEFF keeps it in lineText and in its rows', async () => {
  const result = await page.evaluate(() => {
    const doc = window.loadDocument(new TextEncoder().encode('first\n\ufeffERROR bom mid file\n'), 4096);
    return { text: doc.lineText(1), row: JSON.parse(doc.renderRowsJson(1, 2)).rows[0] };
  });
  assert.equal(result.text, '\ufeffERROR bom mid file');
  assert.ok(JSON.stringify(result.row).includes('\ufeffERROR'), JSON.stringify(result.row));
});

test('listings and rule files parse in Wasm, errors as values', async () => {
  const result = await page.evaluate(async () => {
    const core = window.logstowCore;
    const manifest = new TextDecoder().decode(await window.sampleBytes('zuul-manifest.json'));
    const doc = new core.LogDocument('{"severity": [{"match": "(x", "level": "INFO"}]}');
    const rulesError = doc.rulesError();
    doc.delete();
    return {
      zuul: JSON.parse(core.parseZuulManifest(manifest, 'zuul-jobs/')),
      swift: JSON.parse(core.parseSwiftListing('[{"subdir": "a/b/"}, {"name": "a/c.txt", "bytes": 3}]', 'a/', 2)),
      html: JSON.parse(core.parseHtmlIndex('<a href="x.txt">x.txt</a> 2020-01-01 10:00 12K')),
      bad: JSON.parse(core.parseSwiftListing('{', '', 10)),
      rules: core.checkRules('{"severity": [{"name": "mine", "match": "(foo", "level": "ERROR"}]}'),
      rulesError,
    };
  });
  assert.deepEqual(result.zuul.entries.map((e) => e.name), ['job-output.txt', 'job-output.txt.gz']);
  assert.equal(result.swift.maybe_more, true);
  assert.equal(result.swift.next_marker, 'a/c.txt');
  assert.equal(result.html.entries[0].size, 12 * 1024);
  assert.equal(result.bad.code, 'bad-json');
  assert.deepEqual(result.rules, { ok: false, error: 'severity rule 1 ("mine"): missing ): (foo' });
  assert.equal(result.rulesError, 'severity rule 1: missing ): (x');
});

test('no CSP violation or page error happened', () => {
  assert.deepEqual(pageErrors, []);
});

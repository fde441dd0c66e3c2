// The viewer's memory in real Chromium against the real local Swift (issue 10): a log uploaded by
// `logstow upload` carries X-Object-Meta-Logstow-Size, which Swift exposes to the page on another
// origin (the container's expose list here names only Content-Length Content-Encoding Etag: Swift
// adds X-Object-Meta-* itself), and the worker sizes the log's buffer exactly from it. Without
// it (an object PUT by another tool, a ".gz" inflated in the page) the buffer grows in place: no
// more than 1/16 of slack, never a second copy (viewer/growable_buffer.h). Figures come from the
// page's test hook (window.logstowView.progress: docBytes, wasmBytes, sizeHeader, reserved,
// relocations). The bench with a 200 MB log is bench/web/memory.js.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const { test, before, after } = require('node:test');

const { webDir, serveStatic, launchChromium } = require('./lib/harness');
const { Swift } = require('./lib/swift');
const { openViewer, pageProblems } = require('./lib/viewer_page');

const MiB = 1 << 20;
let swift;
let site;
let chromium;
let container;
let log;
let lineCount;

// An oslo-style log of about `bytes`, compressible the way real ones are (~15x with gzip).
function makeLog(bytes) {
  const levels = ['DEBUG', 'INFO', 'INFO', 'INFO', 'WARNING', 'ERROR'];
  const parts = [];
  let size = 0;
  let lines = 0;
  for (let i = 0; size < bytes; ++i) {
    const s = String(i % 60).padStart(2, '0');
    const line = `2026-12-06 20:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${s}.${String(i % 1000).padStart(3, '0')} ` +
      `${1000 + (i % 7)} ${levels[i % levels.length]} nova.compute.manager [req-${(i * 2654435761 >>> 0).toString(16).padStart(8, '0')}] ` +
      `Instance ${i % 97} task ${i % 13} finished in ${(i % 1000) / 100}s\n`;
    parts.push(line);
    size += line.length;
    lines += 1;
  }
  return { text: parts.join(''), lines };
}

before(async () => {
  swift = await Swift.connect();
  site = await serveStatic(webDir());
  container = await swift.createContainer('viewer-memory', { origins: [site.origin] });
  const made = makeLog(32 * MiB);
  log = Buffer.from(made.text);
  lineCount = made.lines;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lsv-memory-'));
  fs.writeFileSync(path.join(dir, 'big.txt'), log);
  await swift.upload(container.name, container.key, 'job/', dir);
  fs.rmSync(dir, { recursive: true, force: true });
  const gzipped = zlib.gzipSync(log, { level: 6 });
  // As another uploader would store it: gzip-encoded, no size metadata.
  await swift.put(container.name, 'other/big.txt', gzipped,
    { 'Content-Type': 'text/plain', 'Content-Encoding': 'gzip' });
  // Stored as the uploader would, its gzip stream cut in half (Content-Length complete).
  await swift.put(container.name, 'cut/big.txt', gzipped.subarray(0, gzipped.length >> 1),
    { 'Content-Type': 'text/plain', 'Content-Encoding': 'gzip', 'X-Object-Meta-Logstow-Size': String(log.length) });
  // A ".gz" stored as it is, inflated by the page.
  await swift.put(container.name, 'other/big.txt.gz', gzipped, { 'Content-Type': 'application/gzip' });
  chromium = await launchChromium();
});

after(async () => {
  await chromium?.close();
  await site?.close();
  if (container) await swift.deleteContainer(container.name);
});

async function openAndMeasure(object) {
  const opened = await openViewer(chromium.browser, site, `${container.url}/${object}`);
  const p = await opened.page.evaluate(() => {
    const v = window.logstowView;
    return { lines: v.lines, ...v.progress, ready: document.body.dataset.ready };
  });
  assert.deepEqual(await pageProblems(opened), []);
  await opened.context.close();
  assert.equal(p.ready, 'true');
  assert.equal(p.lines, lineCount);
  assert.equal(p.bytes, log.length);
  assert.equal(p.relocations, 0, 'the log buffer grew in place');
  return p;
}

// Per line: a start (4 bytes, up to 1/8 of slack) and a severity (1 byte in a std::vector, which
// doubles).
const startsBound = () => (lineCount + 1) * 4 * 1.125 + lineCount * 2 + 64;
// All of Wasm memory: the document, the runtime's first 16 MiB (code data, malloc and its
// headroom), and Emscripten's growth steps (+20% of the memory at a time). The old 10x guess and
// copying regrowth needed ~3x the log here.
const wasmBound = () => 1.3 * log.length + 24 * MiB;

test('with the uploader\'s size header the buffer is exactly the log', async () => {
  const p = await openAndMeasure('job/big.txt');
  assert.equal(p.sizeHeader, log.length, 'X-Object-Meta-Logstow-Size is readable cross-origin');
  assert.equal(p.reserved, log.length);
  assert.ok(p.docBytes >= log.length);
  assert.ok(p.docBytes - log.length <= startsBound(), `document ${p.docBytes} bytes`);
  assert.ok(p.wasmBytes <= wasmBound(), `Wasm memory ${p.wasmBytes} bytes for ${log.length}`);
});

for (const object of ['other/big.txt', 'other/big.txt.gz']) {
  test(`without it (${object}) the buffer grows in place, at most 1/16 over`, async () => {
    const p = await openAndMeasure(object);
    assert.equal(p.sizeHeader, -1);
    assert.equal(p.reserved, 0);
    assert.ok(p.docBytes - log.length <= log.length / 16 + 4096 + startsBound(),
      `document ${p.docBytes} bytes for ${log.length}`);
    assert.ok(p.wasmBytes <= wasmBound(), `Wasm memory ${p.wasmBytes} bytes for ${log.length}`);
  });
}

// The browser ends a gzip Content-Encoding body cut short without an error when its
// Content-Length is complete; the uploader's size metadata says the log is cut short.
test('a gzip-encoded object cut short says so, with what arrived shown', async () => {
  const opened = await openViewer(chromium.browser, site, `${container.url}/cut/big.txt`);
  const shown = await opened.page.evaluate(() => ({ lines: window.logstowView.lines,
    notice: document.querySelector('[data-notice="warning"]')?.textContent || '' }));
  await opened.context.close();
  assert.ok(shown.lines > 1000 && shown.lines < lineCount, `${shown.lines} lines`);
  assert.match(shown.notice, /^Only [\d.]+ MiB of the log's 32\.0 MiB arrived: the stored object is cut short/);
});

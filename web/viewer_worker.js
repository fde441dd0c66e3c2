// The viewer's worker: loads the Wasm core once and owns the one document a page shows. It does
// every heavy step off the main thread: fetch, (inflate,) copy into Wasm memory, line split,
// severities, search, severity filter, folder listings. The page only asks for the ~100 rows it
// draws (as the core's JSON span lists) and gets progress messages.
//
// Messages in (main.js / file_view.js / folder_view.js): {op, ...}
//   open    {url, want: [first, last], folderProbe}   stream a log (first rows sent unasked)
//   folder  {plan}                                     list a folder (url_state.js folderPlan)
//   rows    {id, first, last}                          rows [first, last) as the core's JSON
//   search  {seq, pattern, icase, literal}             whole-file RE2 search of the shown text ("" clears)
//   find    {seq, from, backward}                      next/previous hit from a line
//   level   {seq, from, backward, min, exact}          next/previous line stating >= min (== min)
//   filter  {seq, min, context, keep}                  lines shown by a severity filter
//   text    {seq, first, last}                         shown text of lines (copy)
//   download {seq}                                     the log's bytes as a Blob
// Messages out: core, progress, rows, search, found, filter, text, download, listing, redirect,
// error (see each post below). Lines are 0-based here; they are the lines the page shows (a
// terminal capture's screen rows, viewer/terminal_screen.h), never raw lines unless said.
'use strict';

importScripts('logstow_viewer.js', 'fetch_stream.js', 'folder_source.js');

const MAX_HITS = 100000;
const PROGRESS_EVERY_MS = 100;
const SEARCH_RERUN_EVERY_MS = 1500;
const YIELD_EVERY_MS = 12;
const FIRST_DRAW_WAIT_MS = 250;  // longest pause for the page's first draw (normally one frame)
const SLICE = 256 * 1024;          // bytes appended between checks (first screen, messages)
const RESERVE_CAP = 1 << 30;      // never ask the core for more than 1 GiB up front
// The uploader's object metadata: the log's size before gzip (uploader/upload.h kSizeMetaHeader).
// Swift exposes X-Object-Meta-* to CORS readers; swift-setup lists it in the expose headers too.
const SIZE_HEADER = 'x-object-meta-logstow-size';

const state = {
  core: null,
  coreError: '',
  doc: null,
  load: null,
  pendingSearch: null, // a search asked for before the first bytes
  search: null,        // {pattern, icase, literal, ok, error, matchCount, lineCount, hits}
  searchedLines: 0,
  lastSearchRun: 0,
  gen: 0,              // bumps when rows would be drawn differently (a new search)
  filter: null,
};

const coreReady = LogstowViewer().then(
  (module) => {
    state.core = module;
    post({ op: 'core', ok: true, scan: module.newlineScan() });
  },
  (error) => {
    state.coreError = String(error && error.message || error);
    post({ op: 'core', ok: false, error: state.coreError });
  });

function post(message, transfer) {
  self.postMessage(message, transfer || []);
}

// A macrotask turn, so queued row requests are answered while a fast body streams in.
const yieldChannel = new MessageChannel();
const yieldWaiters = [];
yieldChannel.port1.onmessage = () => yieldWaiters.shift()?.();
function yieldToEvents() {
  return new Promise((resolve) => {
    yieldWaiters.push(resolve);
    yieldChannel.port2.postMessage(0);
  });
}

function lineCount() {
  return state.doc ? state.doc.lineCount() : 0;
}

function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    ++u;
  }
  return `${v.toFixed(1)} ${units[u]}`;
}

// --- progress ----------------------------------------------------------------------------------

// `rows`: the first screen's rows, sent with the progress that makes them available (one message
// and one draw on the page instead of two).
function postProgress(rows = null) {
  const doc = state.doc;
  const load = state.load;
  post({
    rows,
    op: 'progress',
    lines: doc.lineCount(),
    bytes: doc.byteLength(),
    received: load.stats.received || 0,
    total: load.total,
    gzip: Boolean(load.stats.gzip),
    encoded: load.encoded,
    done: load.done,
    warning: load.warning,
    binary: load.binary,
    counts: doc.severityCounts(),
    // A terminal capture's lines are screen rows; those from `stable` on may still change.
    terminal: doc.isTerminal(),
    rawLines: doc.rawLineCount(),
    stable: doc.stableLineCount(),
    docBytes: doc.memoryBytes(),
    wasmBytes: state.core.HEAPU8.length,
    sizeHeader: load.sizeHeader,
    reserved: load.reserved,
    relocations: state.core.bufferRelocations(),
    search: searchSummary(),
  });
}

// --- open a log --------------------------------------------------------------------------------

function reserve(bytes) {
  const size = Math.min(Math.floor(bytes), RESERVE_CAP);
  return size > 0 && state.doc.reserve(size) ? size : 0;
}

// The log's size in bytes, when the response says it exactly: the uploader's size metadata, else
// Content-Length of a body that is not HTTP-encoded; -1 when unknown. (A ".gz" inflated here is
// larger than either: then it is unknown too, and the buffer grows in place as it arrives.)
function exactSize(load) {
  if (load.stats.gzip) return -1;
  if (load.sizeHeader >= 0) return load.sizeHeader;
  return load.total > 0 && !load.encoded ? load.total : -1;
}

// More than 1 byte in 20 of the first 8 KiB a control character other than those text uses
// (tab, newlines, form feed, backspace, ESC), or the magic of an archive, image or executable
// (a tar's header is mostly NULs but under 1 in 20 of 8 KiB): not a log. (The uploader's
// LooksLikeText rule; a stray NUL in a log does not count.)
const BINARY_MAGIC = [[0x50, 0x4b, 0x03, 0x04], [0x7f, 0x45, 0x4c, 0x46], [0x25, 0x50, 0x44, 0x46],
  [0x89, 0x50, 0x4e, 0x47], [0x47, 0x49, 0x46, 0x38], [0xff, 0xd8, 0xff], [0x42, 0x5a, 0x68],
  [0xfd, 0x37, 0x7a, 0x58, 0x5a], [0x37, 0x7a, 0xbc, 0xaf], [0x28, 0xb5, 0x2f, 0xfd]];
function looksBinary(chunk) {
  const head = chunk.subarray(0, 8192);
  if (BINARY_MAGIC.some((magic) => magic.every((b, i) => head[i] === b))) return true;
  const ustar = [0x75, 0x73, 0x74, 0x61, 0x72];  // "ustar" at 257: a tar header
  if (head.length >= 262 && ustar.every((b, i) => head[257 + i] === b)) return true;
  let controls = 0;
  for (const c of head) {
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x08 && c !== 0x1b) || c === 0x7f) {
      controls += 1;
    }
  }
  return controls * 20 > head.length;
}

async function open(message) {
  const url = message.url;
  if (!/^https?:\/\//i.test(url)) {  // main.js checked q already; never trust one layer only
    post({ op: 'error', error: { kind: 'refused', url, status: 0, detail: 'not an http(s) URL' } });
    return;
  }
  const result = await LogstowFetch.get(url);
  await coreReady;
  if (!state.core) {
    post({ op: 'error', error: { kind: 'core', url, status: 0, detail: state.coreError } });
    return;
  }
  if (!result.ok) {
    if (result.error.kind === 'not-found' && message.folderProbe &&
        await LogstowFolderSource.isPseudoFolder(state.core, message.folderProbe)) {
      post({ op: 'redirect', url: `${url}/` });
      return;
    }
    post({ op: 'error', error: result.error });
    return;
  }
  const response = result.response;
  if ((response.redirected && new URL(response.url).pathname.endsWith('/')) ||
      (message.folderProbe && /^(?:application|text)\/directory\b/i.test(response.headers.get('content-type') || ''))) {
    // Swift staticweb answers "<folder>" with a 301 to "<folder>/"; a directory marker object
    // ("build1", application/directory) stands for its folder.
    post({ op: 'redirect', url: response.redirected ? response.url : `${url}/` });
    response.body?.cancel();
    return;
  }
  const doc = new state.core.LogDocument('');
  state.doc = doc;
  const total = Number(response.headers.get('content-length')) || 0;
  // The uploader's original size (decimal bytes) when the object was stored compressed; readable
  // when the container exposes it (swift-setup does).
  const originalSize = Number(response.headers.get('x-object-meta-logstow-size')) || 0;
  // Readable only when the container exposes it (X-Container-Meta-Access-Control-Expose-Headers).
  const encoding = (response.headers.get('content-encoding') || '').toLowerCase();
  const sizeText = response.headers.get(SIZE_HEADER) || '';
  const load = { url, total, encoded: encoding.includes('gzip') || encoding.includes('br') ||
      encoding.includes('deflate'), stats: {}, done: false, warning: '', binary: false,
    sizeHeader: /^[0-9]{1,15}$/.test(sizeText) ? Number(sizeText) : -1, reserved: 0 };
  state.load = load;

  const want = message.want || [0, 0];
  let wantSent = false;
  let lastPost = -Infinity;
  let lastYield = performance.now();
  let first = true;
  // Appends bytes in slices, so the first screen goes out after the first slice of a big first
  // read, and row requests are answered between slices. Returns false when the core refuses.
  const append = async (chunk) => {
    for (let at = 0; at < chunk.length; at += SLICE) {
      const slice = chunk.subarray(at, Math.min(at + SLICE, chunk.length));
      const to = doc.prepareAppend(slice.length);
      if (to === 0) return false;
      state.core.HEAPU8.set(slice, to);
      doc.commitAppend(slice.length);
      if (state.pendingSearch) {  // asked for before the log existed: run it on the first bytes
        const pending = state.pendingSearch;
        state.pendingSearch = null;
        search(pending);
      }
      extendFilter();
      const now = performance.now();
      if (!wantSent && doc.lineCount() >= want[1]) {
        wantSent = true;
        postProgress(renderRows(want[0], want[1]));
        lastPost = now;
        // Let the page draw its first screen before this worker takes the CPU again (two cores
        // are often all there is, and the network stack and the server want one).
        await firstDraw(FIRST_DRAW_WAIT_MS);
        // Size the buffer exactly only now (growing Wasm memory takes a few ms): when the size
        // is unknown it grows in place as bytes come, never holding the log twice (the core's
        // growable_buffer.h), so there is no guess to make.
        const size = exactSize(load);
        if (size > 0) load.reserved = reserve(size);
      } else if (now - lastPost >= PROGRESS_EVERY_MS) {
        maybeRerunSearch(now);
        postProgress();
        lastPost = now;
      }
      if (now - lastYield >= YIELD_EVERY_MS) {
        await yieldToEvents();
        lastYield = performance.now();
      }
    }
    return true;
  };
  try {
    for await (const chunk of LogstowFetch.bodyChunks(response, load.stats)) {
      if (first) {
        load.binary = looksBinary(chunk);
        first = false;
        if (load.binary) {  // a page that says so, never rows of glyphs (main.js draws it)
          response.body?.cancel().catch(() => {});
          post({ op: 'binary', url, size: originalSize || (load.stats.gzip ? 0 : total),
            storedSize: total, inflated: Boolean(load.stats.gzip) });
          return;
        }
      }
      // A body longer than Content-Length was HTTP-encoded (Content-Encoding not exposed).
      const bytes = doc.byteLength() + chunk.length;
      if (total > 0 && !load.stats.gzip && !load.encoded && bytes > total) load.encoded = true;
      if (!await append(chunk)) {
        load.warning = `The log is larger than the viewer can hold (${formatBytes(bytes)}); showing the first ${formatBytes(doc.byteLength())}.`;
        break;
      }
    }
  } catch (error) {
    const what = String(error && error.message || error);
    if (load.stats.gzip && doc.byteLength() === 0) {  // one message: damaged, not also "empty"
      post({ op: 'error', error: { kind: 'damaged', url, status: 0, detail: what } });
      return;
    }
    load.warning = load.stats.gzip
      ? `This .gz file is damaged or cut short (${what}); showing the ${formatBytes(doc.byteLength())} that could be inflated.`
      : `The download stopped after ${formatBytes(doc.byteLength())} (${what}); showing what arrived.`;
  }
  if (!load.warning && total > 0 && !load.stats.gzip && !load.encoded && doc.byteLength() < total) {
    load.warning = `The storage sent ${formatBytes(doc.byteLength())} of the ${formatBytes(total)} it announced; the log is cut short.`;
  }
  doc.finish();
  load.done = true;
  extendFilter();
  if (state.pendingSearch) {
    const pending = state.pendingSearch;
    state.pendingSearch = null;
    search(pending);
  } else if (state.search && state.search.ok) {
    runSearch();
  }
  postProgress(wantSent ? null : renderRows(want[0], want[1]));
}

// The page says when it has drawn its first rows ({op: 'drawn'}); the stream waits for that, at
// most `ms`.
let drawnResolve = null;
let drawn = false;
function firstDraw(ms) {
  if (drawn) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    drawnResolve = () => {
      clearTimeout(timer);
      resolve();
    };
  });
}
function onDrawn() {
  drawn = true;
  drawnResolve?.();
}

// --- rows --------------------------------------------------------------------------------------

// Rows [first, last) (clamped to the lines there are) as the core's JSON.
// Lines longer than this are not highlighted: the page gets their first GIANT_SHOWN bytes as
// plain text (a 50 MB single-line JSON would otherwise cost seconds to render, parse and lay out).
const GIANT_LINE = 1 << 20;
const GIANT_SHOWN = 64 * 1024;
const SEVERITY_NAMES = ['NONE', 'TRACE', 'DEBUG', 'INFO', 'AUDIT', 'WARNING', 'ERROR', 'CRITICAL'];
const utf8 = new TextDecoder();

function giantRow(line, begin, end) {
  const severities = state.doc.severities();
  const text = utf8.decode(state.doc.bytes().subarray(begin, Math.min(end, begin + GIANT_SHOWN)))
    .replace(/\r?\n$/, '').replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g,
      (c) => String.fromCharCode(c === '\u007f' ? 0x2421 : 0x2400 + c.charCodeAt(0)));
  return { line: line + 1, severity: SEVERITY_NAMES[severities[line] & 0x0f],
    inherited: (severities[line] & 0x10) === 0, text, giantBytes: end - begin,
    segments: [[0, text.length, '', '', '', '']] };
}

// [begin, end) raw bytes of shown line i when it is one raw line longer than GIANT_LINE, else
// null. (In a terminal capture lines are screen rows: a row redrawn by cursor moves is never one.)
function rawBytesOf(i) {
  let raw = i;
  if (state.doc.isTerminal()) {
    const source = state.doc.lineSource(i);
    if (!source || !source.raw) return null;
    raw = source.firstLine;
  }
  const starts = state.doc.lineStarts();
  return starts[raw + 1] - starts[raw] > GIANT_LINE ? [starts[raw], starts[raw + 1]] : null;
}

function renderRows(first, last) {
  const count = lineCount();
  first = Math.max(0, Math.min(first, count));
  last = Math.max(first, Math.min(last, count));
  if (first >= last) return { gen: state.gen, first, last, json: '{"rows":[]}' };
  let giant = false;
  for (let i = first; i < last && !giant; ++i) giant = rawBytesOf(i) !== null;
  if (!giant) return { gen: state.gen, first, last, json: state.doc.renderRowsJson(first, last) };
  // Runs of ordinary lines from the core, giant lines as plain text, spliced into one list.
  const parts = [];
  let run = first;
  const flush = (end) => {
    if (run < end) parts.push(state.doc.renderRowsJson(run, end).slice('{"rows":['.length, -2));
  };
  for (let i = first; i < last; ++i) {
    const range = rawBytesOf(i);
    if (!range) continue;
    flush(i);
    parts.push(JSON.stringify(giantRow(i, range[0], range[1])));
    run = i + 1;
  }
  flush(last);
  return { gen: state.gen, first, last, json: `{"rows":[${parts.filter((p) => p).join(',')}]}` };
}

function postRows(message) {
  post({ op: 'rows', id: message.id, ...renderRows(message.first, message.last) });
}

// --- search ------------------------------------------------------------------------------------

function searchSummary() {
  const s = state.search;
  if (!s) return null;
  return { pattern: s.pattern, icase: s.icase, literal: s.literal, ok: s.ok, error: s.error,
    matchCount: s.matchCount, lineCount: s.lineCount, partial: !state.load || !state.load.done,
    truncated: s.ok && s.matchCount > s.hitCount };
}

function runSearch() {
  const s = state.search;
  const result = state.doc.setSearch(s.pattern, s.icase, s.literal);
  s.ok = result.ok;
  s.error = result.error;
  s.matchCount = result.ok ? result.matchCount : 0;
  s.lineCount = result.ok ? result.lineCount : 0;
  s.hits = result.ok ? state.doc.searchHits(MAX_HITS) : null;
  s.hitCount = s.hits ? s.hits.length / 3 : 0;
  state.searchedLines = lineCount();
  state.lastSearchRun = performance.now();
}

function maybeRerunSearch(now) {
  if (state.search && state.search.ok && lineCount() > state.searchedLines &&
      now - state.lastSearchRun >= SEARCH_RERUN_EVERY_MS) {
    runSearch();
  }
}

function search(message) {
  if (!state.doc) {
    state.pendingSearch = message;
    return;
  }
  if (!message.pattern) {
    state.doc.clearSearch();
    state.search = null;
  } else {
    state.search = { pattern: message.pattern, icase: Boolean(message.icase),
      literal: Boolean(message.literal) };
    runSearch();
  }
  state.gen += 1;
  post({ op: 'search', seq: message.seq, gen: state.gen, search: searchSummary() });
}

// Index of the first kept hit on `line` or after it (hits: [line, begin, end]*).
function hitIndex(line) {
  const hits = state.search.hits;
  let lo = 0;
  let hi = hits.length / 3;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (hits[mid * 3] < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function find(message) {
  const s = state.search;
  const count = lineCount();
  if (!s || !s.ok || count === 0) {
    post({ op: 'found', seq: message.seq, line: -1, ordinal: 0 });
    return;
  }
  const doc = state.doc;
  // `from` is the line the search starts after (before, backwards); -1 / count mean "from the
  // top" / "from the bottom" (the core takes no negative lines: wrap from the last line instead).
  const step = (line) => (message.backward
    ? doc.searchPrevious(Math.min(Math.max(line, 0), count), true)
    : doc.searchNext(line < 0 ? count - 1 : Math.min(line, count - 1), true));
  let hit = step(message.from);
  // With a severity filter on, skip hits on hidden lines (at most one full lap).
  const seen = new Set();
  while (hit && state.filter && !filterHas(hit.line)) {
    if (seen.has(hit.line) || seen.size > 200000) {
      hit = null;
      break;
    }
    seen.add(hit.line);
    hit = step(hit.line);
  }
  let ordinal = 0;
  if (hit && s.hits) {
    const i = hitIndex(hit.line);
    if (i < s.hitCount && s.hits[i * 3] === hit.line) ordinal = i + 1;
  }
  post({ op: 'found', seq: message.seq, line: hit ? hit.line : -1, ordinal,
    wrapped: hit ? (message.backward ? hit.line >= message.from : hit.line <= message.from) : false });
}

// Next/previous line that states a level >= min itself (the first line of each message, not its
// continuation lines).
function level(message) {
  const count = lineCount();
  let found = -1;
  if (count > 0) {
    const severities = state.doc.severities();
    const min = message.min;
    const own = (i) => (severities[i] & 0x10) !== 0 && (severities[i] & 0x0f) >= min;
    if (message.backward) {
      for (let i = Math.min(message.from, count) - 1; i >= 0; --i) if (own(i)) { found = i; break; }
    } else {
      for (let i = Math.max(message.from + 1, 0); i < count; ++i) if (own(i)) { found = i; break; }
    }
  }
  post({ op: 'found-level', seq: message.seq, line: found });
}

// --- severity filter ---------------------------------------------------------------------------
// The lines a filter shows: those at or above `min` (viewer/line_filter.h PassesMinSeverity; a
// traceback states ERROR), `context` lines before and after each, and the `keep` range (the
// selected lines, so a permalink always shows its lines). Built incrementally as lines arrive;
// the page gets the new part each time.

function filterHas(line) {
  const f = state.filter;
  let lo = 0;
  let hi = f.size;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (f.lines[mid] < line) lo = mid + 1;
    else hi = mid;
  }
  return lo < f.size && f.lines[lo] === line;
}

function filterPush(line) {
  const f = state.filter;
  if (f.size === f.lines.length) {
    const bigger = new Uint32Array(Math.max(1024, f.lines.length * 2));
    bigger.set(f.lines);
    f.lines = bigger;
  }
  f.lines[f.size++] = line;
  f.last = line;
}

function extendFilter() {
  const f = state.filter;
  if (!f || !state.doc) return;
  const count = state.doc.stableLineCount();  // a terminal capture's last rows may still change
  if (count <= f.processed) return;
  const severities = state.doc.severities();
  const { min, context, keep } = f;
  for (let i = f.processed; i < count; ++i) {
    const lvl = severities[i] & 0x0f;
    const match = lvl >= min ||
      (keep && i >= keep[0] && i <= keep[1]);
    if (match) {
      for (let j = Math.max(f.last + 1, i - context); j < i; ++j) filterPush(j);
      if (f.last < i) filterPush(i);
      f.after = context;
    } else if (f.after > 0) {
      f.after -= 1;
      filterPush(i);
    }
  }
  f.processed = count;
  if (f.size > f.sent) {
    const part = f.lines.slice(f.sent, f.size);
    f.sent = f.size;
    post({ op: 'filter', seq: f.seq, reset: false, lines: part, done: Boolean(state.load?.done) },
      [part.buffer]);
  }
}

function filter(message) {
  if (!message.min) {
    state.filter = null;
    post({ op: 'filter', seq: message.seq, reset: true, off: true, lines: new Uint32Array(0) });
    return;
  }
  state.filter = { seq: message.seq, min: message.min, context: message.context || 0,
    keep: message.keep || null, lines: new Uint32Array(1024), size: 0, sent: 0, processed: 0,
    last: -1, after: 0 };
  post({ op: 'filter', seq: message.seq, reset: true, lines: new Uint32Array(0) });
  extendFilter();
}

// --- copy / download ---------------------------------------------------------------------------

function text(message) {
  const count = lineCount();
  const first = Math.max(0, message.first);
  const last = Math.min(count, message.last, first + 200000);
  const out = [];
  for (let i = first; i < last; ++i) out.push(state.doc.lineText(i));
  post({ op: 'text', seq: message.seq, text: out.join('\n') });
}

function download(message) {
  const bytes = state.doc ? state.doc.bytes() : new Uint8Array(0);
  post({ op: 'download', seq: message.seq, blob: new Blob([bytes], { type: 'text/plain' }) });
}

// --- folders -----------------------------------------------------------------------------------

async function folder(message) {
  await coreReady;
  if (!state.core) {
    post({ op: 'error', error: { kind: 'core', url: message.plan.folderUrl, status: 0, detail: state.coreError } });
    return;
  }
  await LogstowFolderSource.folder({ core: state.core, post, yieldToEvents }, message);
}

// --- dispatch ----------------------------------------------------------------------------------

const handlers = { open, folder, rows: postRows, search, find, level, filter, text, download,
  drawn: onDrawn };

self.onmessage = (event) => {
  const message = event.data;
  const handler = handlers[message && message.op];
  if (!handler) return;
  if (!state.doc && !['open', 'folder', 'filter', 'search', 'drawn'].includes(message.op)) {
    return;
  }
  try {
    const result = handler(message);
    if (result && typeof result.catch === 'function') result.catch(fail);
  } catch (error) {
    fail(error);
  }
};

function fail(error) {
  post({ op: 'error', error: { kind: 'core', url: state.load ? state.load.url : '', status: 0,
    detail: String(error && error.message || error) } });
}

// Opening a log in the viewer's worker (classic script, importScripts'd by viewer_worker.js, sharing
// its globals): fetch (fetch_stream.js), the binary check, the buffer sized from the uploader's
// size metadata, bytes appended to the core's document in slices between which row requests are
// answered, the first screen's rows sent as soon as they exist, and progress messages.
'use strict';

const PROGRESS_EVERY_MS = 100;
const YIELD_EVERY_MS = 40;       // longest a row request waits while the log streams in
const FIRST_DRAW_WAIT_MS = 250;  // longest pause for the page's first draw (normally one frame)
const SLICE = 256 * 1024;          // bytes appended between checks (first screen, messages)
const FIRST_SLICE = 32 * 1024;     // the same until the first screen's rows are sent
const RESERVE_CAP = 1 << 30;      // never ask the core for more than 1 GiB up front
const READ_AHEAD_BYTES = 16 << 20; // body bytes read ahead of the core at most (read_ahead.js)
const PREVIEW_BYTES = 64 * 1024;   // the first bytes sent for the plain-text preview (log_preview.js
                                   // keeps 100 lines back: a full screen of lines up to ~440 bytes)
const PREVIEW_WAIT_MS = 50;        // the document waits this long after the first bytes for the preview
// The uploader's object metadata: the log's size before gzip (uploader/upload.h kSizeMetaHeader).
// Swift exposes X-Object-Meta-* to CORS readers; swift-setup lists it in the expose headers too.
const SIZE_HEADER = 'x-object-meta-logstow-size';

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
    rulesWarning: load.rulesWarning,
    phases,
    work,
    search: searchSummary(),
  });
}

// --- rules -------------------------------------------------------------------------------------

const RULES_MAX_BYTES = 1 << 20;

// The operator's rule file (config.json "rules"; main.js checked it is on the viewer's own
// origin): {json: its text, or '' for the built-in rules; warning: why they are used instead}.
async function loadRules(url) {
  if (!url) return { json: '', warning: '' };
  const instead = (what) => ({ json: '',
    warning: `The viewer's rule file (${url}) ${what}. This log is read with the built-in rules.` });
  if (new URL(url).origin !== self.location.origin) return instead("is not on the viewer's own origin");
  try {
    const response = await fetch(url, { mode: 'same-origin', credentials: 'same-origin' });
    if (!response.ok) return instead(`could not be read (HTTP ${response.status})`);
    const json = await response.text();
    if (json.length > RULES_MAX_BYTES) return instead(`is larger than ${formatBytes(RULES_MAX_BYTES)}`);
    return { json, warning: '' };
  } catch (error) {
    return instead(`could not be read (${String(error && error.message || error)})`);
  }
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

// Swift staticweb answers "<folder>" with a 301 to "<folder>/"; a directory marker object
// ("build1", application/directory) stands for its folder.
function isFolderAnswer(response, folderProbe) {
  return Boolean(response) && ((response.redirected && new URL(response.url).pathname.endsWith('/')) ||
    (Boolean(folderProbe) && /^(?:application|text)\/directory\b/i.test(response.headers.get('content-type') || '')));
}

async function open(message) {
  phase('open');
  const url = message.url;
  if (!/^https?:\/\//i.test(url)) {  // main.js checked q already; never trust one layer only
    post({ op: 'error', error: { kind: 'refused', url, status: 0, detail: 'not an http(s) URL' } });
    return;
  }
  const abort = new AbortController();
  const fetching = LogstowFetch.get(url, { signal: abort.signal });  // the request goes out now
  post({ op: 'requested' });  // boot.js compiles the core now, not sooner (it held this back)
  const rules = loadRules(state.rulesUrl);  // beside it
  const result = await fetching;
  phase('response');
  if (!result.ok) {
    await coreReady;
    if (result.error.kind === 'not-found' && message.folderProbe && state.core) {
      // A folder asked for without its slash, or a large file whose segments wait for
      // `logstow finalize`: both asked at once.
      const [folder, segmented] = await Promise.all([
        LogstowFolderSource.isPseudoFolder(state.core, message.folderProbe),
        LogstowFolderSource.segmentedFile(state.core, message.folderProbe)]);
      if (folder) {
        post({ op: 'redirect', url: `${url}/` });
        return;
      }
      if (segmented) result.error.segmented = segmented;
    }
    post({ op: 'error', error: result.error });
    return;
  }
  const response = result.response;
  if (isFolderAnswer(response, message.folderProbe)) {
    post({ op: 'redirect', url: response.redirected ? response.url : `${url}/` });
    response.body?.cancel();
    return;
  }
  // The body is read from now on, while the core loads and the document is made: the first bytes
  // go to the page as a preview when it asked (log_preview.js draws them as plain text).
  const stats = {};
  // Sent once it holds the first screen and the lines a terminal redraw could still change
  // below it (log_preview.js draws only those; the build joins it in as LogstowPreview), or
  // PREVIEW_BYTES, or the whole log: a slow link gets its first screen from the first few KiB.
  const preview = message.preview ? { chunks: [], bytes: 0, lines: 0, sent: false,
    linesWanted: (message.want ? message.want[1] : 0) + LogstowPreview.TERMINAL_WINDOW_ROWS } : null;
  let previewSent;
  const previewDone = new Promise((resolve) => {
    previewSent = resolve;
  });
  const sendPreview = (complete) => {
    preview.sent = true;
    previewSent();
    const bytes = new Uint8Array(preview.bytes);
    let at = 0;
    for (const chunk of preview.chunks) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
    preview.chunks = null;
    post({ op: 'preview', bytes, complete }, [bytes.buffer]);
    phase('preview-sent');
  };
  let sawFirstBytes;
  const firstBytes = new Promise((resolve) => {
    sawFirstBytes = resolve;
  });
  const body = readAhead(LogstowFetch.bodyChunks(response, stats), READ_AHEAD_BYTES, {
    onChunk(chunk) {
      phase('first-bytes');
      sawFirstBytes();
      if (!preview || preview.sent) return;
      const part = chunk.subarray(0, PREVIEW_BYTES - preview.bytes);
      preview.chunks.push(part);
      preview.bytes += part.length;
      for (let at = part.indexOf(0x0a); at >= 0; at = part.indexOf(0x0a, at + 1)) ++preview.lines;
      if (preview.bytes >= PREVIEW_BYTES || preview.lines > preview.linesWanted) sendPreview(false);
    },
    onEnd(failed) {  // a log shorter than the preview
      if (preview && !preview.sent) sendPreview(!failed);
      sawFirstBytes();
    },
  });
  const stopReading = () => {
    body.stop();
    abort.abort();
  };
  // The preview before the document: on a first visit making it (the core's first run, its
  // rules) keeps the worker busy for tens of ms, and a preview still short of its lines would
  // wait for it. On a fast link those lines follow the first bytes within a few ms; a slow one
  // (a trickle) gets its document PREVIEW_WAIT_MS after the first bytes, so its highlighted rows
  // come as their bytes do rather than once the preview's screenful has arrived.
  if (preview) {
    await Promise.race([previewDone,
      firstBytes.then(() => new Promise((resolve) => setTimeout(resolve, PREVIEW_WAIT_MS)))]);
  }
  await coreReady;
  if (!state.core) {
    stopReading();
    post({ op: 'error', error: { kind: 'core', url, status: 0, detail: state.coreError } });
    return;
  }
  const { json: rulesJson, warning: rulesWarning } = await rules;
  const doc = new state.core.LogDocument(rulesJson);
  phase('doc-created');
  state.doc = doc;
  // A time written without a year takes it from the file's date (Last-Modified); a file without
  // one is read in the year of the link's &t= when it has one (the time the reader asked for),
  // else against now, the core's default (docs/viewer-urls.md).
  const fileDate = LogstowFetch.fileDate(response);
  const yearFrom = fileDate !== null ? 'file' : Number.isFinite(message.yearHintMs) ? 'link' : 'now';
  if (fileDate !== null) doc.setFileDate(fileDate);
  else if (yearFrom === 'link') doc.setFileDate(LogstowYear.referenceForYear(new Date(message.yearHintMs).getUTCFullYear()));
  const total = Number(response.headers.get('content-length')) || 0;
  // Readable only when the container exposes it (X-Container-Meta-Access-Control-Expose-Headers).
  const encoding = (response.headers.get('content-encoding') || '').toLowerCase();
  const sizeText = response.headers.get(SIZE_HEADER) || '';
  const load = { url, total, yearFrom, encoded: encoding.includes('gzip') || encoding.includes('br') ||
      encoding.includes('deflate'), stats, done: false, warning: '', binary: false,
    sizeHeader: /^[0-9]{1,15}$/.test(sizeText) ? Number(sizeText) : -1, reserved: 0,
    rulesWarning: rulesJson && doc.rulesError()
      ? `The viewer's rule file (${state.rulesUrl}) has an error: ${doc.rulesError()}. This log is read with the built-in rules.`
      : rulesWarning };
  state.load = load;

  const want = message.want || [0, 0];
  let wantSent = false;
  let lastPost = -Infinity;
  let lastYield = performance.now();
  // The binary check on the first 8 KiB (refuseBinary below): the first screen's rows wait for
  // its verdict, so a short binary file never shows rows of glyphs.
  const head = LogstowFetch.binaryHead((bytes) => state.core.looksBinary(bytes));
  // Appends bytes in slices, so the first screen goes out after the first slice of a big first
  // read, and row requests are answered between slices. Returns false when the core refuses.
  const append = async (chunk) => {
    for (let at = 0; at < chunk.length;) {
      // Until the first screen is out, small slices: its rows wait for no more than they need.
      const slice = chunk.subarray(at, Math.min(at + (wantSent ? SLICE : FIRST_SLICE), chunk.length));
      at += slice.length;
      const to = doc.prepareAppend(slice.length);
      if (to === 0) return false;
      const t0 = performance.now();
      state.core.HEAPU8.set(slice, to);
      doc.commitAppend(slice.length);
      work.coreMs += performance.now() - t0;
      work.slices += 1;
      if (state.pendingSearch) {  // asked for before the log existed: run it on the first bytes
        const pending = state.pendingSearch;
        state.pendingSearch = null;
        search(pending);
      }
      extendFilter();
      const now = performance.now();
      if (!wantSent && head.decided() && doc.lineCount() >= want[1]) {
        wantSent = true;
        phase('first-rows-sent');
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
        const y0 = performance.now();
        await yieldToEvents();
        lastYield = performance.now();
        work.yieldMs += lastYield - y0;
      }
    }
    return true;
  };
  // A body that stalls before the first screen is whole (a slow server, a job still writing):
  // the lines so far are shown once no byte has come for PROGRESS_EVERY_MS, not only when the
  // screen is full or the body ends. The whole screen's rows still follow (wantSent).
  let stalled = 0;
  const showSoFar = () => {
    if (state.load !== load || wantSent || load.done) return;
    const count = doc.lineCount();
    if (count > want[0]) postProgress(renderRows(want[0], Math.min(want[1], count)));
  };
  // A page that says so, never rows of glyphs (main.js draws it).
  const refuseBinary = () => {
    load.binary = true;
    clearTimeout(stalled);
    stopReading();
    post({ op: 'binary', url, size: load.sizeHeader > 0 ? load.sizeHeader : (load.stats.gzip ? 0 : total),
      storedSize: total, inflated: Boolean(load.stats.gzip) });
  };
  try {
    for await (const chunk of body.chunks()) {
      clearTimeout(stalled);
      work.chunks += 1;
      // The core's rule on the first 8 KiB (viewer/binary_check.h), as `logstow show` applies it;
      // decided before the chunk that completes them is appended (most first chunks do).
      if (head.feed(chunk)) {
        refuseBinary();
        return;
      }
      // A body longer than Content-Length was HTTP-encoded (Content-Encoding not exposed).
      const bytes = doc.byteLength() + chunk.length;
      if (total > 0 && !load.stats.gzip && !load.encoded && bytes > total) load.encoded = true;
      if (!await append(chunk)) {
        load.warning = `The log is larger than the viewer can hold (${formatBytes(bytes)}); showing the first ${formatBytes(doc.byteLength())}.`;
        stopReading();  // the read-ahead's bytes and the connection are let go
        break;
      }
      if (!wantSent) stalled = setTimeout(showSoFar, PROGRESS_EVERY_MS);
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
  // A Content-Encoding body whose gzip stream stops short with a complete Content-Length ends
  // without an error in the browser; the uploader's size says what should have arrived.
  if (!load.warning && load.encoded && load.sizeHeader > 0 && doc.byteLength() < load.sizeHeader) {
    load.warning = `Only ${formatBytes(doc.byteLength())} of the log's ${formatBytes(load.sizeHeader)} arrived: the stored object is cut short (its compressed stream ends early); showing what arrived.`;
  }
  clearTimeout(stalled);
  if (head.end()) {  // a body shorter than 8 KiB: decided on all of it
    refuseBinary();
    return;
  }
  phase('body-done');
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
  phase('indexed');
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

// A worker of the build-wide search (build_search.js starts two to four): the same Wasm core as
// the viewer's worker, one file at a time. The folder view's compare with a good build
// (folder_baseline.js) runs on these workers too. web/CMakeLists.txt joins it after
// fetch_stream.js, folder_source.js and build_list.js into one script, build_search_worker.js.
//
// Messages in (build_search.js, folder_baseline.js):
//   wasm   {module}                         the core compiled on the page (null: compile here)
//   config {allowedOrigins}                 origins to fetch from (fetch_stream.js reads it)
//   list   {plan}                           every file under the folder (build_list.js)
//   file   {job: {id, url}, query, limits}  search one file
//   baseline-count {seq, url, baselineUrl, stallMs}  new lines of one file against the good build's
// query: {pattern, icase, literal}; limits: {maxBytes (inflated bytes read at most),
// maxLines (hit lines returned), context (lines before and after each), stallMs (the GET given
// up, status failed, after this long without a byte)}.
// Messages out: core {ok, error}; files {files, marks} per Swift listing page as it comes; listed {ok,
// source, files (those not sent in a files message), skipped, overflow, warning, error};
// done {id, status, bytes, gzip, matchCount, lineCount, lines, queryError, detail}, status one of
// ok, binary, too-large (only the first maxBytes were searched), failed; ms: {wait (for the
// response's head), queued (answered, waiting for this worker to read it), body (reading and
// indexing it), search} for the bench. lines: [{line (0-based),
// text, marks: [[from, to]] (UTF-16 offsets in text), before, after, ms (naive wall-clock ms of
// the line's timestamp, or of the nearest stamped line above it; null when none), inherited
// (true: the time is that line's), yearFrom (only for a time written without a year: 'file', its
// year is the file's date's, or 'guess', the file has no date)}].
// baseline-count {seq, url, ok, lines, newLines, baselineLines, missing (the good build has no
// file of that name), error (fetch_stream.js's, or {kind, detail}: kind 'core', 'binary' (either
// file is not text), 'read' (a body broke off: damaged gzip, a dropped connection, a stall))}.
//
// Memory: one document at a time, deleted when its file is done (the Wasm heap keeps the size of
// the largest file read, at most maxBytes); a compare holds only the good file's line shapes,
// the page keeps a few in flight. Log text is never interpreted here, only searched or counted.
'use strict';

importScripts('logstow_viewer.js');

const TEXT_CAP = 2000;      // characters of a line sent to the page
const STAMP_LOOKBACK = 200; // lines looked back for a timestamp a line inherits
const SLICE = 1 << 20;

// A document's buffer that malloc built over (growable_buffer.h: stranded) is not reused once
// the document is deleted: one log per page never notices, a worker reading thousands of files
// does (about a file's size each). Past RECYCLE_BYTES of Wasm memory after a file, the worker
// starts a fresh instance of the core (the old one's memory goes with it), so a worker holds at
// most about RECYCLE_BYTES, or what its largest file needs (at most maxBytes and its index).
// After a compare too: its line shapes keep the instance that made them until they are deleted.
const RECYCLE_BYTES = 32 * 1024 * 1024;

let wasmModule = null;
function newCore() {
  if (!wasmModule) return LogstowViewer();
  return new Promise((resolve, reject) => {
    LogstowViewer({
      instantiateWasm(imports, receiveInstance) {
        WebAssembly.instantiate(wasmModule, imports).then((instance) => receiveInstance(instance, wasmModule), reject);
        return {};
      },
    }).then(resolve, reject);
  });
}

let receiveWasm;
const coreReady = new Promise((resolve) => {
  receiveWasm = resolve;
}).then((module) => {
  wasmModule = module;
  return newCore();
});
let core = null;
coreReady.then((module) => {
  core = module;
  post({ op: 'core', ok: true });
}, (error) => post({ op: 'core', ok: false, error: String(error && error.message || error) }));

function post(message) {
  self.postMessage(message);
}

// A fresh core past RECYCLE_BYTES (the promise of the swap; null when none is under way). A
// search uses `core` from its start to its end: it waits for a swap under way before it starts,
// and a compare (which uses only the objects it made) starts none while a search is read.
let swapping = null;
function recycleCore() {
  if (!swapping && core && core.HEAPU8.length > RECYCLE_BYTES) {
    swapping = newCore().catch(() => core).then((fresh) => {  // failed: keep this one
      core = fresh;
      swapping = null;
    });
  }
  return swapping;
}

function yieldToEvents() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function list(message) {
  // When (ms since the page's time origin: performance.timeOrigin) the core was ready and the
  // first listing page was in, for the bench.
  const at = () => performance.timeOrigin + performance.now();
  const marks = { asked: at() };
  await coreReady;
  marks.core = at();
  let sent = 0;
  const onFiles = (files) => {
    if (sent === 0) marks.page = at();
    sent += files.length;
    post({ op: 'files', files, marks });
  };
  const listed = await LogstowBuildList.list({ core, post: () => {}, yieldToEvents, onFiles }, message.plan);
  post({ op: 'listed', ...listed, files: listed.files.slice(sent) });
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });  // a line's U+FEFF is text

// Byte offsets into a line's UTF-8 text -> UTF-16 offsets into the JS string.
function utf16Offset(bytes, at) {
  return decoder.decode(bytes.subarray(0, at)).length;
}

function cap(text) {
  return text.length > TEXT_CAP ? `${text.slice(0, TEXT_CAP)}…` : text;
}

// {ms, inherited, yearFrom}: the line's own time, else the nearest stamped line's above it; ms
// null if none. yearFrom, for a time written without a year: 'file' (its year is the file's
// date's), 'guess' (the file has no date: the page reads it again, build_trail.js).
function stampOf(doc, line, dated) {
  for (let i = line; i >= 0 && i > line - STAMP_LOOKBACK; --i) {
    const ms = doc.timestampMs(i);
    if (Number.isNaN(ms)) continue;
    const stamp = { ms, inherited: i !== line };
    if (doc.timestampYearless(i)) stamp.yearFrom = dated ? 'file' : 'guess';
    return stamp;
  }
  return { ms: null, inherited: false };
}

// The hit lines (at most limits.maxLines) with their marks, context and time.
function hitLines(doc, hits, limits, dated) {
  const lines = [];
  const count = doc.lineCount();
  for (let i = 0; i < hits.length; i += 3) {
    const line = hits[i];
    let entry = lines[lines.length - 1];
    if (!entry || entry.line !== line) {
      if (lines.length >= limits.maxLines) break;
      const text = doc.lineText(line);
      const stamp = stampOf(doc, line, dated);
      entry = { line, text: cap(text), bytes: encoder.encode(text), marks: [], before: [], after: [],
        ...stamp };
      for (let c = Math.max(0, line - limits.context); c < line; ++c) entry.before.push(cap(doc.lineText(c)));
      for (let c = line + 1; c < Math.min(count, line + 1 + limits.context); ++c) entry.after.push(cap(doc.lineText(c)));
      lines.push(entry);
    }
    const from = utf16Offset(entry.bytes, hits[i + 1]);
    const to = utf16Offset(entry.bytes, hits[i + 2]);
    if (from < entry.text.length) entry.marks.push([from, Math.min(to, entry.text.length)]);
  }
  for (const entry of lines) delete entry.bytes;
  return lines;
}

// Files are asked for as they come (the page keeps several in flight, so Swift's answer time
// overlaps the reading of the one before) and read one at a time in the order Swift answers
// them: a slow answer does not hold back those behind it.
const answered = [];
let reading = false;
function file(message) {
  const t0 = performance.now();
  // A server that stalls, before its answer or in its body, fails this file after
  // limits.stallMs without a byte, instead of holding the files behind it in this worker.
  const guard = LogstowFetch.stallGuard(message.limits.stallMs);
  LogstowFetch.get(message.job.url, { signal: guard.signal }).then((got) => ({ got }), (error) => ({ error })).then((outcome) => {
    guard.pause();  // answered: its bytes wait in the browser until this worker reads them
    if (outcome.error) guard.stop();
    answered.push({ message, t0, t1: performance.now(), guard, ...outcome });
    readAnswered();
  });
}

async function readAnswered() {
  if (reading) return;
  reading = true;
  while (answered.length) {
    const item = answered.shift();
    try {
      if (item.error) throw item.error;
      await swapping;
      await searchFile(item);
    } catch (error) {
      post({ op: 'done', id: item.message.job.id, status: 'failed', bytes: 0, matchCount: 0, lineCount: 0,
        lines: [], queryError: '', detail: String(error && error.message || error) });
    }
  }
  reading = false;
}

async function searchFile(item) {
  item.guard.resume();
  try {
    await searchAnswer(item);
  } finally {
    item.guard.stop();
  }
}

async function searchAnswer({ message, got, t0, t1: answeredAt, guard }) {
  const { job, query, limits } = message;
  await coreReady;
  const out = { op: 'done', id: job.id, status: 'ok', bytes: 0, gzip: false, matchCount: 0,
    lineCount: 0, lines: [], queryError: '', detail: '', ms: { wait: 0, queued: 0, body: 0, search: 0 } };
  const t1 = performance.now();
  out.ms.wait = answeredAt - t0;
  out.ms.queued = t1 - answeredAt;
  if (!got.ok) {
    out.status = 'failed';
    out.detail = got.error.status ? `HTTP ${got.error.status}` : got.error.kind;
    post(out);
    return;
  }
  const doc = new core.LogDocument('');
  doc.skipSeverity();  // only searched here: the rule match per line would be most of the indexing
  // Times written without a year take it from the file's date (viewer/timestamp.h).
  const fileDate = LogstowFetch.fileDate(got.response);
  if (fileDate !== null) doc.setFileDate(fileDate);
  const stats = {};
  // viewer/binary_check.h on the first 8 KiB, as a log opens.
  const head = LogstowFetch.binaryHead((bytes) => core.looksBinary(bytes));
  try {
    for await (const chunk of LogstowFetch.bodyChunks(got.response, stats)) {
      guard.poke();
      if (head.feed(chunk)) {
        out.status = 'binary';
        got.response.body?.cancel().catch(() => {});
        break;
      }
      const room = limits.maxBytes - doc.byteLength();
      const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
      for (let at = 0; at < part.length; at += SLICE) {
        const slice = part.subarray(at, Math.min(at + SLICE, part.length));
        const to = doc.prepareAppend(slice.length);
        if (to === 0) throw new Error('the viewer core could not hold more of this file');
        core.HEAPU8.set(slice, to);
        doc.commitAppend(slice.length);
      }
      if (chunk.length > room) {
        out.status = 'too-large';
        got.response.body?.cancel().catch(() => {});
        break;
      }
    }
  } catch (error) {
    // A damaged .gz or a broken download: what arrived is searched, and the file says so.
    out.status = 'failed';
    out.detail = String(error && error.message || error);
  }
  if (out.status === 'ok' && head.end()) out.status = 'binary';  // shorter than 8 KiB
  out.gzip = Boolean(stats.gzip);
  out.bytes = doc.byteLength();
  const t2 = performance.now();
  out.ms.body = t2 - t1;
  if (out.status !== 'binary') {
    doc.finish();
    const result = doc.setSearch(query.pattern, query.icase, query.literal);
    if (!result.ok) {
      out.queryError = result.error;
    } else {
      out.matchCount = result.matchCount;
      out.lineCount = result.lineCount;
      // Enough hits for maxLines lines (a line may hold many): the core returns them in order.
      out.lines = hitLines(doc, doc.searchHits(Math.min(100000, limits.maxLines * 64)), limits, fileDate !== null);
    }
  }
  doc.delete();
  out.ms.search = performance.now() - t2;
  out.wasmBytes = core.HEAPU8.length;  // this worker's Wasm memory, for the bench
  post(out);
  await recycleCore();
}

// A compared file that is not text (thrown by baselineCount's sinks).
class NotText extends Error {}

// The folder view's compare, one file (folder_baseline.js keeps a few in flight per worker, read
// side by side): the good build's file read into its line shapes, then the file streamed through
// the counter; no text kept. Both GETs are sent at once, the file's answer waiting unread while
// the good build's streams in.
async function baselineCount(message) {
  const reply = { op: 'baseline-count', seq: message.seq, url: message.url };
  const failed = (kind, error) => post({ ...reply, ok: false,
    error: { kind, detail: String(error && error.message || error) } });
  try {
    await coreReady;
  } catch (error) {
    failed('core', error);
    return;
  }
  // Both GETs given up when neither sends a byte for stallMs (a stalled file would hold this
  // worker's other compares, and the folder would say "counting" for ever).
  const guard = LogstowFetch.stallGuard(message.stallMs);
  const fileGot = LogstowFetch.get(message.url, { signal: guard.signal }).catch((error) => ({ ok: false,
    error: { kind: 'network', detail: String(error && error.message || error) } }));
  let shapes = null;
  try {
    shapes = new core.LineShapes();
    // A file that is not text (viewer/binary_check.h on its first 8 KiB, as a log opens) is not
    // counted: its "lines" would be noise. feed each chunk, end() after the last.
    const textOnly = () => {
      const head = LogstowFetch.binaryHead((bytes) => core.looksBinary(bytes));
      const check = (verdict) => {
        if (verdict) throw new NotText();
      };
      return { feed: (chunk) => check(head.feed(chunk)), end: () => check(head.end()) };
    };
    const goodText = textOnly();
    let error = await LogstowFetch.streamInto(message.baselineUrl, (chunk) => {
      guard.poke();
      goodText.feed(chunk);
      shapes.append(chunk);
    }, undefined, { signal: guard.signal });
    if (error) {
      fileGot.then((got) => got.response?.body?.cancel().catch(() => {}));
      post({ ...reply, ok: false, missing: error.kind === 'not-found', error });
      return;
    }
    goodText.end();
    shapes.countStart();
    const fileText = textOnly();
    error = await LogstowFetch.streamGot(await fileGot, (chunk) => {
      guard.poke();
      fileText.feed(chunk);
      shapes.countAppend(chunk);
    });
    if (error) {
      post({ ...reply, ok: false, error });
      return;
    }
    fileText.end();
    post({ ...reply, ok: true, ...shapes.countFinish(), baselineLines: shapes.lineCount() });
  } catch (error) {
    // Not text, or a body that broke off: damaged gzip, a dropped connection, a stall.
    if (error instanceof NotText) {
      fileGot.then((got) => got.response?.body?.cancel().catch(() => {}));
      failed('binary', 'not text');
    } else {
      failed('read', error);
    }
  } finally {
    guard.stop();
    shapes?.delete();
    if (!reading) recycleCore();
  }
}

const handlers = {
  wasm: (message) => receiveWasm(message.module instanceof WebAssembly.Module ? message.module : null),
  list,
  file,
  'baseline-count': baselineCount,
};

self.onmessage = (event) => {
  const handler = handlers[event.data && event.data.op];
  if (!handler) return;
  Promise.resolve().then(() => handler(event.data)).catch((error) => {
    if (event.data.op === 'list') {
      post({ op: 'listed', ok: false, files: [], skipped: [], error: String(error && error.message || error) });
      return;
    }
    post({ op: 'done', id: event.data.job ? event.data.job.id : -1, status: 'failed', bytes: 0,
      matchCount: 0, lineCount: 0, lines: [], queryError: '', detail: String(error && error.message || error) });
  });
};

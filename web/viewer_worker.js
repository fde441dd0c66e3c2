// The viewer's worker: loads the Wasm core once and owns the one document a page shows. It does
// every heavy step off the main thread: fetch, (inflate,) copy into Wasm memory, line split,
// severities, search, severity filter, folder listings. The page only asks for the ~100 rows it
// draws (as the core's JSON span lists) and gets progress messages.
//
// This file holds the state, the core and the dispatch; the jobs are in worker_load.js (open a log), worker_rows.js (rows),
// worker_search.js (search, level navigation, severity filter), folder_source.js (folders) and
// fetch_stream.js (fetch, inflate), which share its globals. The build serves them as one script,
// the parts first, then this file, then the Emscripten loader (web/CMakeLists.txt): a worker
// fetches the scripts it imports one after another, a round trip each.
//
// Messages in (main.js / file_view.js / folder_view.js): {op, ...}
//   wasm    {module}                                   the compiled core from boot.js, or null (compile here)
//   config  {allowedOrigins, rulesUrl}                 boot.js or main.js: origins to fetch from, the rule file
//   open    {url, want: [first, last], folderProbe,   stream a log (first rows sent unasked); boot.js
//            preview, yearHintMs}                      sends it as config.json answers, else main.js;
//                                                      yearHintMs: the link's &t= (log_open.js yearHint)
//   folder  {plan}                                     list a folder (url_state.js folderPlan)
//   rows    {id, first, last}                          rows [first, last) as the core's JSON
//   search  {seq, pattern, icase, literal}             whole-file RE2 search of the shown text ("" clears)
//   find    {seq, from, backward}                      next/previous hit from a line
//   level   {seq, from, backward, min, exact}          next/previous line stating >= min (== min)
//   filter  {seq, min, context, keep}                  lines shown by a severity filter
//   text    {seq, first, last}                         shown text of lines (copy)
//   download {seq}                                     the log's bytes as a Blob
//   time, timeOf, overview, baseline, stripTarget      worker_time.js (&t=, pictures, &baseline=)
//   folder-timeline {seq, files, buckets}              worker_time.js (the folder view's timeline)
// Messages out: core, progress, rows, search, found, filter, text,
// download, listing, redirect, error (see each post below). Lines are 0-based here; they are the
// lines the page shows (a terminal capture's screen rows, viewer/terminal_screen.h), never raw
// lines unless said.
'use strict';

// When each step of opening a log happened (ms since the Unix epoch, so the page can put them on
// its own timeline); sent with every progress message, read by bench/web/run.js.
const phases = {};
function phase(name) {
  if (!(name in phases)) phases[name] = performance.timeOrigin + performance.now();
}
phase('worker-start');
// Where the worker's time went while a log streamed in: ms in the core (copy, split, severity),
// ms given away to answer messages, chunks read and slices appended (also for bench/web).
const work = { coreMs: 0, yieldMs: 0, chunks: 0, slices: 0 };

// The Emscripten loader (LogstowViewer) is at the end of this file (web/CMakeLists.txt joins it).

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
  rulesUrl: '',        // the operator's rule file (config message), '' for the built-in rules
};

phase('worker-scripts');

// The core: instantiated from the module boot.js (or main.js) compiled and posted ({op: 'wasm'}),
// else (module null) fetched and compiled here by the Emscripten loader.
let receiveWasm;
const wasmModule = new Promise((resolve) => {
  receiveWasm = resolve;
});
function wasm(message) {
  receiveWasm(message.module instanceof WebAssembly.Module ? message.module : null);
}
function startCore(module) {
  if (!module) return LogstowViewer();
  return new Promise((resolve, reject) => {
    LogstowViewer({
      instantiateWasm(imports, receiveInstance) {
        WebAssembly.instantiate(module, imports).then((instance) => receiveInstance(instance, module), reject);
        return {};
      },
    }).then(resolve, reject);
  });
}
const coreReady = wasmModule.then(startCore).then(
  (module) => {
    phase('core-ready');
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

// main.js's settings (fetch_stream.js reads the allowed origins from the same message).
function config(message) {
  state.rulesUrl = typeof message.rulesUrl === 'string' ? message.rulesUrl : '';
}

const handlers = { wasm, config, open, folder,
  rows: postRows, search, find, level, filter, text, download,
  drawn: onDrawn, time, timeOf, overview, baseline, stripTarget, 'folder-timeline': folderTimeline };

self.onmessage = (event) => {
  const message = event.data;
  const handler = handlers[message && message.op];
  if (!handler) return;
  if (!state.doc && !['wasm', 'config', 'open', 'folder', 'filter', 'search', 'drawn', 'folder-timeline'].includes(message.op)) {
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

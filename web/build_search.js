// The build-wide search's engine on the page: lists every file under a folder and searches them
// in two to four workers (build_search_worker.js: the viewer's Wasm core, streamed, gzip
// inflated), handing each file's result to the view as it finishes. Cancel terminates the
// workers, so every fetch they had open stops at once. No DOM here. The folder view's compare
// with a good build (folder_baseline.js) runs on the same workers: takeWorkers.
//
// A run: new BuildSearchRun({plan, query, limits, origins, scriptUrl, onFiles, onListed, onFile,
// onEnd}), then start(). plan: url_state.js folderPlan of the folder; query: {pattern, icase,
// literal}; limits: see LIMITS; origins: the origins the workers may fetch from (main.js's list);
// scriptUrl(url): the page's Trusted Types policy (main.js). Callbacks: onFiles(count) as files
// are listed (a Swift listing page at a time: the search starts on the first page);
// onListed(listed) once, when the listing is complete ({ok, source, skipped, overflow, warning};
// its files are this.files); onFile(file, result) per file (file: {index, path, url, size};
// result: the worker's 'done' message, or {status: 'binary', detail: 'by name'} for names that
// are never text, {status: 'listing'} for the index pages and zuul-manifest.json, not searched:
// listing_files.js), and onEnd({cancelled, error}) once.
//
// Order: files are drawn in the listing's order whatever order they finish in, but asked for
// in another: first the FETCHES smallest of the first listing page (their answers come soonest,
// so the first results do), then the largest first (a big file started last would leave the
// other workers idle while it alone is read; started first, the small ones fill in beside it).
//
// Memory, bounded: at most FETCHES answers in flight (a body not yet read is held back by the
// network stack, not read into memory); in each worker one document at a time, at most
// limits.maxBytes of inflated text (the Wasm heap keeps the largest size it held); on the page,
// after limits.totalLines hit lines were drawn (about the first hundred matching files), later
// files send their first hit line only (counts stay whole), so the drawn lines stay under
// totalLines + files.
import { isListingFile } from './listing_files.js';

export const SEARCH_WORKER_URL = 'build_search_worker.js';

export const LIMITS = {
  maxBytes: 64 * 1024 * 1024,  // inflated bytes searched per file; the rest of a file is not read
  maxLines: 20,                // hit lines sent back per file (counts are always whole)
  context: 2,                  // lines before and after each
  totalLines: 2000,            // hit lines drawn at maxLines per file; past them, one per file
  stallMs: 30000,              // a file's GET given up after this long without a byte
};

// GETs in flight for the whole search, whatever the worker count: a worker reads one answer
// while Swift prepares the next ones. Chromium opens at most six HTTP/1.1 connections to a
// host, so on HTTP/1.1 the last two wait in the browser, ready to go when a connection frees;
// over HTTP/2 all eight are sent.
export const FETCHES = 8;

// Names whose content is never text (as folder_view.js opens them raw).
const NEVER_TEXT = /\.(?:tar\.gz|tgz|tar|zip|7z|bz2|xz|zst|png|jpe?g|gif|webp|ico|pdf|whl|rpm|deb|qcow2|img|iso|so|pyc|bin)$/i;

let compiled = null;
let spare = [];  // workers started on the search box's focus, for the next run

// The core compiled once per page and posted to each worker (a WebAssembly.Module can be).
function compileCore() {
  compiled ??= (typeof WebAssembly.compileStreaming === 'function'
    ? WebAssembly.compileStreaming(fetch('logstow_viewer.wasm', { credentials: 'same-origin' }))
    : Promise.reject(new Error('no compileStreaming'))).catch(() => null);
  return compiled;
}

export function workerCount() {
  const cores = Number(navigator.hardwareConcurrency) || 2;
  return Math.min(4, Math.max(2, cores - 1));
}

function startWorker({ origins, scriptUrl }) {
  const worker = new Worker(scriptUrl(SEARCH_WORKER_URL));
  worker.jobs = 0;
  compileCore().then((module) => worker.postMessage({ op: 'wasm', module }));
  worker.postMessage({ op: 'config', allowedOrigins: origins });
  return worker;
}

// Starts the workers of the next run ahead (the search box's focus: the reader is about to
// search), so that pressing Enter does not wait for the core to compile and load in them.
// {origins, scriptUrl} as for a run.
export function prepareWorkers(options) {
  while (spare.length < workerCount()) spare.push(startWorker(options));
}

// The workers of a run, {origins, scriptUrl} as for one: those started ahead, and new ones up to
// workerCount(). Each has the core (posted compiled) and the origins; `jobs` counts what it was
// asked for and has not answered yet, for the caller to keep up to date.
export function takeWorkers(options) {
  prepareWorkers(options);
  return spare.splice(0);
}

// Sizes as listed (Swift: the stored bytes); a file without one counts as small.
const sizeOf = (file) => Number(file.size) || 0;

export class BuildSearchRun {
  constructor(options) {
    this.options = options;
    this.limits = { ...LIMITS, ...(options.limits || {}) };
    this.workers = [];
    this.files = [];
    this.queue = [];          // files not asked for yet, in the order they will be
    this.running = 0;
    this.finished = 0;
    this.linesDrawn = 0;
    this.listedAll = false;
    this.ended = false;
    this.marks = {};  // ms milestones (performance.now()), for the bench
  }

  start() {
    this.marks.start = performance.now();
    for (const worker of takeWorkers(this.options)) {
      worker.addEventListener('message', (event) => this.onMessage(worker, event.data));
      worker.addEventListener('error', (event) => this.end({ error: event.message || 'a search worker failed' }));
      this.workers.push(worker);
    }
    this.workers[0].postMessage({ op: 'list', plan: this.options.plan });
  }

  onMessage(worker, message) {
    if (this.ended) return;
    if (message.op === 'core' && !message.ok) {
      this.end({ error: `the viewer core failed to load in a search worker: ${message.error}` });
    } else if (message.op === 'files') {
      if (this.marks.listedPage === undefined) {
        this.marks.listedPage = performance.now();
        for (const [k, v] of Object.entries(message.marks || {})) this.marks[`worker ${k}`] = v - performance.timeOrigin;
      }
      this.addFiles(message.files);
    } else if (message.op === 'listed') {
      this.onListed(message);
    } else if (message.op === 'done') {
      this.marks.firstDone ??= performance.now();
      const file = this.files[message.id];
      worker.jobs -= 1;
      this.running -= 1;
      this.linesDrawn += message.lines ? message.lines.length : 0;
      this.finishFile(file, message);
      this.dispatch();
    }
  }

  addFiles(listed) {
    if (listed.length === 0) return;
    const added = listed.map((f, i) => ({ ...f, index: this.files.length + i }));
    this.files.push(...added);
    const bySize = added.slice().sort((a, b) => sizeOf(b) - sizeOf(a));
    if (this.queue.length === 0 && this.finished + this.running === 0) {
      // The first page: its smallest files first, for the first results.
      this.queue = [...bySize.splice(Math.max(0, bySize.length - FETCHES)).reverse(), ...bySize];
    } else {
      this.queue.push(...bySize);
    }
    this.options.onFiles?.(this.files.length);
    this.dispatch();
  }

  onListed(listed) {
    if (!listed.ok) {
      this.end({ error: listed.error });
      return;
    }
    this.marks.listed = performance.now();
    this.addFiles(listed.files);
    this.listedAll = true;
    this.options.onListed({ ...listed, files: this.files });
    if (this.finished === this.files.length) this.end({});
  }

  finishFile(file, result) {
    this.finished += 1;
    this.options.onFile(file, result);
    if (this.listedAll && this.finished === this.files.length) this.end({});
  }

  // Asks the least busy worker for the next files, up to FETCHES in flight.
  dispatch() {
    while (this.queue.length && !this.ended && this.running < FETCHES) {
      const file = this.queue.shift();
      if (NEVER_TEXT.test(file.path)) {
        this.finishFile(file, { status: 'binary', detail: 'by name', matchCount: 0, lineCount: 0, lines: [] });
        continue;
      }
      if (isListingFile(file.path)) {  // pages about the build, not its logs (listing_files.js)
        this.finishFile(file, { status: 'listing', detail: '', matchCount: 0, lineCount: 0, lines: [] });
        continue;
      }
      const worker = this.workers.reduce((a, b) => (b.jobs < a.jobs ? b : a));
      worker.jobs += 1;
      this.running += 1;
      const limits = { ...this.limits };
      if (this.linesDrawn >= limits.totalLines) limits.maxLines = Math.min(limits.maxLines, 1);
      delete limits.totalLines;
      worker.postMessage({ op: 'file', job: { id: file.index, url: file.url }, query: this.options.query, limits });
    }
  }

  progress() {
    return { files: this.files.length, finished: this.finished, running: this.running };
  }

  cancel() {
    this.end({ cancelled: true });
  }

  end(outcome) {
    if (this.ended) return;
    this.ended = true;
    this.marks.end = performance.now();
    for (const worker of this.workers) worker.terminate();
    this.workers = [];
    this.options.onEnd({ cancelled: false, error: '', ...outcome });
  }
}

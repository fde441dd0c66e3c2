// The build-wide search's engine on the page: lists every file under a folder and searches them
// in two to four workers (build_search_worker.js: the viewer's Wasm core, one file at a time
// each, streamed, gzip inflated), handing each file's result to the view as it finishes. Cancel
// terminates the workers, so every fetch they had open stops at once. No DOM here.
//
// A run: new BuildSearchRun({plan, query, limits, origins, scriptUrl, onListed, onFile, onEnd}),
// then start(). plan: url_state.js folderPlan of the folder; query: {pattern, icase, literal};
// limits: see LIMITS; origins: the origins the workers may fetch from (main.js's list);
// scriptUrl(url): the page's Trusted Types policy (main.js). Callbacks: onListed(listed) once,
// onFile(file, result) per file (file: {index, path, url, size}; result: the worker's 'done'
// message, or {status: 'binary', detail: 'by name'} for names that are never text), and
// onEnd({cancelled, error}) once.
export const SEARCH_WORKER_URL = 'build_search_worker.js';

export const LIMITS = {
  maxBytes: 64 * 1024 * 1024,  // inflated bytes searched per file; the rest of a file is not read
  maxLines: 20,                // hit lines sent back per file (counts are always whole)
  context: 2,                  // lines before and after each
};

// Names whose content is never text (as folder_view.js opens them raw).
const NEVER_TEXT = /\.(?:tar\.gz|tgz|tar|zip|7z|bz2|xz|zst|png|jpe?g|gif|webp|ico|pdf|whl|rpm|deb|qcow2|img|iso|so|pyc|bin)$/i;

let compiled = null;

// The core compiled once per page and posted to each worker (a WebAssembly.Module can be).
function compileCore() {
  compiled ??= (typeof WebAssembly.compileStreaming === 'function'
    ? WebAssembly.compileStreaming(fetch('logstow_viewer.wasm', { credentials: 'same-origin' }))
    : Promise.reject(new Error('no compileStreaming'))).catch(() => null);
  return compiled;
}

// Files asked of a worker at once: it reads and searches one at a time, while Swift answers the
// next ones (a body waiting its turn is held back by the network stack, not read into memory).
const IN_FLIGHT = 3;

export function workerCount() {
  const cores = Number(navigator.hardwareConcurrency) || 2;
  return Math.min(4, Math.max(2, cores - 1));
}

export class BuildSearchRun {
  constructor(options) {
    this.options = options;
    this.limits = { ...LIMITS, ...(options.limits || {}) };
    this.workers = [];
    this.files = [];
    this.next = 0;
    this.running = 0;
    this.finished = 0;
    this.ended = false;
  }

  async start() {
    const module = await compileCore();
    if (this.ended) return;
    const count = workerCount();
    for (let i = 0; i < count; ++i) {
      const worker = new Worker(this.options.scriptUrl(SEARCH_WORKER_URL));
      worker.postMessage({ op: 'wasm', module });
      worker.postMessage({ op: 'config', allowedOrigins: this.options.origins });
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
    } else if (message.op === 'listed') {
      this.onListed(message);
    } else if (message.op === 'done') {
      const file = this.files[message.id];
      worker.jobs -= 1;
      this.running -= 1;
      this.finishFile(file, message);
      this.dispatch(worker);
    }
  }

  onListed(listed) {
    if (!listed.ok) {
      this.end({ error: listed.error });
      return;
    }
    this.files = listed.files.map((f, index) => ({ ...f, index }));
    this.options.onListed(listed);
    for (const worker of this.workers) worker.jobs = 0;
    for (let i = 0; i < IN_FLIGHT; ++i) for (const worker of this.workers) this.dispatch(worker);
    if (this.files.length === 0) this.end({});
  }

  finishFile(file, result) {
    this.finished += 1;
    this.options.onFile(file, result);
    if (this.finished === this.files.length) this.end({});
  }

  // Gives `worker` one more file, when it has fewer than IN_FLIGHT.
  dispatch(worker) {
    while (this.next < this.files.length && !this.ended && worker.jobs < IN_FLIGHT) {
      const file = this.files[this.next++];
      if (NEVER_TEXT.test(file.path)) {
        this.finishFile(file, { status: 'binary', detail: 'by name', matchCount: 0, lineCount: 0, lines: [] });
        continue;
      }
      worker.jobs += 1;
      this.running += 1;
      worker.postMessage({ op: 'file', job: { id: file.index, url: file.url }, query: this.options.query,
        limits: this.limits });
      return;
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
    for (const worker of this.workers) worker.terminate();
    this.workers = [];
    this.options.onEnd({ cancelled: false, error: '', ...outcome });
  }
}

// What is new against a good build, in the folder view (part of FolderView, folder_view.js):
// with &baseline=<the good build's same folder>, each text file of the listing is compared with
// the file of the same name there; each row shows its count of new lines, and its link opens the
// file with &baseline= set to the good build's file. docs/baseline.md.
//
// The counting runs on the build search's workers (build_search.js takeWorkers: two to four,
// each with the viewer's core), started with the first file to compare and terminated once every
// file is counted; the files are spread over them, AT_ONCE in flight per worker. To a worker:
// {op: 'baseline-count', seq, url, baselineUrl, stallMs (build_search.js LIMITS)}; back, per
// file: {op: 'baseline-count', seq, url, ok, newLines, missing, error, ...}
// (build_search_worker.js: both files streamed through line shapes, no text kept).
// The folder's index.html and zuul-manifest.json are not compared (listing_files.js: they list
// the build, and every row names its prefix); the status and their rows say they were skipped.
import { checkLogUrl, childUrl, countOf, formatCount, viewerLink } from './url_state.js';
import { isListingFile } from './listing_files.js';

// Files compared at once per worker: each sends two GETs (its own and the good build's), so
// Swift's answer time overlaps the counting; each holds one good file's shapes.
const AT_ONCE = 4;
const DRAW_EVERY_MS = 200;

// A file's count (a worker's answer) on its entry: -1 when it was not counted.
function setCount(entry, message) {
  entry.newLines = message.ok ? message.newLines : -1;
  entry.baselineMissing = Boolean(message.missing);
  entry.baselineError = message.ok ? null : message.error;
}

export class FolderBaseline {
  initFolderBaseline(state) {
    this.baseline = state && state.baseline ? state.baseline.replace(/\/?$/, '/') : '';
    this.baselineQueue = [];
    this.baselineRunning = 0;
    this.baselineSeq = 0;
    this.baselineByUrl = new Map();
    this.baselineSkipped = 0;    // listing files not compared
    this.compareWorkers = null;  // the workers once started ([] again once ended)
    this.compareError = null;    // set when they cannot count: the files left are not compared
    if (!this.baseline) {
      this.addCompareForm();
      return;
    }
    const status = document.createElement('output');
    status.id = 'baseline-status';
    status.className = 'baseline-status';
    status.textContent = 'Comparing with the good build…';
    this.$('folder-tools').append(status);
    this.baselineStatus = status;
    // The good build's address is as untrusted as q= and passes the same checks (an absolute
    // http(s) address on an origin this viewer opens); else nothing is compared, and it says why.
    const check = checkLogUrl(this.baseline, { allowedOrigins: this.dom.origins || [],
      pageProtocol: window.location.protocol, pageOrigin: window.location.origin });
    if (!check.ok) {
      this.baseline = '';
      status.classList.add('error');
      status.textContent = `Not compared: the good build's address (&baseline=) is refused. ${check.reason}`;
      document.body.dataset.baselineError = check.code;
    }
  }

  // Without a baseline: "Compare…" asks for a good build's folder and reopens this one with it.
  addCompareForm() {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button';
    button.id = 'compare-button';
    button.textContent = 'Compare…';
    button.title = 'Count the lines new against a good build of the same job';
    const form = document.createElement('form');
    form.className = 'compare-form';
    form.hidden = true;
    const input = document.createElement('input');
    input.type = 'url';
    input.id = 'compare-url';
    input.required = true;
    input.placeholder = 'Address of a good build\'s same folder';
    input.setAttribute('aria-label', 'Address of a good build\'s same folder');
    const submit = document.createElement('button');
    submit.type = 'submit';
    submit.className = 'button primary';
    submit.textContent = 'Compare';
    form.append(input, submit);
    button.addEventListener('click', () => {
      form.hidden = !form.hidden;
      if (!form.hidden) input.focus();
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const good = input.value.trim();
      if (good) window.location.assign(`${viewerLink(this.plan.folderUrl)}&baseline=${encodeURIComponent(good)}`);
    });
    this.$('folder-tools').append(button, form);
  }

  // Each new entry's link carries the good build's same file; files are queued for counting.
  addBaselineEntry(entry) {
    if (!this.baseline || entry.type === 'folder' || !entry.url || entry.rawOnly) return;
    if (isListingFile(entry.name)) {
      entry.baselineSkipped = true;
      this.baselineSkipped += 1;
      return;
    }
    const good = childUrl(this.baseline, entry.href);
    if (!good) return;
    entry.baselineUrl = good;
    entry.link = `${viewerLink(entry.url)}&baseline=${encodeURIComponent(good)}`;
    entry.newLines = null;  // null: not counted yet
    this.baselineByUrl.set(entry.url, entry);
    this.baselineQueue.push(entry);
  }

  compareNext() {
    if (!this.baseline) return;
    if (this.compareError) {
      for (const entry of this.baselineQueue.splice(0)) setCount(entry, { ok: false, error: this.compareError });
    } else if (!this.compareWorkers && this.baselineQueue.length) {
      this.startCompare();
    }
    const workers = this.compareWorkers || [];
    while (this.baselineRunning < AT_ONCE * workers.length && this.baselineQueue.length) {
      const entry = this.baselineQueue.shift();
      const worker = workers.reduce((a, b) => (b.jobs < a.jobs ? b : a));
      worker.jobs += 1;
      this.baselineRunning += 1;
      worker.postMessage({ op: 'baseline-count', seq: ++this.baselineSeq, url: entry.url,
        baselineUrl: entry.baselineUrl, stallMs: this.compareStallMs });
    }
    if (this.done && this.baselineRunning === 0 && this.baselineQueue.length === 0) this.endCompare();
    this.drawBaselineSoon();
  }

  // The workers, with the page's origins and script policy (main.js), as the build search starts
  // them.
  startCompare() {
    this.compareWorkers = [];
    import('./build_search.js').then(({ takeWorkers, LIMITS }) => {
      this.compareStallMs = LIMITS.stallMs;
      this.compareWorkers = takeWorkers({ origins: this.dom.origins, scriptUrl: this.dom.scriptUrl });
      for (const worker of this.compareWorkers) {
        worker.addEventListener('message', (event) => {
          if (event.data.op === 'baseline-count') this.onBaselineCount(worker, event.data);
        });
        worker.addEventListener('error', (event) => this.failCompare(event.message || 'a compare worker failed'));
      }
      this.compareNext();
    }, (error) => this.failCompare(String(error && error.message || error)));
  }

  endCompare() {
    for (const worker of this.compareWorkers || []) worker.terminate();
    this.compareWorkers = [];
  }

  // A worker that cannot run (its script or the core did not load): the files not counted yet,
  // and those listed after, say so.
  failCompare(detail) {
    this.compareError = { kind: 'worker', detail };
    this.endCompare();
    for (const entry of this.baselineByUrl.values()) {
      if (entry.newLines === null) setCount(entry, { ok: false, error: this.compareError });
    }
    this.baselineQueue = [];
    this.baselineRunning = 0;
    this.drawBaselineSoon();
  }

  // Counts are drawn (rows and status) at most every DRAW_EVERY_MS while they come in, at once
  // when the last is in: a folder of thousands of files is not drawn again per file.
  drawBaselineSoon() {
    if (!this.baseline) return;
    const last = this.baselineRunning === 0 && this.baselineQueue.length === 0;
    if (!last && this.baselineTimer) return;
    clearTimeout(this.baselineTimer);
    this.baselineTimer = setTimeout(() => {
      this.baselineTimer = 0;
      this.vr.refresh();
      this.updateBaselineStatus();
    }, last ? 0 : DRAW_EVERY_MS);
  }

  onBaselineCount(worker, message) {
    if (this.compareError) return;  // counted as failed already
    const entry = this.baselineByUrl.get(message.url);
    worker.jobs -= 1;
    this.baselineRunning -= 1;
    if (entry) setCount(entry, message);
    this.compareNext();
  }

  updateBaselineStatus() {
    if (!this.baselineStatus) return;
    const entries = [...this.baselineByUrl.values()];
    const done = entries.filter((e) => e.newLines !== null);
    const total = done.reduce((sum, e) => sum + Math.max(0, e.newLines), 0);
    const finished = done.length === entries.length && this.done;
    this.baselineStatus.textContent = `${finished ? 'Compared' : 'Comparing'} ${formatCount(done.length)} of ${formatCount(entries.length)} files with the good build: ${formatCount(total)} new lines`;
    if (this.baselineSkipped) {
      this.baselineStatus.textContent += ` · ${countOf(this.baselineSkipped, 'listing file')} skipped (index.html, zuul-manifest.json: they list the build, they are not its logs)`;
    }
    if (finished && done.length > 0 && done.every((e) => e.baselineMissing)) {
      this.baselineStatus.textContent += '. The good build has none of these files: is its address the same folder of a good build?';
    }
    if (finished) {
      document.body.dataset.baseline = String(total);
      document.body.dataset.baselineSkipped = String(this.baselineSkipped);
    }
  }

  // The count cell on a row folder_view.js just made.
  decorateBaselineRow(nameCell, entry) {
    if (!entry || (entry.baselineUrl === undefined && !entry.baselineSkipped)) return;
    const badge = document.createElement('span');
    badge.className = 'new-count';
    if (entry.baselineSkipped) {
      badge.textContent = 'skipped';
      badge.title = 'Not compared: a listing of the build\'s files (its rows name this build), not one of its logs';
      badge.classList.add('none');
    } else if (entry.newLines === null) {
      badge.textContent = '…';
      badge.title = 'Comparing with the good build';
    } else if (entry.newLines < 0) {
      const error = entry.baselineError || {};
      badge.textContent = entry.baselineMissing ? 'not in baseline' : error.kind === 'binary' ? 'binary' : 'not compared';
      badge.title = entry.baselineMissing ? 'The good build has no file of this name'
        : error.kind === 'binary' ? 'Not compared: not text (viewer/binary_check.h)'
          : `Could not compare (${error.kind || 'error'})${error.detail ? `: ${error.detail}` : ''}`;
      badge.classList.add('none');
    } else {
      badge.textContent = `${formatCount(entry.newLines)} new`;
      badge.dataset.newLines = String(entry.newLines);
      badge.title = `${formatCount(entry.newLines)} lines whose shape the good build's file never had`;
      if (entry.newLines > 0) badge.classList.add('some');
    }
    nameCell.append(badge);
  }
}

// The log view: rows drawn from the worker's JSON span lists (virtual_rows.js keeps ~100 in the
// DOM), line numbers and #L selections, severity colours and the minimum-severity filter with
// context, whole-file search with next/previous, wrap, raw/download/copy, keyboard.
//
// Lines are 0-based in code and in worker messages, 1-based on screen and in #L links. "Items"
// are what the scroller counts: every line, or only the lines a severity filter shows.
// Log text reaches the DOM only through textContent / text nodes; a link is an <a> only when
// its href is an absolute http(s) URL.
//
// One class, FileView, whose methods live in one module per job and are put together here:
// file_rows.js (rows), file_filter.js (severity filter, chips), file_search.js (search, level
// navigation), file_selection.js (selection, permalinks, copy), file_keys.js (keyboard).
import { VirtualRows } from './virtual_rows.js';
import { countOf, fileName, formatCount, formatLineHash, lineHashProblem, parseLineHash } from './url_state.js';
import { formatBytes, lowerBound } from './format.js';
import { FileRows } from './file_rows.js';
import { ROW_HEIGHT } from './log_open.js';
import { startView } from './log_preview.js';
import { FileFilter } from './file_filter.js';
import { FileSearch } from './file_search.js';
import { FileSelection } from './file_selection.js';
import { FileKeys } from './file_keys.js';
import { FileTime } from './file_time.js';
import { FilePictures } from './file_pictures.js';
import { FileBaseline } from './file_baseline.js';

const fmt = formatCount;

export class FileView {
  // `want`: the rows asked for with the log (log_open.js openLog), [first, last).
  constructor(dom, url, state, want) {
    this.dom = dom;
    this.$ = dom.$;
    this.worker = dom.worker;
    this.url = url;
    this.want = want;
    this.state = { ...state, q: url.href };
    this.lines = 0;
    this.done = false;
    this.progress = null;
    this.gen = 0;
    this.cache = new Map();      // line -> row (core JSON)
    this.pending = new Set();    // lines asked for
    this.requestId = 0;
    this.filter = null;          // {lines: Uint32Array, size}
    this.filterSeq = 0;
    this.filterAnchor = null;
    this.selection = state.selection;
    this.selectionAnchor = state.selection ? state.selection.first : null;
    this.target = state.selection ? { ...state.selection } : null;  // permalink to scroll to
    this.jumped = false;
    this.searchSeq = 0;
    this.searchInfo = null;
    this.searchAfter = null;     // what to do when the search answer comes
    this.findSeq = 0;
    this.currentHit = -1;
    this.cursorLine = -1;        // last line jumped to by n/N/e/E
    this.firstRowsMarked = false;
    this.expanded = new Set();
    this.notices = new Map();
    this.copySeq = 0;
  }

  start() {
    const $ = this.$;
    this.dom.setMode('file');
    document.body.dataset.state = 'loading';
    $('file-tools').hidden = false;
    startView();  // the toolbar was inert while only the preview was shown
    $('log').hidden = false;
    $('progress').hidden = false;
    $('progress').classList.add('indeterminate');
    const raw = $('raw-link');
    raw.href = this.url.href;
    raw.hidden = false;
    $('download').hidden = false;
    this.log = $('log');
    this.vr = new VirtualRows(this.log, {
      rowHeight: ROW_HEIGHT,
      overscan: 0,
      createRow: (item) => this.createRow(item),
      onRange: (range) => this.onRange(range),
      keyOf: (item) => this.lineOf(item),
    });
    this.vr.setWrap(this.state.wrap);
    this.initControls();
    this.initTime();
    this.initPictures();
    this.initBaseline();
    // A line link in a looser form ("#L7448-", "#L20-L10") is shown in its canonical one.
    if (this.selection && window.location.hash !== formatLineHash(this.selection)) this.updateUrl();
    if (this.state.lineProblem) this.notice('line-link', `${this.state.lineProblem}.`);
    this.showCopyButton();

    // main.js asked the worker for the log and its first rows already (log_open.js).
    for (let line = this.want[0]; line < this.want[1]; ++line) this.pending.add(line);
    if (this.state.severity) this.postFilter(false);
    if (this.state.search) this.runSearch({ navigate: !this.target, initial: true });
    this.log.focus({ preventScroll: true });
  }

  initControls() {
    const $ = this.$;
    const search = $('search');
    search.value = this.state.search;
    $('search-icase').checked = this.state.icase;
    $('search-regex').checked = !this.state.literal;
    $('severity').value = this.state.severity;
    $('context').value = String(this.state.context);
    if ($('context').value !== String(this.state.context)) {
      const option = document.createElement('option');
      option.value = option.textContent = String(this.state.context);
      $('context').append(option);
      $('context').value = String(this.state.context);
    }
    $('context-label').classList.toggle('off', !this.state.severity);
    $('wrap').checked = this.state.wrap;

    let debounce = 0;
    search.addEventListener('input', () => {
      clearTimeout(debounce);
      debounce = setTimeout(() => this.runSearch({ navigate: true }), 300);
    });
    search.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        clearTimeout(debounce);
        if (this.searchIsStale()) this.runSearch({ navigate: true, backward: event.shiftKey });
        else this.find(event.shiftKey);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        this.log.focus({ preventScroll: true });
      }
    });
    $('search-next').addEventListener('click', () => this.find(false));
    $('search-prev').addEventListener('click', () => this.find(true));
    $('search-icase').addEventListener('change', () => this.runSearch({ navigate: false }));
    $('search-regex').addEventListener('change', () => this.runSearch({ navigate: false }));
    $('severity').addEventListener('change', () => {
      this.state.severity = $('severity').value;
      $('context-label').classList.toggle('off', !this.state.severity);
      this.updateUrl();
      this.postFilter(true);
    });
    $('context').addEventListener('change', () => {
      this.state.context = Number($('context').value);
      this.updateUrl();
      if (this.state.severity) this.postFilter(true);
    });
    $('wrap').addEventListener('change', () => this.setWrap($('wrap').checked));
    $('download').addEventListener('click', () => this.worker.postMessage({ op: 'download', seq: 0 }));
    $('copy-lines').addEventListener('click', () => this.copySelection());

    this.log.addEventListener('click', (event) => this.onClick(event));
    // A permalink waits for its line; the reader taking over the scrollbar cancels that wait.
    const cancelJump = () => {
      if (this.target && !this.jumped) this.jumped = true;
    };
    this.log.addEventListener('wheel', cancelJump, { passive: true });
    this.log.addEventListener('touchmove', cancelJump, { passive: true });
    this.log.addEventListener('pointerdown', (event) => {
      if (event.target === this.log) cancelJump();  // the scrollbar itself
    });
    this.cancelJump = cancelJump;
    window.addEventListener('hashchange', () => {
      const selection = parseLineHash(window.location.hash);
      const problem = lineHashProblem(window.location.hash);
      this.notice('line-link', problem ? `${problem}.` : null);
      if (!selection) return;
      this.setSelection(selection);
      this.target = { ...selection };
      this.jumped = false;
      this.tryJump();
    });
  }

  itemCount() {
    return this.filter ? this.filter.size : this.lines;
  }

  lineOf(item) {
    return this.filter ? this.filter.lines[item] : item;
  }

  // The item showing `line`, or the first one after it (the count when none).
  itemOf(line) {
    if (!this.filter) return Math.min(line, this.lines);
    return lowerBound(this.filter.lines, this.filter.size, line);
  }

  topLine() {
    if (this.itemCount() === 0) return 0;
    return this.lineOf(Math.min(this.vr.topItem(), this.itemCount() - 1));
  }

  onMessage(message) {
    switch (message.op) {
      case 'progress': this.onProgress(message); break;
      case 'rows': this.onRows(message); break;
      case 'search': this.onSearch(message); break;
      case 'found': this.onFound(message); break;
      case 'found-level': this.onFoundLevel(message); break;
      case 'filter': this.onFilter(message); break;
      case 'text': this.onText(message); break;
      case 'download': this.onDownload(message); break;
      case 'time': this.onTime(message); break;
      case 'timeOf': this.onTimeOf(message); break;
      case 'overview': this.onOverview(message); break;
      case 'stripTarget': this.onStripTarget(message); break;
      case 'baseline': this.onBaseline(message); break;
      default: break;
    }
  }

  onProgress(p) {
    if (!this.progress) performance.mark('logstow:first-progress');
    this.workerPhases = p.phases;  // the worker's steps and costs (viewer_worker.js), for the bench
    this.workerWork = p.work;
    // A terminal capture's last rows change while it streams: forget those drawn from them.
    if (this.progress && this.progress.stable < this.progress.lines) this.forgetRowsFrom(this.progress.stable);
    if (p.rows) this.onRows(p.rows);
    this.lines = p.lines;
    this.done = p.done;
    this.progress = p;
    if (!this.filter) this.vr.setCount(p.lines);
    const digits = `${Math.max(4, String(p.lines).length)}ch`;
    if (digits !== this.gutterWidth) {
      this.gutterWidth = digits;
      this.log.style.setProperty('--gutter-w', digits);
    }
    document.body.dataset.state = p.done ? 'done' : 'streaming';
    this.updateMeta();
    this.updateChips(p.counts);
    this.counts = p.counts || this.counts;
    this.updateFilterEmpty();
    if (p.search) this.updateSearch(p.search);
    if (p.warning) this.notice('warning', p.warning);
    if (p.rulesWarning) this.notice('rules', p.rulesWarning);
    if (p.binary) {
      this.notice('binary', 'This looks like a binary file, not a log (many control bytes); the raw link may serve it better.');
    }
    this.tryJump();
    if (p.done && p.lines === 0) this.notice('empty', 'This log is empty (0 bytes).');
    if (p.done) {
      performance.mark('logstow:indexed');
      document.body.dataset.ready = 'true';
      this.$('progress').hidden = true;
      this.onComplete();
      if (this.searchAfter && this.searchAfter.whenDone) {
        const after = this.searchAfter;
        this.searchAfter = null;
        if (!this.jumped || !this.target) this.find(after.backward, true);
      }
    }
  }

  // The log is all in: what needs the whole log (time jump, pictures, baseline) starts now.
  onComplete() {
    if (this.completed) return;
    this.completed = true;
    if (this.selection) this.showCopyButton();  // its count, now that the log's end is known
    this.jumpToTimeWhenLoaded();
    this.requestOverview();
    this.compareWithBaselineWhenLoaded();
  }

  updateMeta() {
    const p = this.progress;
    const parts = [countOf(p.lines, 'line'), formatBytes(p.bytes)];
    // Line numbers count the rows of the screen a terminal would leave, not raw lines.
    if (p.terminal) parts[0] += ` (terminal screen of ${countOf(p.rawLines, 'raw line')})`;
    if (p.gzip) parts.push('gzip');
    if (!p.done) {
      parts.push('loading…');
      if (this.target && !this.jumped) parts.push(`waiting for line ${fmt(this.target.first)}`);
    }
    this.$('file-meta').textContent = parts.join(' · ');
    const bar = this.$('progress');
    const knownTotal = p.total > 0 && (p.gzip || !p.encoded) && p.received <= p.total;
    bar.classList.toggle('indeterminate', !knownTotal);
    if (knownTotal) this.$('progress-bar').style.width = `${(100 * p.received / p.total).toFixed(1)}%`;
  }

  // Shows (or, with text null, removes) the notice `key` above the log.
  notice(key, text) {
    if (text === null) {
      if (!this.notices.has(key)) return;
      this.notices.delete(key);
    } else {
      if (this.notices.get(key) === text) return;
      this.notices.set(key, text);
    }
    const box = this.$('notice');
    box.replaceChildren();
    for (const [k, value] of this.notices) {
      const p = document.createElement('p');
      p.dataset.notice = k;
      p.textContent = value;
      box.append(p);
    }
    box.hidden = this.notices.size === 0;
  }

  onDownload(message) {
    const a = document.createElement('a');
    const href = URL.createObjectURL(message.blob);
    a.href = href;
    let name = fileName(this.url) || 'log.txt';
    if (this.progress && this.progress.gzip) name = name.replace(/\.gz$/i, '');
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(href), 60000);
  }
}

// The parts' methods become FileView's, so each part calls the others through `this`.
for (const part of [FileRows, FileFilter, FileSearch, FileSelection, FileKeys, FileTime, FilePictures,
  FileBaseline]) {
  for (const name of Object.getOwnPropertyNames(part.prototype)) {
    if (name === 'constructor') continue;
    Object.defineProperty(FileView.prototype, name, Object.getOwnPropertyDescriptor(part.prototype, name));
  }
}

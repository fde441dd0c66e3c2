// The log view: rows drawn from the worker's JSON span lists (virtual_rows.js keeps ~100 in the
// DOM), line numbers and #L selections, severity colours and the minimum-severity filter with
// context, whole-file search with next/previous, wrap, raw/download/copy, keyboard.
//
// Lines are 0-based in code and in worker messages, 1-based on screen and in #L links. "Items"
// are what the scroller counts: every line, or only the lines a severity filter shows.
// Log text reaches the DOM only through textContent / text nodes; a link is an <a> only when
// its href is an absolute http(s) URL.
import { VirtualRows } from './virtual_rows.js';
import { LEVEL, countOf, fileName, formatCount, formatLineHash, formatViewerUrl, parseLineHash } from './url_state.js';

const ROW_HEIGHT = 18;          // px; viewer.css --row-h
const MAX_ROW_CHARS = 100000;   // longer lines show this much until "show all"
const CACHE_LIMIT = 5000;       // rendered rows kept on the main thread
const OVERSCAN = 30;            // rows drawn above and below the screen
const SAFE_HREF = /^https?:\/\/[^\s"<>]+$/i;
const HEX_COLOR = /^#[0-9a-f]{6}$/i;

const fmt = formatCount;

export function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    ++u;
  }
  return `${v.toFixed(1)} ${units[u]}`;
}

// xterm's 256-colour palette above the 16 named colours (those are themed in viewer.css).
function paletteColor(n) {
  if (n < 232) {
    const i = n - 16;
    const level = (x) => (x === 0 ? 0 : 55 + x * 40);
    return `rgb(${level(Math.floor(i / 36))},${level(Math.floor(i / 6) % 6)},${level(i % 6)})`;
  }
  const grey = 8 + (n - 232) * 10;
  return `rgb(${grey},${grey},${grey})`;
}

function lowerBound(array, size, value) {
  let lo = 0;
  let hi = size;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (array[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class FileView {
  constructor(dom, url, state, folderProbe) {
    this.dom = dom;
    this.$ = dom.$;
    this.worker = dom.worker;
    this.url = url;
    this.folderProbe = folderProbe;
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

  // --- setup -----------------------------------------------------------------------------------

  start() {
    const $ = this.$;
    this.dom.setMode('file');
    document.body.dataset.state = 'loading';
    $('file-tools').hidden = false;
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
    });
    this.vr.setWrap(this.state.wrap);
    this.initControls();
    // A line link in a looser form ("#L7448-", "#L20-L10") is shown in its canonical one.
    if (this.selection && window.location.hash !== formatLineHash(this.selection)) this.updateUrl();

    const screen = Math.ceil((this.log.clientHeight || 800) / ROW_HEIGHT);
    let want = [0, screen + 30];
    if (this.target) {
      const line = this.target.first - 1;
      want = [Math.max(0, line - screen), line + screen + 30];
    }
    for (let line = want[0]; line < want[1]; ++line) this.pending.add(line);
    this.worker.postMessage({ op: 'open', url: this.url.href, want, folderProbe: this.folderProbe });
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
      if (!selection) return;
      this.setSelection(selection);
      this.target = { ...selection };
      this.jumped = false;
      this.tryJump();
    });
  }

  // --- items and lines -------------------------------------------------------------------------

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

  // --- rows ------------------------------------------------------------------------------------

  createRow(item) {
    const line = this.lineOf(item);
    const data = this.cache.get(line);
    const row = document.createElement('div');
    let classes = 'row';
    if (data) {
      classes += ` sev-${data.severity.toLowerCase()}`;
      if (data.inherited) classes += ' inh';
    } else {
      classes += ' pending';
    }
    const shown = line + 1;
    if (this.selection && shown >= this.selection.first && shown <= this.selection.last) {
      classes += ' sel';
    }
    if (line === this.currentHit) classes += ' hit';
    if (this.filter && item > 0) {
      const hidden = line - this.lineOf(item - 1) - 1;
      if (hidden > 0) {
        classes += ' gap';
        row.title = `${countOf(hidden, 'line')} hidden above`;
      }
    }
    row.className = classes;
    row.dataset.line = String(shown);
    const number = document.createElement('a');
    number.className = 'ln';
    number.href = `#L${shown}`;
    number.textContent = String(shown);
    if (data && data.source) {
      const [a, b] = data.source;
      number.title = `screen row ${fmt(shown)}, drawn by raw line${a === b ? ` ${fmt(a)}` : `s ${fmt(a)}–${fmt(b)}`}`;
    }
    const text = document.createElement('span');
    text.className = 'tx';
    if (data) {
      this.fillText(text, data, line);
      this.drewText = true;
    }
    row.append(number, text);
    return row;
  }

  fillText(container, row, line) {
    const text = row.text;
    let limit = text.length;
    const capped = limit > MAX_ROW_CHARS && !this.expanded.has(line);
    if (capped) {
      limit = MAX_ROW_CHARS;
      const code = text.charCodeAt(limit - 1);
      if (code >= 0xd800 && code <= 0xdbff) limit -= 1;  // not inside a surrogate pair
    }
    for (const [begin, end0, classes, href, fg, bg] of row.segments) {
      if (begin >= limit) break;
      const end = Math.min(end0, limit);
      const piece = text.slice(begin, end);
      if (!classes && !href && !fg && !bg) {
        container.append(piece);
        continue;
      }
      let element;
      if (href && SAFE_HREF.test(href)) {
        element = document.createElement('a');
        element.href = href;
        element.rel = 'noopener noreferrer nofollow';
        element.target = '_blank';
      } else {
        element = document.createElement('span');
      }
      if (classes) {
        element.className = classes;
        for (const m of classes.matchAll(/\b(fg|bg)-(\d+)\b/g)) {
          const n = Number(m[2]);
          if (n >= 16 && n <= 255) {
            if (m[1] === 'fg') element.style.color = paletteColor(n);
            else element.style.backgroundColor = paletteColor(n);
          }
        }
        if (classes.includes('hl-request-id')) element.title = 'Click to search for this id';
      }
      if (fg && HEX_COLOR.test(fg)) element.style.color = fg;
      if (bg && HEX_COLOR.test(bg)) element.style.backgroundColor = bg;
      element.textContent = piece;
      container.append(element);
    }
    if (row.giantBytes) {
      const note = document.createElement('span');
      note.className = 'giant';
      note.textContent = ` … a line of ${formatBytes(row.giantBytes)}, shown in part and unhighlighted; Raw has all of it`;
      container.append(note);
      return;
    }
    if (capped) {
      const more = document.createElement('button');
      more.type = 'button';
      more.className = 'more';
      more.textContent = `… ${countOf(text.length - limit, 'more character', 'more characters')}: show all`;
      container.append(more);
    }
  }

  onRange(range) {
    this.requestRows(range.first, range.last);
    this.markFirstRows();
  }

  // Asks the worker for the drawn items' rows that are neither cached nor on their way, as runs
  // of consecutive lines.
  requestRows(firstItem, lastItem) {
    let runStart = -1;
    let runEnd = -1;
    const flush = () => {
      if (runStart < 0) return;
      this.worker.postMessage({ op: 'rows', id: ++this.requestId, first: runStart, last: runEnd });
      runStart = runEnd = -1;
    };
    for (let item = firstItem; item < lastItem; ++item) {
      const line = this.lineOf(item);
      if (line >= this.lines || this.cache.has(line) || this.pending.has(line)) continue;
      this.pending.add(line);
      if (line !== runEnd) flush();
      if (runStart < 0) runStart = line;
      runEnd = line + 1;
    }
    flush();
  }

  onRows(message) {
    for (let line = message.first; line < message.last; ++line) this.pending.delete(line);
    if (message.gen !== this.gen) {
      this.vr.schedule();
      return;
    }
    const rows = JSON.parse(message.json).rows;
    const items = [];
    for (const row of rows) {
      const line = row.line - 1;
      this.cache.set(line, row);
      const item = this.itemOf(line);
      if (item >= this.vr.first && item < this.vr.last && this.lineOf(item) === line) items.push(item);
    }
    this.trimCache();
    if (items.length) this.vr.refresh(items);
  }

  trimCache() {
    if (this.cache.size <= CACHE_LIMIT) return;
    const keepFrom = this.lineOf(this.vr.first);
    const keepTo = this.lineOf(Math.max(this.vr.first, this.vr.last - 1));
    for (const line of this.cache.keys()) {
      if (this.cache.size <= CACHE_LIMIT * 0.8) break;
      if (line < keepFrom || line > keepTo) this.cache.delete(line);
    }
  }

  markFirstRows() {
    if (this.firstRowsMarked || !this.drewText) return;
    this.firstRowsMarked = true;
    // This runs in the frame that draws the rows; a task queued now runs once that frame has
    // been rendered: the moment the first rows are on screen. Then the worker, which paused for
    // this, goes on with the rest of the log.
    setTimeout(() => {
      this.worker.postMessage({ op: 'drawn' });
      performance.mark('logstow:first-rows');
      document.body.dataset.firstRows = 'true';
      this.vr.overscan = OVERSCAN;  // the first screen was drawn alone; now rows around it too
      this.vr.schedule();
    }, 0);
  }

  // Redraws the rows of these lines if they are drawn.
  refreshLines(lines) {
    const items = [];
    for (const line of lines) {
      if (line < 0) continue;
      const item = this.itemOf(line);
      if (item < this.itemCount() && this.lineOf(item) === line) items.push(item);
    }
    this.vr.refresh(items);
  }

  // --- progress ------------------------------------------------------------------------------

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
      default: break;
    }
  }

  onProgress(p) {
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
    if (p.binary) {
      this.notice('binary', 'This looks like a binary file, not a log (many control bytes); the raw link may serve it better.');
    }
    this.tryJump();
    if (p.done && p.lines === 0) this.notice('empty', 'This log is empty (0 bytes).');
    if (p.done) {
      performance.mark('logstow:indexed');
      document.body.dataset.ready = 'true';
      this.$('progress').hidden = true;
      if (this.searchAfter && this.searchAfter.whenDone) {
        const after = this.searchAfter;
        this.searchAfter = null;
        if (!this.jumped || !this.target) this.find(after.backward, true);
      }
    }
  }

  // Drops cached rows of lines >= `line` and asks again for those on screen.
  forgetRowsFrom(line) {
    let dropped = false;
    for (const cached of this.cache.keys()) {
      if (cached >= line) {
        this.cache.delete(cached);
        dropped = true;
      }
    }
    if (dropped) this.requestRows(this.vr.first, this.vr.last);
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

  updateChips(counts) {
    if (!counts) return;
    const chips = this.$('chips');
    // A traceback is an ERROR record (viewer/severity.h), so the ERROR chip reaches tracebacks.
    const wanted = [['CRITICAL', 'CRITICAL'], ['ERROR', 'ERROR'], ['WARNING', 'WARNING']];
    if (!this.chipButtons) {
      this.chipButtons = new Map();
      for (const [level, label] of wanted) {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = `chip sev-${level.toLowerCase()}`;
        button.hidden = true;
        button.dataset.level = level;
        button.addEventListener('click', (event) => {
          this.jumpToLevel(LEVEL[level], event.shiftKey);
        });
        this.chipButtons.set(level, { button, label });
        chips.append(button);
      }
    }
    for (const [level, { button, label }] of this.chipButtons) {
      const n = counts[level] || 0;
      button.hidden = n === 0;
      button.textContent = `${label} ${fmt(n)}`;
      button.title = `${countOf(n, 'line')} at ${level} (messages and their continuation lines). Click: next one; Shift+click: previous.`;
    }
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

  // A permalink's line arrived (or the log ended without it): scroll there once.
  tryJump() {
    if (!this.target || this.jumped) return;
    const line = this.target.first - 1;
    if (line < this.lines) {
      this.jumped = true;
      // The linked line near the top, with the one line before it for context (the reader
      // reads down from there; a range's first line leads).
      const item = this.itemOf(line);
      if (item < this.itemCount()) this.vr.scrollToItem(Math.max(0, item - 1), 'top');
      document.body.dataset.jumped = String(this.target.first);
    } else if (this.done) {
      this.jumped = true;
      this.notice('past-end', `Line ${fmt(this.target.first)} is past the end of this log (${countOf(this.lines, 'line')}).`);
    }
  }

  // --- selection -----------------------------------------------------------------------------

  onClick(event) {
    const number = event.target.closest('a.ln');
    if (number) {
      if (event.button !== 0 || event.ctrlKey || event.metaKey || event.altKey) return;
      event.preventDefault();
      this.cancelJump();
      const line = Number(number.parentElement.dataset.line);
      this.select(line, event.shiftKey);
      return;
    }
    const more = event.target.closest('button.more');
    if (more) {
      const line = Number(more.closest('.row').dataset.line) - 1;
      this.expanded.add(line);
      this.refreshLines([line]);
      return;
    }
    const id = event.target.closest('.hl-request-id');
    if (id && String(window.getSelection()) === '') {
      this.$('search').value = id.textContent;
      this.$('search-regex').checked = false;
      this.runSearch({ navigate: true });
    }
  }

  select(line, extend) {
    if (extend && this.selectionAnchor !== null) {
      const a = this.selectionAnchor;
      this.setSelection({ first: Math.min(a, line), last: Math.max(a, line) }, true);
    } else {
      this.selectionAnchor = line;
      this.setSelection({ first: line, last: line }, true);
    }
  }

  setSelection(selection, fromClick = false) {
    const old = this.selection;
    this.selection = selection;
    this.state.selection = selection;
    if (!fromClick || !selection) this.selectionAnchor = selection ? selection.first : null;
    this.updateUrl();
    for (const [item, row] of this.vr.rows) {
      const shown = this.lineOf(item) + 1;
      row.classList.toggle('sel', Boolean(selection) && shown >= selection.first && shown <= selection.last);
    }
    this.$('copy-lines').hidden = !selection;
    if (selection) {
      const n = selection.last - selection.first + 1;
      this.$('copy-lines').textContent = n === 1 ? 'Copy line' : `Copy ${fmt(n)} lines`;
    }
    // A filter keeps the selected lines visible: refilter if the selection holds hidden lines.
    if (this.filter && selection && (!old || old.first !== selection.first || old.last !== selection.last)) {
      const item = this.itemOf(selection.first - 1);
      const covered = this.filter.size - item >= selection.last - selection.first + 1 &&
        this.lineOf(item) === selection.first - 1 &&
        this.lineOf(item + selection.last - selection.first) === selection.last - 1;
      if (!covered) this.postFilter(false);
    }
  }

  copySelection() {
    if (!this.selection) return;
    this.worker.postMessage({ op: 'text', seq: ++this.copySeq, first: this.selection.first - 1,
      last: this.selection.last });
  }

  async onText(message) {
    let ok = false;
    try {
      await navigator.clipboard.writeText(message.text);
      ok = true;
    } catch {
      // No clipboard API (an http: page): the textarea route still works in Chromium/Firefox.
      const area = document.createElement('textarea');
      area.value = message.text;
      area.className = 'offscreen';
      document.body.append(area);
      area.select();
      ok = document.execCommand('copy');
      area.remove();
    }
    this.$('copy-lines').textContent = ok ? 'Copied' : 'Copy failed';
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

  updateUrl() {
    window.history.replaceState(null, '', formatViewerUrl(this.state));
  }

  setWrap(wrap) {
    this.state.wrap = wrap;
    this.$('wrap').checked = wrap;
    this.updateUrl();
    this.vr.setWrap(wrap);
  }

  // --- severity filter -------------------------------------------------------------------------

  postFilter(keepPlace) {
    this.filterSeq += 1;
    this.filterAnchor = keepPlace ? this.topLine() : null;
    const selection = this.selection;
    if (!this.state.severity) {
      const anchor = this.topLine();
      this.filter = null;
      this.vr.reset(this.lines);
      this.vr.scrollToItem(Math.min(anchor, Math.max(0, this.lines - 1)), 'top');
      this.worker.postMessage({ op: 'filter', seq: this.filterSeq, min: 0 });
      this.updateFilterEmpty();
      return;
    }
    if (!keepPlace && this.target && !this.jumped) this.filterAnchor = null;
    this.filter = { lines: new Uint32Array(1024), size: 0 };
    this.vr.reset(0);
    this.updateFilterEmpty();
    this.worker.postMessage({ op: 'filter', seq: this.filterSeq, min: LEVEL[this.state.severity],
      context: this.state.context,
      keep: selection ? [selection.first - 1, selection.last - 1] : null });
  }

  onFilter(message) {
    if (message.seq !== this.filterSeq || !this.filter || message.off) return;
    const f = this.filter;
    const part = message.lines;
    if (f.size + part.length > f.lines.length) {
      let capacity = f.lines.length * 2;
      while (capacity < f.size + part.length) capacity *= 2;
      const bigger = new Uint32Array(capacity);
      bigger.set(f.lines.subarray(0, f.size));
      f.lines = bigger;
    }
    f.lines.set(part, f.size);
    f.size += part.length;
    this.vr.setCount(f.size);
    if (this.filterAnchor !== null) {
      const item = lowerBound(f.lines, f.size, this.filterAnchor);
      if (item < f.size) {
        this.filterAnchor = null;
        this.vr.scrollToItem(item, 'top');
      }
    }
    this.tryJump();
    this.$('file-meta').dataset.shown = String(f.size);
    this.updateFilterEmpty();
  }

  // A filter that hides every line says so (instead of an empty page that looks broken). Decided
  // from the whole log's counts (the worker's filter rule: the level and up), so only once the log is in; lines kept for a permalink count as shown.
  updateFilterEmpty() {
    const level = this.state.severity;
    let text = null;
    if (this.filter && level && this.done && this.counts && this.filter.size === 0) {
      const min = LEVEL[level];
      let passing = 0;
      for (const [name, value] of Object.entries(LEVEL)) {
        if (value >= min) passing += this.counts[name] || 0;
      }
      if (passing === 0) {
        const which = level === 'CRITICAL' ? 'CRITICAL' : `${level} or above`;
        text = `No lines at ${which}: all ${countOf(this.lines, 'line')} of this log are hidden by the filter. Choose a lower level to see them.`;
        if (this.lines === 1) text = `No lines at ${which}: the only line of this log is hidden by the filter. Choose a lower level to see it.`;
      }
    }
    this.notice('filter-empty', text);
  }

  // --- search ----------------------------------------------------------------------------------

  searchIsStale() {
    const info = this.searchInfo;
    const literal = !this.$('search-regex').checked;
    return !info || info.pattern !== this.$('search').value || info.icase !== this.$('search-icase').checked ||
      info.literal !== literal;
  }

  runSearch({ navigate, backward = false, initial = false }) {
    const pattern = this.$('search').value;
    this.state.search = pattern;
    this.state.icase = this.$('search-icase').checked;
    this.state.literal = !this.$('search-regex').checked;
    this.updateUrl();
    this.searchSeq += 1;
    this.searchAfter = navigate ? { backward, initial } : null;
    const status = this.$('search-status');
    status.textContent = pattern ? 'searching…' : '';
    status.classList.remove('error');
    delete status.dataset.count;
    this.worker.postMessage({ op: 'search', seq: this.searchSeq, pattern, icase: this.state.icase,
      literal: this.state.literal });
  }

  onSearch(message) {
    this.gen = message.gen;
    this.cache.clear();
    this.pending.clear();
    const previousHit = this.currentHit;
    this.currentHit = -1;
    this.vr.refresh();
    if (message.seq !== this.searchSeq) return;
    this.searchInfo = message.search || { pattern: '', icase: false, literal: false };
    this.updateSearch(message.search);
    const after = this.searchAfter;
    if (!after || !message.search || !message.search.ok) {
      this.searchAfter = null;
      return;
    }
    if (after.initial && !this.done) {
      this.searchAfter = { ...after, whenDone: true };  // go to the first hit once all is in
      return;
    }
    this.searchAfter = null;
    if (message.search.matchCount > 0 || !this.done) this.find(after.backward, true);
    if (previousHit >= 0) this.refreshLines([previousHit]);
  }

  updateSearch(search) {
    const status = this.$('search-status');
    status.classList.remove('error');
    if (!search) {
      status.textContent = '';
      return;
    }
    if (this.searchInfo && search.pattern !== this.searchInfo.pattern) return;
    if (!search.ok) {
      status.textContent = search.error;
      status.classList.add('error');
      return;
    }
    this.searchInfo = { ...this.searchInfo, ...search };
    const count = search.matchCount;
    let text;
    if (count === 0) text = search.partial ? 'no matches yet' : 'no matches';
    else if (this.currentOrdinal) text = `${fmt(this.currentOrdinal)} of ${fmt(count)}`;
    else text = countOf(count, 'match', 'matches');
    if (search.partial && count > 0) text += ' so far';
    status.textContent = text;
    status.title = `${countOf(count, 'match', 'matches')} on ${countOf(search.lineCount, 'line')}`;
    status.dataset.count = String(count);
    status.dataset.lines = String(search.lineCount);
    status.dataset.partial = String(search.partial);
  }

  // Next/previous hit. `fromView`: start at the top of the view rather than at the current hit.
  find(backward, fromView = false) {
    if (!this.searchInfo || !this.searchInfo.pattern) return;
    if (this.searchIsStale()) {
      this.runSearch({ navigate: true, backward });
      return;
    }
    let from;
    if (!fromView && this.currentHit >= 0) from = this.currentHit;
    else from = backward ? this.topLine() : this.topLine() - 1;
    this.worker.postMessage({ op: 'find', seq: ++this.findSeq, from, backward });
  }

  onFound(message) {
    if (message.seq !== this.findSeq) return;
    const previous = this.currentHit;
    if (message.line < 0) {
      this.currentOrdinal = 0;
      const status = this.$('search-status');
      if (this.searchInfo && this.searchInfo.matchCount > 0 && this.filter) {
        status.textContent = `${countOf(this.searchInfo.matchCount, 'match', 'matches')}, none in the lines shown`;
      }
      return;
    }
    this.currentHit = message.line;
    this.cursorLine = message.line;
    this.currentOrdinal = message.ordinal;
    this.refreshLines([previous, message.line]);
    const item = this.itemOf(message.line);
    if (!this.vr.isVisible(item)) this.vr.scrollToItem(item, 'center');
    else this.vr.draw();  // the hit's row restyled now, with the status below
    this.cancelJump();
    if (this.searchInfo) this.updateSearch(this.searchInfo);
    if (message.wrapped) {
      this.$('search-status').textContent += message.ordinal ? ' (wrapped)' : '';
    }
    this.log.dataset.currentHit = String(message.line + 1);
  }

  // --- level navigation ------------------------------------------------------------------------

  jumpToLevel(min, backward) {
    let from = this.cursorLine;
    const top = this.topLine();
    if (from < 0 || !this.vr.isVisible(this.itemOf(from))) from = backward ? top : top - 1;
    this.worker.postMessage({ op: 'level', seq: 0, from, backward, min });
  }

  onFoundLevel(message) {
    if (message.line < 0) return;
    this.cursorLine = message.line;
    this.cancelJump();
    const item = this.itemOf(message.line);
    if (item < this.itemCount()) this.vr.scrollToItem(item, 'third');
    const row = this.vr.rows.get(item);
    if (row) {
      row.classList.remove('flash');
      requestAnimationFrame(() => row.classList.add('flash'));
    }
  }

  // --- keyboard --------------------------------------------------------------------------------

  onKey(event, typing) {
    if (typing) return false;  // the search and go-to fields handle their own keys
    const page = Math.max(ROW_HEIGHT, this.log.clientHeight - 2 * ROW_HEIGHT);
    const logFocused = document.activeElement === this.log;
    switch (event.key) {
      case '/':
        this.$('search').focus();
        this.$('search').select();
        return true;
      case 'n': this.find(false); return true;
      case 'N': this.find(true); return true;
      case 'e': this.jumpToLevel(LEVEL.ERROR, false); return true;
      case 'E': this.jumpToLevel(LEVEL.ERROR, true); return true;
      case 'w': this.jumpToLevel(LEVEL.WARNING, false); return true;
      case 'W': this.jumpToLevel(LEVEL.WARNING, true); return true;
      case 'j': this.cancelJump(); this.vr.scrollByPixels(ROW_HEIGHT); return true;
      case 'k': this.cancelJump(); this.vr.scrollByPixels(-ROW_HEIGHT); return true;
      case 'ArrowDown': case 'ArrowUp': case 'PageDown': case 'PageUp': case ' ':
        this.cancelJump();
        if (logFocused) return false;  // the browser scrolls the focused log itself
        this.vr.scrollByPixels({ ArrowDown: ROW_HEIGHT, ArrowUp: -ROW_HEIGHT, PageDown: page,
          PageUp: -page, ' ': event.shiftKey ? -page : page }[event.key]);
        return true;
      case 'g': case 'Home':
        this.cancelJump();
        this.vr.scrollToItem(0, 'top');
        return true;
      case 'G': case 'End':
        this.cancelJump();
        this.vr.scrollToItem(this.itemCount() - 1, 'top');
        return true;
      case ':':
        this.promptLine();
        return true;
      case 'c':
        this.copySelection();
        return Boolean(this.selection);
      case 'z':
        this.setWrap(!this.state.wrap);
        return true;
      case 'Escape':
        if (this.selection) {
          this.setSelection(null);
          return true;
        }
        return false;
      default:
        return false;
    }
  }

  promptLine() {
    // A small inline field rather than window.prompt: it does not block the page.
    let input = this.$('goto');
    if (!input) {
      input = document.createElement('input');
      input.id = 'goto';
      input.type = 'text';
      input.inputMode = 'numeric';
      input.className = 'goto';
      input.placeholder = 'line';
      input.setAttribute('aria-label', 'Go to line');
      input.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          const n = Number(input.value.replace(/[^0-9]/g, ''));
          input.hidden = true;
          this.log.focus({ preventScroll: true });
          if (n >= 1) {
            this.setSelection({ first: n, last: n });
            this.target = { first: n, last: n };
            this.jumped = false;
            this.tryJump();
          }
        } else if (event.key === 'Escape') {
          input.hidden = true;
          this.log.focus({ preventScroll: true });
        }
      });
      input.addEventListener('blur', () => {
        input.hidden = true;
      });
      this.$('file-tools').querySelector('.view-box').prepend(input);
    }
    input.value = '';
    input.hidden = false;
    input.focus();
  }
}

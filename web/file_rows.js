// The log view's rows (part of FileView, file_view.js): a row element from the worker's JSON span
// list (severity class, line number link, text with highlight spans and safe links), the row
// cache, asking the worker for the rows the scroller draws, and the first-rows mark.
// Log text reaches the DOM only through textContent / text nodes; a link is an <a> only when
// its href is an absolute http(s) URL.
import { countOf, formatCount } from './url_state.js';
import { formatBytes } from './format.js';
import { removePreview } from './log_preview.js';

const MAX_ROW_CHARS = 100000;   // longer lines show this much until "show all"
const CACHE_LIMIT = 5000;       // rendered rows kept on the main thread
const OVERSCAN = 30;            // rows drawn above and below the screen
const SAFE_HREF = /^https?:\/\/[^\s"<>]+$/i;
const HEX_COLOR = /^#[0-9a-f]{6}$/i;

const fmt = formatCount;

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

export class FileRows {
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
    this.decorateRow(row, line);
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
    removePreview();  // in the frame that draws the rows that replace it
    performance.mark('logstow:first-rows-built');
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
}

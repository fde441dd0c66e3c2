// The log view's severity filter and level chips (part of FileView, file_view.js): the worker
// sends the lines a "LEVEL and up" filter shows (with context and the selected lines) in parts as
// the log streams; the scroller then counts only those. A filter that hides everything says so.
import { LEVEL, countOf, formatCount } from './url_state.js';
import { lowerBound } from './format.js';

const fmt = formatCount;

export class FileFilter {
  postFilter(keepPlace) {
    this.filterSeq += 1;
    this.filterAnchor = keepPlace ? this.topLine() : null;
    const selection = this.selection;
    if (!this.state.severity && !this.state.newOnly) {
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
    this.worker.postMessage({ op: 'filter', seq: this.filterSeq, min: LEVEL[this.state.severity] || 0,
      newOnly: Boolean(this.state.newOnly),
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
}

// The log view's selection and permalinks (part of FileView, file_view.js): click and
// Shift+click on line numbers select lines, the address becomes #L<first>-L<last> (with the
// view's other state: severity, search, wrap), a permalink scrolls to its line once it has
// arrived, and the selected lines can be copied.
import { countOf, formatCount, formatViewerUrl } from './url_state.js';

const fmt = formatCount;

export class FileSelection {
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
      // And its trail across the build (trail_offer.js, loaded only when an id is clicked).
      const text = id.textContent;
      import('./trail_offer.js').then(({ offerTrail }) => offerTrail(this, text));
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
    if (selection) this.notice('line-link', null);  // the address's line link is a good one now
    if (!fromClick || !selection) this.selectionAnchor = selection ? selection.first : null;
    this.updateUrl();
    for (const [item, row] of this.vr.rows) {
      const shown = this.lineOf(item) + 1;
      row.classList.toggle('sel', Boolean(selection) && shown >= selection.first && shown <= selection.last);
    }
    this.showCopyButton();
    // A filter keeps the selected lines visible: refilter if the selection holds hidden lines.
    if (this.filter && selection && (!old || old.first !== selection.first || old.last !== selection.last)) {
      const item = this.itemOf(selection.first - 1);
      const covered = this.filter.size - item >= selection.last - selection.first + 1 &&
        this.lineOf(item) === selection.first - 1 &&
        this.lineOf(item + selection.last - selection.first) === selection.last - 1;
      if (!covered) this.postFilter(false);
    }
  }

  // "Copy N lines" while lines are selected (a click, or the #L link the page opened with).
  showCopyButton() {
    const selection = this.selection;
    this.$('copy-lines').hidden = !selection;
    if (selection) {
      // A link's range past the log's end (#L2-L99 of 5 lines) copies the lines there are.
      const last = this.done ? Math.min(selection.last, this.lines) : selection.last;
      const n = Math.max(1, last - selection.first + 1);
      this.$('copy-lines').textContent = n === 1 ? 'Copy line' : `Copy ${fmt(n)} lines`;
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

  updateUrl() {
    window.history.replaceState(null, '', formatViewerUrl(this.state));
  }

  setWrap(wrap) {
    this.state.wrap = wrap;
    this.$('wrap').checked = wrap;
    this.updateUrl();
    this.vr.setWrap(wrap);
  }
}

// The log view's search and level navigation (part of FileView, file_view.js): the worker runs
// the search over the whole shown text (RE2 or plain); the page keeps the status line, the
// current hit, and next/previous hit or ERROR/WARNING line.
import { countOf, formatCount } from './url_state.js';

const fmt = formatCount;

export class FileSearch {
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
    delete this.log.dataset.currentHit;  // no hit until this search's first is found
    this.vr.refresh();
    if (message.seq !== this.searchSeq) return;
    this.searchInfo = message.search || { pattern: '', icase: false, literal: false };
    this.updateSearch(message.search);
    this.requestOverview();  // the strip shows the hits
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
    // A hit on screen stays where it is (and is restyled now, with the status below); either
    // way it is pinned while the rows around it are measured.
    this.vr.scrollToItem(item, this.vr.isVisible(item) ? 'nearest' : 'center');
    this.cancelJump();
    if (this.searchInfo) this.updateSearch(this.searchInfo);
    if (message.wrapped) {
      this.$('search-status').textContent += message.ordinal ? ' (wrapped)' : '';
    }
    this.log.dataset.currentHit = String(message.line + 1);
  }

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
}

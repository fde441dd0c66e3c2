// What is new against a good build, in the folder view (part of FolderView, folder_view.js):
// with &baseline=<the good build's same folder>, each text file of the listing is compared with
// the file of the same name there, in the worker (worker_time.js baseline-count: both streamed
// through line shapes, no text kept), four at a time; each row shows its count of new lines,
// and its link opens the file with &baseline= set to the good build's file. docs/baseline.md.
import { childUrl, formatCount, viewerLink } from './url_state.js';

// Files compared at once: each sends two GETs (its own and the good build's), so Swift's answer
// time overlaps the counting; each holds one good file's shapes (worker_time.js).
const AT_ONCE = 4;
const DRAW_EVERY_MS = 200;

export class FolderBaseline {
  initFolderBaseline(state) {
    this.baseline = state && state.baseline ? state.baseline.replace(/\/?$/, '/') : '';
    this.baselineQueue = [];
    this.baselineRunning = 0;
    this.baselineSeq = 0;
    this.baselineByUrl = new Map();
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
    const good = childUrl(this.baseline, entry.href);
    if (!good) return;
    entry.baselineUrl = good;
    entry.link = `${viewerLink(entry.url)}&baseline=${encodeURIComponent(good)}`;
    entry.newLines = null;  // null: not counted yet
    this.baselineByUrl.set(entry.url, entry);
    this.baselineQueue.push(entry);
  }

  compareNext() {
    while (this.baseline && this.baselineRunning < AT_ONCE && this.baselineQueue.length) {
      const entry = this.baselineQueue.shift();
      this.baselineRunning += 1;
      this.worker.postMessage({ op: 'baseline-count', seq: ++this.baselineSeq, url: entry.url,
        baselineUrl: entry.baselineUrl });
    }
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

  onBaselineCount(message) {
    const entry = this.baselineByUrl.get(message.url);
    this.baselineRunning -= 1;
    if (entry) {
      entry.newLines = message.ok ? message.newLines : -1;
      entry.baselineMissing = Boolean(message.missing);
      entry.baselineError = message.ok ? null : message.error;
    }
    this.compareNext();
  }

  updateBaselineStatus() {
    if (!this.baselineStatus) return;
    const entries = [...this.baselineByUrl.values()];
    const done = entries.filter((e) => e.newLines !== null);
    const total = done.reduce((sum, e) => sum + Math.max(0, e.newLines), 0);
    const finished = done.length === entries.length && this.done;
    this.baselineStatus.textContent = `${finished ? 'Compared' : 'Comparing'} ${formatCount(done.length)} of ${formatCount(entries.length)} files with the good build: ${formatCount(total)} new lines`;
    if (finished) document.body.dataset.baseline = String(total);
  }

  // The count cell on a row folder_view.js just made.
  decorateBaselineRow(nameCell, entry) {
    if (!entry || entry.baselineUrl === undefined) return;
    const badge = document.createElement('span');
    badge.className = 'new-count';
    if (entry.newLines === null) {
      badge.textContent = '…';
      badge.title = 'Comparing with the good build';
    } else if (entry.newLines < 0) {
      badge.textContent = entry.baselineMissing ? 'not in baseline' : 'not compared';
      badge.title = entry.baselineMissing ? 'The good build has no file of this name' :
        `Could not compare: ${(entry.baselineError && entry.baselineError.kind) || 'error'}`;
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

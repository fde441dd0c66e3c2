// What is new against a good build, in the log view (part of FileView, file_view.js): with
// &baseline=<the good build's same log>, once this log is in the worker reads the baseline into
// line shapes (viewer/line_shape.h: numbers, ids, times, temp paths masked) and sends the lines
// whose shape it never had. They are marked, counted, and "New lines only" (&new=1) shows just
// them, with the context lines chosen for the severity filter. docs/baseline.md.
import { countOf, viewerLink } from './url_state.js';

export class FileBaseline {
  initBaseline() {
    this.newFlags = null;
    if (!this.state.baseline) return;
    const box = document.createElement('label');
    box.className = 'toggle new-only';
    box.title = `Only the lines whose shape the good build's log (${this.state.baseline}) never had`;
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.id = 'new-only';
    input.checked = this.state.newOnly;
    input.disabled = true;
    const text = document.createElement('span');
    text.id = 'new-only-label';
    text.textContent = 'New lines only (comparing…)';
    box.append(input, text);
    const link = document.createElement('a');
    link.className = 'baseline-link';
    link.href = viewerLink(this.state.baseline);
    link.textContent = 'baseline';
    link.title = 'Open the good build\'s log';
    this.$('file-tools').querySelector('.filter-box').append(box, link);
    input.addEventListener('change', () => {
      this.state.newOnly = input.checked;
      this.$('context-label').classList.toggle('off', !this.state.severity && !this.state.newOnly);
      this.updateUrl();
      this.postFilter(true);
    });
    this.newOnlyInput = input;
    this.newOnlyLabel = text;
  }

  compareWithBaselineWhenLoaded() {
    if (!this.state.baseline || this.baselineAsked) return;
    this.baselineAsked = true;
    this.baselineSeq = (this.baselineSeq || 0) + 1;
    this.worker.postMessage({ op: 'baseline', seq: this.baselineSeq, url: this.state.baseline });
  }

  onBaseline(message) {
    if (message.seq !== this.baselineSeq) return;
    if (!message.ok) {
      const e = message.error || {};
      this.newOnlyLabel.textContent = 'New lines only (no baseline)';
      this.notice('baseline', `The good build's log could not be read (${e.kind || 'error'}${e.status ? ` HTTP ${e.status}` : ''}: ${e.url || this.state.baseline}); nothing is marked as new.`);
      document.body.dataset.baseline = 'error';
      return;
    }
    this.newFlags = new Uint8Array(this.lines);
    for (const line of message.lines) this.newFlags[line] = 1;
    this.newOnlyInput.disabled = false;
    this.newOnlyLabel.textContent = `New lines only (${countOf(message.lines.length, 'new line')})`;
    this.newOnlyLabel.dataset.newLines = String(message.lines.length);
    this.newOnlyLabel.title = `Against ${countOf(message.baselineLines, 'line')} of the good build (${countOf(message.shapes, 'distinct shape')})`;
    for (const [item, row] of this.vr.rows) this.decorateRow(row, this.lineOf(item));
    if (this.state.newOnly) this.postFilter(false);
    document.body.dataset.baseline = String(message.lines.length);
  }

  decorateNew(row, line) {
    if (this.newFlags && this.newFlags[line]) row.classList.add('new-line');
  }
}

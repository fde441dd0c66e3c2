// Time in the log view (part of FileView, file_view.js): &t= jumps to the first record at or
// after a time; silences between records longer than a threshold are marked on the row after
// them (a hang stands out); a pinned line (click its timestamp) and the time since it for the
// line under the pointer. Times are the core's naive wall-clock times (viewer/timestamp.h): a
// timestamp without a zone is never shifted to the reader's zone, and &t= is read the same way.
import { countOf, formatCount } from './url_state.js';

export const GAP_CHOICES_S = [5, 30, 60, 300, 1800];
export const DEFAULT_GAP_S = 60;

/** 168000 -> "2 min 48 s"; 1500 -> "1.5 s"; 0.25 -> "0.25 ms"… a duration for people. */
export function formatDuration(ms) {
  const sign = ms < 0 ? '−' : '';
  let v = Math.abs(ms);
  if (v < 1000) return `${sign}${Number(v.toFixed(3))} ms`;
  v /= 1000;
  if (v < 60) return `${sign}${Number(v.toFixed(3))} s`;
  const h = Math.floor(v / 3600);
  const m = Math.floor((v % 3600) / 60);
  const s = Math.round(v % 60);
  return `${sign}${h ? `${h} h ` : ''}${m} min${s ? ` ${s} s` : ''}`;
}

/** Naive ms -> "2024-03-01 12:02:49.135" (as written in the log, no zone). */
export function formatNaive(ms) {
  return new Date(ms).toISOString().replace('T', ' ').replace(/Z$/, '');
}

export class FileTime {
  initTime() {
    this.timeSeq = 0;
    this.gapLines = new Map();  // line -> silence before it, ms
    this.gapMs = DEFAULT_GAP_S * 1000;
    this.pinned = null;         // {line, ms}
    const status = document.createElement('output');
    status.id = 'time-status';
    status.className = 'time-status';
    status.setAttribute('aria-live', 'polite');
    this.$('file-tools').querySelector('.view-box').prepend(status);
    this.timeStatus = status;
    this.log.addEventListener('click', (event) => {
      const stamp = event.target.closest && event.target.closest('.hl-timestamp');
      const row = stamp && stamp.closest('.row');
      if (row) this.pinLine(Number(row.dataset.line) - 1);
    });
    let hovered = -1;
    this.log.addEventListener('mouseover', (event) => {
      const row = event.target.closest && event.target.closest('.row');
      if (!row || !this.pinned) return;
      const line = Number(row.dataset.line) - 1;
      if (line === hovered) return;
      hovered = line;
      this.hoverSeq = ++this.timeSeq;
      this.worker.postMessage({ op: 'timeOf', seq: this.hoverSeq, line });
    });
    if (this.state.timeMs === null && this.state.time) {
      this.notice('time', `The time in the link (t=${this.state.time}) is not of the form 2024-03-01T12:02:49; the log opens at the top.`);
    }
  }

  // Once the whole log is in: the &t= jump (a #L selection in the link wins).
  jumpToTimeWhenLoaded() {
    if (this.state.timeMs === null || this.timeJumpAsked || this.state.selection) return;
    this.timeJumpAsked = true;
    this.jumpSeq = ++this.timeSeq;
    this.worker.postMessage({ op: 'time', seq: this.jumpSeq, ms: this.state.timeMs });
  }

  jumpToTime(ms) {
    this.jumpSeq = ++this.timeSeq;
    this.worker.postMessage({ op: 'time', seq: this.jumpSeq, ms });
  }

  onTime(message) {
    if (message.seq !== this.jumpSeq) return;
    if (message.line >= message.lines) {
      this.notice('time', `No line of this log has a time at or after ${formatNaive(message.ms)}.`);
      return;
    }
    this.notice('time', null);
    const shown = message.line + 1;
    this.setSelection({ first: shown, last: shown });
    this.target = { first: shown, last: shown };
    this.jumped = false;
    this.tryJump();
    document.body.dataset.timeJump = String(shown);
  }

  pinLine(line) {
    if (this.pinned && this.pinned.line === line) {
      this.pinned = null;
      this.timeStatus.textContent = '';
      this.refreshPinned();
      return;
    }
    this.pinSeq = ++this.timeSeq;
    this.worker.postMessage({ op: 'timeOf', seq: this.pinSeq, line });
  }

  onTimeOf(message) {
    if (message.seq === this.pinSeq) {
      if (Number.isNaN(message.ms)) return;
      this.pinned = { line: message.line, ms: message.ms };
      this.timeStatus.textContent = `Pinned line ${formatCount(message.line + 1)} (${formatNaive(message.ms)}): hover a line for the time since`;
      this.timeStatus.dataset.pinned = String(message.line + 1);
      this.refreshPinned();
    } else if (message.seq === this.hoverSeq && this.pinned) {
      if (Number.isNaN(message.ms)) {
        this.timeStatus.textContent = `Line ${formatCount(message.line + 1)} has no time`;
        return;
      }
      const delta = message.ms - this.pinned.ms;
      this.timeStatus.textContent = `Line ${formatCount(message.line + 1)}: ${delta >= 0 ? '+' : ''}${formatDuration(delta)} since pinned line ${formatCount(this.pinned.line + 1)}`;
      this.timeStatus.dataset.deltaMs = String(delta);
      this.timeStatus.dataset.hoverLine = String(message.line + 1);
    }
  }

  refreshPinned() {
    for (const [item, row] of this.vr.rows) {
      row.classList.toggle('pinned', Boolean(this.pinned) && this.lineOf(item) === this.pinned.line);
    }
  }

  // Gap marks and the pinned line on a row file_rows.js just made.
  decorateRow(row, line) {
    const gap = this.gapLines && this.gapLines.get(line);
    if (gap !== undefined) {
      row.classList.add('time-gap');
      row.dataset.gap = `${formatDuration(gap)} of silence`;
      row.title = `${formatDuration(gap)} passed with no log line before this one`;
    }
    if (this.pinned && this.pinned.line === line) row.classList.add('pinned');
    this.decorateNew(row, line);
  }

  setGaps(gaps) {
    this.gapLines = new Map();
    for (let i = 0; i + 1 < gaps.length; i += 2) this.gapLines.set(gaps[i], gaps[i + 1]);
    for (const [item, row] of this.vr.rows) {
      row.classList.remove('time-gap');
      delete row.dataset.gap;
      this.decorateRow(row, this.lineOf(item));
    }
    this.log.dataset.gaps = String(this.gapLines.size);
    if (this.gapLines.size) {
      this.log.dataset.gapLines = [...this.gapLines.keys()].slice(0, 50).map((l) => l + 1).join(',');
    }
    return countOf(this.gapLines.size, 'silence');
  }
}

// Pictures of the whole log (part of FileView, file_view.js), drawn on canvases with DOM APIs:
//  - the strip beside the scrollbar: where the WARNING/ERROR records and the search hits are in
//    the whole file; a click goes to the first such line under the pointer;
//  - the timeline above the log, opened with the toolbar's "Timeline" (it takes room from the
//    log, so only when asked: a line scrolled to must not move off screen under it): records
//    per time bucket, stacked by level (bursts and silences at a glance); a click goes to the
//    first record of that bucket. Times are naive (file_time.js).
// The worker computes both (worker_time.js overview) once the log is in, again after a search.
import { LEVEL, formatCount } from './url_state.js';
import { DEFAULT_GAP_S, GAP_CHOICES_S, formatDuration, formatNaive } from './file_time.js';
import { cssColor, drawTimelineBars, timelineBox } from './timeline_draw.js';
import { yearNote } from './naive_year.js';

const TIMELINE_BUCKETS = 200;

export class FilePictures {
  initPictures() {
    this.overviewSeq = 0;
    const strip = document.createElement('canvas');
    strip.id = 'overview-strip';
    strip.className = 'overview-strip';
    strip.title = 'Where the warnings (amber), errors (red) and search hits (blue) are; click to go there';
    strip.hidden = true;
    const { box: timeline, canvas, caption } = timelineBox('timeline');
    const label = document.createElement('label');
    label.textContent = 'Mark silences ≥ ';
    const select = document.createElement('select');
    select.id = 'gap-threshold';
    select.setAttribute('aria-label', 'Mark silences between log lines at least this long');
    for (const s of GAP_CHOICES_S) {
      const option = document.createElement('option');
      option.value = String(s);
      option.textContent = formatDuration(s * 1000);
      select.append(option);
    }
    select.value = String(DEFAULT_GAP_S);
    select.addEventListener('change', () => {
      this.gapMs = Number(select.value) * 1000;
      this.requestOverview();
    });
    label.append(select);
    const range = document.createElement('span');
    range.className = 'timeline-range';
    caption.append(range, label);
    this.log.before(timeline);
    this.log.after(strip);
    const toggle = document.createElement('button');
    toggle.type = 'button';
    toggle.className = 'button';
    toggle.id = 'timeline-toggle';
    toggle.textContent = 'Timeline';
    toggle.hidden = true;  // until the log is in and has times
    toggle.title = 'Log lines over time, by level; where the silences are';
    toggle.setAttribute('aria-pressed', 'false');
    toggle.addEventListener('click', () => {
      this.timelineOpen = !this.timelineOpen;
      toggle.setAttribute('aria-pressed', String(this.timelineOpen));
      this.drawPictures();
    });
    this.$('file-tools').querySelector('.view-box').prepend(toggle);
    this.pictures = { strip, timeline, canvas, range, toggle, data: null };
    strip.addEventListener('click', (event) => this.onStripClick(event));
    canvas.addEventListener('click', (event) => this.onTimelineClick(event));
    new ResizeObserver(() => this.drawPictures()).observe(this.log);
  }

  requestOverview() {
    if (!this.done) return;
    this.overviewSeq += 1;
    const rows = Math.max(16, Math.floor(this.log.clientHeight || 400));
    this.worker.postMessage({ op: 'overview', seq: this.overviewSeq, rows, gapMs: this.gapMs,
      buckets: TIMELINE_BUCKETS });
  }

  onOverview(message) {
    if (message.seq !== this.overviewSeq) return;
    this.pictures.data = message;
    this.setGaps(message.gaps);
    this.drawPictures();
    document.body.dataset.overview = String(message.seq);
  }

  drawPictures() {
    const p = this.pictures;
    const data = p && p.data;
    if (!data) return;
    // The strip: over the log's right edge, left of its scrollbar.
    const scrollbar = this.log.offsetWidth - this.log.clientWidth;
    p.strip.hidden = data.lines === 0;
    p.strip.style.top = `${this.log.offsetTop}px`;
    p.strip.style.height = `${this.log.clientHeight}px`;
    p.strip.style.right = `${scrollbar}px`;
    const height = Math.max(1, this.log.clientHeight);
    p.strip.width = 10;
    p.strip.height = height;
    const ctx = p.strip.getContext('2d');
    ctx.clearRect(0, 0, 10, height);
    const rows = data.levels.length;
    const warn = cssColor('--sev-warning', '#7a4a00');
    const error = cssColor('--sev-error', '#b3261e');
    const hit = cssColor('--accent', '#0a5bc4');
    for (let r = 0; r < rows; ++r) {
      const y = Math.floor(r * height / rows);
      const h = Math.max(2, Math.ceil(height / rows));
      const level = data.levels[r];
      if (level >= LEVEL.WARNING) {
        ctx.fillStyle = level >= LEVEL.ERROR ? error : warn;
        ctx.fillRect(5, y, 5, h);
      }
      if (data.hits[r]) {
        ctx.fillStyle = hit;
        ctx.fillRect(0, y, 5, h);
      }
    }
    this.drawTimeline(data.buckets);
  }

  drawTimeline(b) {
    const p = this.pictures;
    p.toggle.hidden = !b || b.buckets === 0;
    p.timeline.hidden = p.toggle.hidden || !this.timelineOpen;
    if (p.timeline.hidden) return;
    drawTimelineBars(p.canvas, b, Math.max(100, p.timeline.clientWidth || this.log.clientWidth));
    const end = b.startMs + b.bucketMs * b.buckets;
    const years = b.yearlessLines > 0 ? yearNote(this.pictures.data.yearFrom) : '';
    p.range.textContent = `${formatNaive(b.startMs)} → ${formatNaive(end)} · ${formatDuration(b.bucketMs)} a bar · ${formatCount(b.timedLines)} timed lines (times as written, no zone${years ? `; ${years}` : ''})`;
    p.canvas.title = 'Log lines per time slice, by level; click a slice to go to its first line';
  }

  onStripClick(event) {
    const data = this.pictures.data;
    if (!data || !data.lines) return;
    const rect = this.pictures.strip.getBoundingClientRect();
    const rows = data.levels.length;
    const at = Math.floor((event.clientY - rect.top) / rect.height * rows);
    // The nearest marked row within a few pixels (a mark is small), else where the click is.
    let row = Math.max(0, Math.min(rows - 1, at));
    for (let d = 0; d <= 3; ++d) {
      const near = [at - d, at + d].find((r) => r >= 0 && r < rows &&
        (data.levels[r] >= LEVEL.WARNING || data.hits[r]));
      if (near !== undefined) {
        row = near;
        break;
      }
    }
    const first = Math.ceil(row * data.lines / rows);
    const last = Math.min(data.lines, Math.ceil((row + 1) * data.lines / rows));
    const level = data.levels[row] >= LEVEL.WARNING ? data.levels[row] : 0;
    this.stripSeq = (this.stripSeq || 0) + 1;
    this.worker.postMessage({ op: 'stripTarget', seq: this.stripSeq, first, last, level,
      hit: Boolean(data.hits[row]) });
  }

  onStripTarget(message) {
    if (message.seq !== this.stripSeq) return;
    const shown = message.line + 1;
    this.setSelection({ first: shown, last: shown });
    this.target = { first: shown, last: shown };
    this.jumped = false;
    this.tryJump();
    document.body.dataset.stripJump = String(shown);
  }

  onTimelineClick(event) {
    const data = this.pictures.data;
    if (!data || !data.buckets.buckets) return;
    const rect = this.pictures.canvas.getBoundingClientRect();
    const k = Math.floor((event.clientX - rect.left) / rect.width * data.buckets.buckets);
    this.jumpToTime(data.buckets.startMs + Math.max(0, k) * data.buckets.bucketMs);
  }
}

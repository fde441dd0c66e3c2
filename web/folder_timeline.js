// The timeline of a folder's logs (part of FolderView, folder_view.js): on "Timeline", the
// worker reads each text file of the listing in turn (worker_time.js folder-timeline) and counts
// its timed lines per time slice by level; the picture (timeline_draw.js) shows where in the
// build's time the bursts, errors and silences are. Times are naive, as written (no zone); a
// time written without a year has its file's date's (worker_time.js, naive_year.js).
import { formatCount } from './url_state.js';
import { drawTimelineBars, timelineBox } from './timeline_draw.js';
import { formatDuration, formatNaive } from './file_time.js';
import { yearNote } from './naive_year.js';
import { isListingFile } from './listing_files.js';

const BUCKETS = 200;

export class FolderTimeline {
  initFolderTimeline() {
    this.timelineSeq = 0;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button';
    button.id = 'folder-timeline-button';
    button.textContent = 'Timeline';
    button.title = 'Read this folder\'s text files and draw their log lines over time, by level';
    button.addEventListener('click', () => this.startFolderTimeline());
    this.$('folder-tools').append(button);
    const { box, canvas, caption } = timelineBox('folder-timeline', 'folder-timeline');
    this.$('folder').before(box);
    this.folderTimeline = { button, box, canvas, caption };
  }

  startFolderTimeline() {
    // Not the index.html and zuul-manifest.json (listing_files.js): pages about the build.
    const files = this.entries.filter((e) => e.type !== 'folder' && e.url && !e.rawOnly && !isListingFile(e.name))
      .map((e) => ({ url: e.url }));
    const t = this.folderTimeline;
    t.box.hidden = false;
    t.caption.textContent = `Reading ${formatCount(files.length)} files…`;
    this.timelineSeq += 1;
    this.worker.postMessage({ op: 'folder-timeline', seq: this.timelineSeq, files, buckets: BUCKETS });
  }

  onFolderTimeline(message) {
    if (message.seq !== this.timelineSeq) return;
    const t = this.folderTimeline;
    if (!message.final) {
      t.caption.textContent = `Read ${formatCount(message.done)} of ${formatCount(message.total)} files…`;
      return;
    }
    const b = message.buckets;
    const withTimes = message.files.filter((f) => f.timed > 0).length;
    t.box.dataset.timedLines = String(b.timedLines);
    if (!b.buckets) {
      t.caption.textContent = `None of the ${formatCount(message.files.length)} files has timestamped lines.`;
      t.canvas.hidden = true;
      return;
    }
    t.canvas.hidden = false;
    drawTimelineBars(t.canvas, b, Math.max(100, t.box.clientWidth - 16));
    const years = yearNote(message.yearFrom);
    t.caption.textContent = `${formatNaive(b.startMs)} → ${formatNaive(b.startMs + b.bucketMs * b.buckets)} · ${formatDuration(b.bucketMs)} a bar · ${formatCount(b.timedLines)} timed lines in ${formatCount(withTimes)} of ${formatCount(message.files.length)} files (times as written, no zone${years ? `; ${years}` : ''})`;
    t.box.dataset.yearFrom = message.yearFrom || '';
  }
}

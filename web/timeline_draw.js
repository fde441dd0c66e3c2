// The timeline picture shared by the file view (file_pictures.js) and the folder view
// (folder_timeline.js): timed lines per time slice, stacked by level, on a canvas (DOM APIs
// only). `b`: {startMs, bucketMs, buckets, timedLines, counts[bucket * 8 + level]} as the
// core's timeBuckets (viewer/time_overview.h) gives it.
import { LEVEL } from './url_state.js';

const LEVEL_VARS = ['--sev-none', '--sev-trace', '--sev-debug', '--sev-info', '--sev-audit',
  '--sev-warning', '--sev-error', '--sev-critical'];

// An empty timeline box, hidden: <div id=`id` class="timeline `kind`"> holding its canvas and a
// caption line. Returns {box, canvas, caption}.
export function timelineBox(id, kind = '') {
  const box = document.createElement('div');
  box.id = id;
  box.className = kind ? `timeline ${kind}` : 'timeline';
  box.hidden = true;
  const canvas = document.createElement('canvas');
  const caption = document.createElement('div');
  caption.className = 'timeline-caption';
  box.append(canvas, caption);
  return { box, canvas, caption };
}

export function cssColor(name, fallback) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

export function drawTimelineBars(canvas, b, width, height = 40) {
  canvas.width = width;
  canvas.height = height;
  canvas.style.width = `${width}px`;
  const ctx = canvas.getContext('2d');
  ctx.clearRect(0, 0, width, height);
  let max = 1;
  const totals = new Uint32Array(b.buckets);
  for (let k = 0; k < b.buckets; ++k) {
    for (let level = 0; level < 8; ++level) totals[k] += b.counts[k * 8 + level];
    max = Math.max(max, totals[k]);
  }
  const colors = LEVEL_VARS.map((name) => cssColor(name, '#888'));
  const w = width / b.buckets;
  for (let k = 0; k < b.buckets; ++k) {
    let y = height;
    // Highest levels at the bottom, so a burst of errors shows even under many INFO lines.
    for (let level = 7; level >= 0; --level) {
      const n = b.counts[k * 8 + level];
      if (!n) continue;
      const h = Math.max(1, Math.round(n / max * (height - 2)));
      ctx.fillStyle = colors[level];
      ctx.globalAlpha = level >= LEVEL.WARNING ? 1 : 0.45;
      ctx.fillRect(k * w, y - h, Math.max(1, w - 0.5), h);
      y -= h;
    }
  }
  ctx.globalAlpha = 1;
}

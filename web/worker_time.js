// Time and baseline work in the viewer's worker (classic script, importScripts'd by
// viewer_worker.js, sharing its globals):
//   stripTarget {seq, first, last, level, hit}  the line a click on the strip goes to
//   time      {seq, ms}                        the first line at or after a naive time (&t=)
//   timeOf    {seq, line}                      a line's time, or its record's (the timestamped line above)
//   overview  {seq, rows, gapMs, buckets}      the page's pictures: per strip row the highest
//                                              level and whether a search hit is there, the gaps
//                                              (silences >= gapMs), records per time bucket, and
//                                              where year-less times got their year (yearFrom:
//                                              file, link or now; naive_year.js yearNote)
//   baseline  {seq, url}                       read a good build's same log into line shapes;
//                                              once both logs are in, the lines new against it
//   folder-timeline {seq, files: [{url}], buckets}  (folder view) timed lines of its files by level
//                                              (and yearFrom, as overview's, or 'build')
// Times are the core's naive wall-clock ms (viewer/timestamp.h): never shifted to a zone. The
// folder view's per-file counts against a good build run in the build search's workers
// (build_search_worker.js baseline-count), not here.
'use strict';

const MAX_GAPS = 10000;
const RECORD_LOOKBACK = 4096;  // lines looked back for the timestamp of a line's record

function time(message) {
  if (!state.doc || !Number.isFinite(message.ms)) return;
  post({ op: 'time', seq: message.seq, ms: message.ms, line: state.doc.lineAtTime(message.ms),
    lines: lineCount() });
}

function recordTime(line) {
  for (let i = line; i >= 0 && i > line - RECORD_LOOKBACK; --i) {
    const ms = state.doc.timestampMs(i);
    if (!Number.isNaN(ms)) return { ms, from: i };
  }
  return { ms: NaN, from: -1 };
}

function timeOf(message) {
  const line = Math.max(0, Math.min(message.line, lineCount() - 1));
  post({ op: 'timeOf', seq: message.seq, line, ...recordTime(line) });
}

// The strip: `rows` equal slices of the lines, each with its highest effective level and
// whether a kept search hit falls in it.
function overview(message) {
  const doc = state.doc;
  const count = doc.stableLineCount();
  const rows = Math.max(1, Math.min(message.rows | 0, 4096));
  const levels = new Uint8Array(rows);
  const hits = new Uint8Array(rows);
  const severities = doc.severities();
  const per = count / rows;
  for (let i = 0; i < count; ++i) {
    const row = Math.min(rows - 1, Math.floor(i / per));
    const level = severities[i] & 0x0f;
    if (level > levels[row]) levels[row] = level;
  }
  const s = state.search;
  if (s && s.hits) {
    for (let k = 0; k < s.hits.length; k += 3) hits[Math.min(rows - 1, Math.floor(s.hits[k] / per))] = 1;
  }
  const gaps = message.gapMs > 0 ? doc.timeGaps(message.gapMs, MAX_GAPS) : new Float64Array(0);
  const buckets = doc.timeBuckets(Math.max(1, Math.min(message.buckets | 0, 2000)));
  post({ op: 'overview', seq: message.seq, lines: count, levels, hits, gaps, buckets, yearFrom: state.load?.yearFrom },
    [levels.buffer, hits.buffer, gaps.buffer, buckets.counts.buffer]);
}

// The good build's shapes of the page's log; the new lines are sent once the log is in too.
async function baseline(message) {
  await coreReady;
  if (!state.core) return;
  if (state.baseline) state.baseline.shapes.delete();
  const shapes = new state.core.LineShapes();
  const b = { seq: message.seq, url: message.url, shapes, done: false, error: null, sent: false };
  state.baseline = b;
  try {
    b.error = await LogstowFetch.streamInto(message.url, (chunk) => shapes.append(chunk), yieldToEvents);
  } catch (error) {
    b.error = { kind: 'network', status: 0, url: message.url, detail: String(error && error.message || error) };
  }
  if (state.baseline !== b) return;
  shapes.finish();
  b.done = true;
  sendNewLines();
}

// The page asks for the baseline once its log is complete; the answer waits for the baseline.
function sendNewLines() {
  const b = state.baseline;
  if (!b || !b.done || b.sent || !state.load || !state.load.done) return;
  b.sent = true;
  if (b.error) {
    post({ op: 'baseline', seq: b.seq, ok: false, error: b.error });
    return;
  }
  const lines = state.doc.newLines(b.shapes);
  state.newLines = lines;
  post({ op: 'baseline', seq: b.seq, ok: true, lines, baselineLines: b.shapes.lineCount(),
    shapes: b.shapes.shapeCount() }, []);
}

// The "new lines only" filter's lines as one flag per line (worker_search.js filter).
function newLineFlags() {
  const flags = new Uint8Array(lineCount());
  if (state.newLines) for (const line of state.newLines) if (line < flags.length) flags[line] = 1;
  return flags;
}

// The line a click on the strip goes to, in lines [first, last): the first at the row's level
// (WARNING and up), else the first search hit, else `first`.
function stripTarget(message) {
  const count = lineCount();
  const last = Math.min(count, message.last);
  let line = Math.min(message.first, Math.max(0, count - 1));
  const severities = state.doc.severities();
  let found = false;
  if (message.level) {
    for (let i = message.first; i < last; ++i) {
      if ((severities[i] & 0x0f) >= message.level) {
        line = i;
        found = true;
        break;
      }
    }
  }
  const hits = state.search && state.search.hits;
  if (!found && message.hit && hits) {
    for (let k = 0; k < hits.length; k += 3) {
      if (hits[k] >= message.first && hits[k] < last) {
        line = hits[k];
        break;
      }
    }
  }
  post({ op: 'stripTarget', seq: message.seq, line });
}

// The folder view's timeline of its files: each file read into a document in turn (one at a
// time, freed after), its timed lines counted per second by level; then the seconds in up to
// `buckets` equal slices, as timeBuckets gives them for one file. Progress after each file.
// A time written without a year has its file's date's year (Last-Modified); in a file without
// a date, the year by the latest time of the files that have one (naive_year.js), else now.
async function folderTimeline(message) {
  await coreReady;
  if (!state.core) return;
  const perSecond = new Map();  // second -> Uint32Array(8)
  const undated = new Map();    // the same for year-less times of files without a date
  const files = [];
  let timedLines = 0;
  let yearless = 0;
  const slotOf = (map, second) => {
    let slot = map.get(second);
    if (!slot) map.set(second, slot = new Uint32Array(8));
    return slot;
  };
  for (let k = 0; k < message.files.length; ++k) {
    const file = message.files[k];
    const doc = new state.core.LogDocument('');
    let error = null;
    let dated = false;
    try {
      const got = await LogstowFetch.get(file.url);
      const date = got.ok ? LogstowFetch.fileDate(got.response) : null;
      if (date !== null) doc.setFileDate(date);
      dated = date !== null;
      error = await LogstowFetch.streamGot(got, (chunk) => doc.append(chunk), yieldToEvents);
    } catch (e) {
      error = { kind: 'network', detail: String(e && e.message || e) };
    }
    doc.finish();
    const lines = doc.lineCount();
    const fileYearless = doc.timeBuckets(1).yearlessLines;  // one pass in the core
    yearless += fileYearless;
    const times = new Float64Array(lines);
    for (let i = 0; i < lines; ++i) times[i] = doc.timestampMs(i);
    // Per line only where it matters: year-less times of a file without a date.
    const guessed = !dated && fileYearless > 0 ? Uint8Array.from({ length: lines },
      (_, i) => (Number.isNaN(times[i]) ? 0 : doc.timestampYearless(i))) : null;
    const severities = doc.severities();  // a view: taken after the calls that may grow memory
    let timed = 0;
    for (let i = 0; i < lines; ++i) {
      if (Number.isNaN(times[i])) continue;
      slotOf(guessed && guessed[i] ? undated : perSecond, Math.floor(times[i] / 1000))[severities[i] & 0x0f] += 1;
      timed += 1;
    }
    doc.delete();
    timedLines += timed;
    files.push({ url: file.url, timed, error: error ? error.kind : '' });
    post({ op: 'folder-timeline', seq: message.seq, done: k + 1, total: message.files.length });
  }
  // Year-less times of files without a date: read against the latest dated time, else now.
  let latest = -Infinity;
  for (const second of perSecond.keys()) latest = Math.max(latest, second);
  const reference = perSecond.size ? latest * 1000 : Date.now();
  // naive_year.js yearNote: where year-less times got their year ('' when there were none).
  const yearFrom = undated.size ? (perSecond.size ? 'build' : 'now') : yearless ? 'file' : '';
  for (const [second, slot] of undated) {
    const to = slotOf(perSecond, Math.floor(LogstowYear.withYearFrom(second * 1000, reference) / 1000));
    for (let level = 0; level < 8; ++level) to[level] += slot[level];
  }
  let first = Infinity;
  let last = -Infinity;
  for (const second of perSecond.keys()) {
    first = Math.min(first, second);
    last = Math.max(last, second);
  }
  if (!perSecond.size) first = last = 0;
  const span = last - first + 1;
  const perBucket = perSecond.size ? Math.ceil(span / Math.min(message.buckets, span)) : 0;
  const buckets = perSecond.size ? Math.ceil(span / perBucket) : 0;
  const counts = new Uint32Array(buckets * 8);
  for (const [second, slot] of perSecond) {
    const k = Math.min(buckets - 1, Math.floor((second - first) / perBucket));
    for (let level = 0; level < 8; ++level) counts[k * 8 + level] += slot[level];
  }
  post({ op: 'folder-timeline', seq: message.seq, done: message.files.length, total: message.files.length,
    final: true, files, yearFrom, buckets: { startMs: first * 1000, bucketMs: perBucket * 1000, buckets, timedLines, counts } },
  [counts.buffer]);
}

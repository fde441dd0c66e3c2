// A request id's trail across a build (build_search_view.js runs the search): every line that
// carries the id, from every file, merged into one timeline ordered by each line's timestamp.
// Times are the core's naive wall-clock times (viewer/timestamp.h: the clock as written, any
// zone suffix ignored), compared as they are and shown as written, never shifted to the
// reader's zone. A line without a timestamp of its own takes the nearest stamped line above it
// in its file (a traceback under its record); lines with none at all are listed apart, by file.
// Ties keep the listing's file order, then line order. Redrawn once per frame as files finish.
// A time written without a year (a journal's "Mar 28 12:20:41") has the year of its file's date
// (the worker read it against Last-Modified); in a file without a date, the year by the latest
// time of the trail's dated lines, or by now when none is (naive_year.js), read again at each
// draw as lines come.
//
// Test hooks: .trail-row data-path, data-line (1-based), data-ms, data-year-from (file, guess:
// a time written without a year); .trail-untimed li the same.
import { formatViewerUrl, visibleName } from './url_state.js';
import { withYearFrom } from './naive_year.js';

const MAX_ROWS = 5000;  // rows drawn at most (the count says how many there are)
const YEAR_NOTES = {  // a year-less time's tooltip, by where its year came from
  file: 'Written without a year: the year of the file\'s date (Last-Modified)',
  build: 'Written without a year, in a file without a date: the year by the latest dated line of this trail',
  now: 'Written without a year, in a file without a date, in a trail without a dated line: the year by today\'s date',
};

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// A line of log text with its match ranges as <mark>s (text nodes only).
export function markedLine(text, marks) {
  const span = el('span', 'bs-text');
  let at = 0;
  for (const [from, to] of marks) {
    if (from < at) continue;
    span.append(text.slice(at, from));
    span.append(el('mark', '', text.slice(from, to)));
    at = to;
  }
  span.append(text.slice(at));
  return span;
}

// Naive ms -> "2024-03-01 12:02:49.123": the wall clock as written (UTC formatting of a value
// that is no UTC time, so nothing is shifted).
export function formatNaive(ms) {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

export class TrailTimeline {
  constructor(container, id) {
    this.container = container;
    this.id = id;
    this.timed = [];
    this.untimed = [];
    this.pending = false;
  }

  add(file, result) {
    for (const hit of result.lines || []) {
      const entry = { file, hit };
      if (hit.ms === null || hit.ms === undefined) this.untimed.push(entry);
      else this.timed.push(entry);
    }
    if (!this.pending) {
      this.pending = true;
      requestAnimationFrame(() => {
        this.pending = false;
        this.draw();
      });
    }
  }

  link(entry) {
    return formatViewerUrl({ q: entry.file.url, search: this.id, literal: true, wrap: true,
      selection: { first: entry.hit.line + 1, last: entry.hit.line + 1 } });
  }

  row(entry, timed) {
    const li = el('li', timed ? 'trail-row' : 'trail-row untimed');
    li.dataset.path = entry.file.path;
    li.dataset.line = String(entry.hit.line + 1);
    if (timed) {
      li.dataset.ms = String(entry.ms);
      const time = el('span', entry.hit.inherited ? 'trail-time inherited' : 'trail-time', formatNaive(entry.ms));
      const notes = [];
      if (entry.hit.inherited) notes.push('This line has no timestamp: the time of the nearest stamped line above it');
      if (entry.hit.yearFrom) {
        li.dataset.yearFrom = entry.hit.yearFrom;
        notes.push(YEAR_NOTES[entry.hit.yearFrom === 'file' ? 'file' : this.guessFrom]);
      }
      if (notes.length) time.title = notes.join('. ');
      li.append(time);
    }
    const where = el('a', 'trail-where', `${visibleName(entry.file.path)}:${entry.hit.line + 1}`);
    where.href = this.link(entry);
    li.append(where, markedLine(entry.hit.text, entry.hit.marks));
    return li;
  }

  // Each timed entry's ms: its own, or for a year-less time of a file without a date, the same
  // month, day and time read against the latest time of the dated lines (else now).
  placeInTime() {
    let latest = -Infinity;
    for (const entry of this.timed) if (entry.hit.yearFrom !== 'guess') latest = Math.max(latest, entry.hit.ms);
    this.guessFrom = latest > -Infinity ? 'build' : 'now';
    const reference = latest > -Infinity ? latest : Date.now();
    for (const entry of this.timed) {
      entry.ms = entry.hit.yearFrom === 'guess' ? withYearFrom(entry.hit.ms, reference) : entry.hit.ms;
    }
  }

  draw() {
    const order = (a, b) => a.file.index - b.file.index || a.hit.line - b.hit.line;
    this.placeInTime();
    this.timed.sort((a, b) => a.ms - b.ms || order(a, b));
    this.untimed.sort(order);
    const list = el('ol', 'trail-list');
    for (const entry of this.timed.slice(0, MAX_ROWS)) list.append(this.row(entry, true));
    const parts = [el('h3', '', `${this.timed.length} line${this.timed.length === 1 ? '' : 's'} in time order`), list];
    if (this.timed.length > MAX_ROWS) parts.push(el('p', 'bs-more', `… the first ${MAX_ROWS} are shown`));
    if (this.untimed.length) {
      const apart = el('ol', 'trail-untimed');
      for (const entry of this.untimed.slice(0, MAX_ROWS)) apart.append(this.row(entry, false));
      parts.push(el('h3', '', 'Lines without a timestamp (by file)'), apart);
    }
    this.container.replaceChildren(...parts);
  }
}

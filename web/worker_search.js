// Search, level navigation and the severity filter in the viewer's worker (classic script,
// importScripts'd by viewer_worker.js, sharing its globals). The search runs in the core over the
// shown text (viewer/search.h); hits are kept for next/previous and the "n of m" status.
'use strict';

const MAX_HITS = 100000;
const SEARCH_RERUN_EVERY_MS = 1500;

// --- search ------------------------------------------------------------------------------------

function searchSummary() {
  const s = state.search;
  if (!s) return null;
  return { pattern: s.pattern, icase: s.icase, literal: s.literal, ok: s.ok, error: s.error,
    matchCount: s.matchCount, lineCount: s.lineCount, partial: !state.load || !state.load.done,
    truncated: s.ok && s.matchCount > s.hitCount };
}

function runSearch() {
  const s = state.search;
  const result = state.doc.setSearch(s.pattern, s.icase, s.literal);
  s.ok = result.ok;
  s.error = result.error;
  s.matchCount = result.ok ? result.matchCount : 0;
  s.lineCount = result.ok ? result.lineCount : 0;
  s.hits = result.ok ? state.doc.searchHits(MAX_HITS) : null;
  s.hitCount = s.hits ? s.hits.length / 3 : 0;
  state.searchedLines = lineCount();
  state.lastSearchRun = performance.now();
}

function maybeRerunSearch(now) {
  if (state.search && state.search.ok && lineCount() > state.searchedLines &&
      now - state.lastSearchRun >= SEARCH_RERUN_EVERY_MS) {
    runSearch();
  }
}

function search(message) {
  if (!state.doc) {
    state.pendingSearch = message;
    return;
  }
  if (!message.pattern) {
    state.doc.clearSearch();
    state.search = null;
  } else {
    state.search = { pattern: message.pattern, icase: Boolean(message.icase),
      literal: Boolean(message.literal) };
    runSearch();
  }
  state.gen += 1;
  post({ op: 'search', seq: message.seq, gen: state.gen, search: searchSummary() });
}

// Index of the first kept hit on `line` or after it (hits: [line, begin, end]*).
function hitIndex(line) {
  const hits = state.search.hits;
  let lo = 0;
  let hi = hits.length / 3;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (hits[mid * 3] < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function find(message) {
  const s = state.search;
  const count = lineCount();
  if (!s || !s.ok || count === 0) {
    post({ op: 'found', seq: message.seq, line: -1, ordinal: 0 });
    return;
  }
  const doc = state.doc;
  // `from` is the line the search starts after (before, backwards); -1 / count mean "from the
  // top" / "from the bottom" (the core takes no negative lines: wrap from the last line instead).
  const step = (line) => (message.backward
    ? doc.searchPrevious(Math.min(Math.max(line, 0), count), true)
    : doc.searchNext(line < 0 ? count - 1 : Math.min(line, count - 1), true));
  let hit = step(message.from);
  // With a severity filter on, skip hits on hidden lines (at most one full lap).
  const seen = new Set();
  while (hit && state.filter && !filterHas(hit.line)) {
    if (seen.has(hit.line) || seen.size > 200000) {
      hit = null;
      break;
    }
    seen.add(hit.line);
    hit = step(hit.line);
  }
  let ordinal = 0;
  if (hit && s.hits) {
    const i = hitIndex(hit.line);
    if (i < s.hitCount && s.hits[i * 3] === hit.line) ordinal = i + 1;
  }
  post({ op: 'found', seq: message.seq, line: hit ? hit.line : -1, ordinal,
    wrapped: hit ? (message.backward ? hit.line >= message.from : hit.line <= message.from) : false });
}

// Next/previous line that states a level >= min itself (the first line of each message, not its
// continuation lines).
function level(message) {
  const count = lineCount();
  let found = -1;
  if (count > 0) {
    const severities = state.doc.severities();
    const min = message.min;
    const own = (i) => (severities[i] & 0x10) !== 0 && (severities[i] & 0x0f) >= min;
    if (message.backward) {
      for (let i = Math.min(message.from, count) - 1; i >= 0; --i) if (own(i)) { found = i; break; }
    } else {
      for (let i = Math.max(message.from + 1, 0); i < count; ++i) if (own(i)) { found = i; break; }
    }
  }
  post({ op: 'found-level', seq: message.seq, line: found });
}

// --- severity filter ---------------------------------------------------------------------------
// The lines a filter shows: those at or above `min` (viewer/line_filter.h PassesMinSeverity; a
// traceback states ERROR), `context` lines before and after each, and the `keep` range (the
// selected lines, so a permalink always shows its lines). Built incrementally as lines arrive;
// the page gets the new part each time.

function filterHas(line) {
  const f = state.filter;
  let lo = 0;
  let hi = f.size;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (f.lines[mid] < line) lo = mid + 1;
    else hi = mid;
  }
  return lo < f.size && f.lines[lo] === line;
}

function filterPush(line) {
  const f = state.filter;
  if (f.size === f.lines.length) {
    const bigger = new Uint32Array(Math.max(1024, f.lines.length * 2));
    bigger.set(f.lines);
    f.lines = bigger;
  }
  f.lines[f.size++] = line;
  f.last = line;
}

function extendFilter() {
  const f = state.filter;
  if (!f || !state.doc) return;
  const count = state.doc.stableLineCount();  // a terminal capture's last rows may still change
  if (count <= f.processed) return;
  const severities = state.doc.severities();
  const { min, context, keep, isNew } = f;
  for (let i = f.processed; i < count; ++i) {
    const lvl = severities[i] & 0x0f;
    const match = (lvl >= min && (!isNew || isNew[i] === 1)) ||
      (keep && i >= keep[0] && i <= keep[1]);
    if (match) {
      for (let j = Math.max(f.last + 1, i - context); j < i; ++j) filterPush(j);
      if (f.last < i) filterPush(i);
      f.after = context;
    } else if (f.after > 0) {
      f.after -= 1;
      filterPush(i);
    }
  }
  f.processed = count;
  if (f.size > f.sent) {
    const part = f.lines.slice(f.sent, f.size);
    f.sent = f.size;
    post({ op: 'filter', seq: f.seq, reset: false, lines: part, done: Boolean(state.load?.done) },
      [part.buffer]);
  }
}

function filter(message) {
  if (!message.min && !message.newOnly) {
    state.filter = null;
    post({ op: 'filter', seq: message.seq, reset: true, off: true, lines: new Uint32Array(0) });
    return;
  }
  state.filter = { seq: message.seq, min: message.min || 0, context: message.context || 0,
    keep: message.keep || null, lines: new Uint32Array(1024), size: 0, sent: 0, processed: 0,
    last: -1, after: 0, isNew: message.newOnly ? newLineFlags() : null };
  post({ op: 'filter', seq: message.seq, reset: true, lines: new Uint32Array(0) });
  extendFilter();
}

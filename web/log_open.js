// Opening a log: the first message to the worker, which boot.js sends as config.json answers,
// else main.js as soon as ?q= has passed its checks; the view then draws the rows asked for here
// when they come. boot.js joins this file (web/CMakeLists.txt), so both ask for the same first
// rows.
export const ROW_HEIGHT = 18;  // px; viewer.css --row-h

// The rows asked for with the log, [first, last) as 0-based lines: a window `viewportHeight` px
// high in rows plus 30, around the permalink's line when the link has one (`selection`, 1-based
// {first, last}, or null).
export function firstRowsWanted(selection, viewportHeight) {
  const screen = Math.ceil((viewportHeight || 800) / ROW_HEIGHT);
  if (!selection) return [0, screen + 30];
  const line = selection.first - 1;
  return [Math.max(0, line - screen), line + screen + 30];
}

// Whether a log opened with this viewer state starts at line 1 with nothing applied, so the page
// may draw its first bytes as plain text before the highlighted rows (log_preview.js): a
// permalink, a filter, a search or a time starts the view elsewhere.
export function startsAtTop(state) {
  return !state.selection && !state.severity && !state.search && state.timeMs === null && !state.newOnly;
}

// The year a log whose file has no date (no Last-Modified) reads its times written without a
// year in: the link's &t=, naive ms (null without one), sent with the open message.
export function yearHint(state) {
  return state.timeMs;
}

// Posts {op: 'open'} for `url` (a URL that passed checkLogUrl) to `worker`, asking for the first
// screen's rows (firstRowsWanted). Returns the rows asked for.
export function openLog(worker, url, state, folderProbe) {
  const want = firstRowsWanted(state.selection, window.innerHeight);
  worker.postMessage({ op: 'open', url: url.href, want, folderProbe, yearHintMs: yearHint(state) });
  performance.mark('logstow:open');  // bench/web/run.js reads the page's marks
  return want;
}

// Rows for the page, in the viewer's worker (classic script, importScripts'd by viewer_worker.js,
// sharing its globals): the core's JSON span lists, with giant lines cut and unhighlighted.
'use strict';

// Rows [first, last) (clamped to the lines there are) as the core's JSON.
// Lines longer than this are not highlighted: the page gets their first GIANT_SHOWN bytes as
// plain text (a 50 MB single-line JSON would otherwise cost seconds to render, parse and lay out).
const GIANT_LINE = 1 << 20;
const GIANT_SHOWN = 64 * 1024;
const SEVERITY_NAMES = ['NONE', 'TRACE', 'DEBUG', 'INFO', 'AUDIT', 'WARNING', 'ERROR', 'CRITICAL'];
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });  // a line's U+FEFF is text

function giantRow(line, begin, end) {
  const severities = state.doc.severities();
  const text = utf8.decode(state.doc.bytes().subarray(begin, Math.min(end, begin + GIANT_SHOWN)))
    .replace(/\r?\n$|\r$/, '').replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g,
      (c) => String.fromCharCode(c === '\u007f' ? 0x2421 : 0x2400 + c.charCodeAt(0)));
  return { line: line + 1, severity: SEVERITY_NAMES[severities[line] & 0x0f],
    inherited: (severities[line] & 0x10) === 0, text, giantBytes: end - begin,
    segments: [[0, text.length, '', '', '', '']] };
}

// [begin, end) raw bytes of shown line i when it is one raw line longer than GIANT_LINE, else
// null. (In a terminal capture lines are screen rows: a row redrawn by cursor moves is never one.)
function rawBytesOf(i) {
  let raw = i;
  if (state.doc.isTerminal()) {
    const source = state.doc.lineSource(i);
    if (!source || !source.raw) return null;
    raw = source.firstLine;
  }
  const starts = state.doc.lineStarts();
  return starts[raw + 1] - starts[raw] > GIANT_LINE ? [starts[raw], starts[raw + 1]] : null;
}

function renderRows(first, last) {
  const count = lineCount();
  first = Math.max(0, Math.min(first, count));
  last = Math.max(first, Math.min(last, count));
  if (first >= last) return { gen: state.gen, first, last, json: '{"rows":[]}' };
  let giant = false;
  for (let i = first; i < last && !giant; ++i) giant = rawBytesOf(i) !== null;
  if (!giant) return { gen: state.gen, first, last, json: state.doc.renderRowsJson(first, last) };
  // Runs of ordinary lines from the core, giant lines as plain text, spliced into one list.
  const parts = [];
  let run = first;
  const flush = (end) => {
    if (run < end) parts.push(state.doc.renderRowsJson(run, end).slice('{"rows":['.length, -2));
  };
  for (let i = first; i < last; ++i) {
    const range = rawBytesOf(i);
    if (!range) continue;
    flush(i);
    parts.push(JSON.stringify(giantRow(i, range[0], range[1])));
    run = i + 1;
  }
  flush(last);
  return { gen: state.gen, first, last, json: `{"rows":[${parts.filter((p) => p).join(',')}]}` };
}

function postRows(message) {
  post({ op: 'rows', id: message.id, ...renderRows(message.first, message.last) });
}

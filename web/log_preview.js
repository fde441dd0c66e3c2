// The log's first screen as plain text, drawn from the first bytes that arrive while the Wasm core
// is still loading (it is ready a few hundred ms later on a first visit): the reader can start
// reading at once; the highlighted rows (file_rows.js) replace these the moment they are drawn.
//
// Drawn only when plain text would show exactly what the core will: UTF-8 with no control bytes
// but tab and newline (no ANSI colours, CR overwrites or cursor movement, which the core renders
// as a terminal would; an invalid sequence is one U+FFFD per maximal subpart in both, the
// WHATWG rule TextDecoder and common/utf8.h follow), and the view starts at line 1 (the worker
// sends a preview only then, boot.js decideOpen). A line that moves the cursor later in the log makes the core show the
// 100 lines above it as a terminal's screen (viewer/document.h), so of bytes that are not the
// whole log only the lines at least that far above their end are drawn. Text reaches the DOM only as
// textContent, whole (the bytes bound a line well below file_rows.js's cap).
const PREVIEW_ID = 'log-preview';
// viewer/terminal_screen.h kWindowRows. The worker reads it too (worker_load.js: how many lines
// past the first screen a preview waits for): the build joins this file into its script.
export const TERMINAL_WINDOW_ROWS = 100;
// Any C0 control but tab and newline, DEL, and the C1 controls a terminal also obeys.
const HIDDEN_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u;
// Where the log view is, on <body data-log-view>: absent (not started), 'started' (file_view.js
// runs the toolbar, the wrap and the gutter from now on), 'rows' (the highlighted rows are drawn:
// a late preview is never shown). Kept in the DOM, not in this module: boot.js has its own copy
// of this file (the build joins it in) and draws the preview; the view imports this one (and the
// worker has a third copy, for TERMINAL_WINDOW_ROWS).
const viewState = () => document.body.dataset.logView;

/**
 * The lines of `bytes` (the log's first bytes) that plain text shows as the core would, at most
 * `maxLines`; null when plain text would not (a control byte). Unless `complete`
 * (the whole log), the last line (it may go on in the next bytes) and the 100 complete lines
 * above the end (a later line may redraw them) are left out.
 */
export function previewLines(bytes, maxLines, complete) {
  let end = bytes.length;
  if (!complete) {
    end = bytes.lastIndexOf(0x0a) + 1;
    let newlines = 0;
    for (let at = 0; at < end; ++at) newlines += bytes[at] === 0x0a ? 1 : 0;
    maxLines = Math.min(maxLines, newlines - TERMINAL_WINDOW_ROWS);
    if (maxLines <= 0) return [];
  }
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(0, end));
  if (HIDDEN_CONTROL.test(text) || text.startsWith('\ufeff')) return null;
  const lines = text.split('\n', maxLines + 1);
  if (lines.length > maxLines) lines.length = maxLines;
  else if (lines[lines.length - 1] === '') lines.pop();  // the text ended with a newline
  return lines;
}

/**
 * Draws the preview into the log element `log` (index.html #log), `wrap` as the view will.
 * Returns whether it did (not: no lines that plain text shows right, or the rows came first).
 */
export function showPreview(log, lines, wrap) {
  if (!lines || lines.length === 0 || viewState() === 'rows') return false;
  const box = document.createElement('div');
  box.id = PREVIEW_ID;
  box.className = 'log-preview';
  box.setAttribute('aria-busy', 'true');
  lines.forEach((line, i) => {
    const row = document.createElement('div');
    row.className = 'row';
    const number = document.createElement('span');
    number.className = 'ln';
    number.textContent = String(i + 1);
    const text = document.createElement('span');
    text.className = 'tx';
    text.textContent = line;
    row.append(number, text);
    box.append(row);
  });
  if (!log.style.getPropertyValue('--gutter-w')) {  // else the view's, from the line count
    log.style.setProperty('--gutter-w', `${Math.max(4, String(lines.length).length)}ch`);
  }
  if (!viewState()) {
    log.classList.toggle('wrap', wrap);
    document.body.dataset.mode = 'file';
    // The toolbar and progress bar as the view will show them (no jump when it starts), but the
    // toolbar inert until the view has its handlers (startView): what a reader typed or chose
    // before would be reset unseen.
    const tools = document.getElementById('file-tools');
    tools.inert = true;
    tools.hidden = false;
    document.getElementById('wrap').checked = wrap;
    const progress = document.getElementById('progress');
    progress.classList.add('indeterminate');
    progress.hidden = false;
    log.hidden = false;
  }
  log.prepend(box);
  performance.mark('logstow:preview-drawn');
  // After the frame that paints it (bench/web/run.js reads the mark).
  requestAnimationFrame(() => setTimeout(() => {
    if (!box.isConnected) return;
    performance.mark('logstow:first-text');
    document.body.dataset.firstText = 'true';
  }, 0));
  return true;
}

/** The log view has started (file_view.js): its toolbar takes input; a later preview leaves it be. */
export function startView() {
  if (!viewState()) document.body.dataset.logView = 'started';
  document.getElementById('file-tools').inert = false;
}

/** Removes the preview (the highlighted rows are being drawn, or the page shows something else). */
export function removePreview() {
  document.body.dataset.logView = 'rows';
  document.getElementById(PREVIEW_ID)?.remove();
}

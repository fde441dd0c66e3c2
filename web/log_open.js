// Opening a log: the first message to the worker, which early_open.js (else main.js) sends as soon
// as ?q= has passed its checks, while the log view's modules (file_view.js and its parts) are still
// loading; the view then draws the rows asked for here when they come.
export const ROW_HEIGHT = 18;  // px; viewer.css --row-h

// Posts {op: 'open'} for `url` (a URL that passed checkLogUrl) to `worker`, asking for the first
// screen's rows: the window's height in rows plus 30, around the permalink's line when the link
// has one (state.selection, 1-based), and with `preview` the log's first bytes as they come
// ({op: 'preview'}: log_preview.js). Returns that range: [first, last), 0-based lines.
export function openLog(worker, url, state, folderProbe, preview = false) {
  const screen = Math.ceil((window.innerHeight || 800) / ROW_HEIGHT);
  let want = [0, screen + 30];
  if (state.selection) {
    const line = state.selection.first - 1;
    want = [Math.max(0, line - screen), line + screen + 30];
  }
  worker.postMessage({ op: 'open', url: url.href, want, folderProbe, preview });
  performance.mark('logstow:open');  // bench/web/run.js reads the page's marks
  return want;
}

// The page's first act, a classic script run before anything else (the build joins log_open.js
// and log_preview.js in front of it: their exports are LogstowOpen and LogstowPreview here):
//  - the theme (stored choice, else the system's) goes on <html data-theme> before the first
//    paint, so a dark-theme reader never sees a white flash;
//  - with a ?q=, the worker (viewer_worker.js) starts now, named after the page (its address and
//    window height): as it starts, it reads config.json, checks ?q= as main.js would and asks
//    for the log itself (worker_early.js), so the request never waits for the page's modules.
//    The Wasm core (logstow_viewer.wasm) is fetched and compiled now, on the page (the compile
//    runs off the main thread), while the worker's script is still on its way; the worker gets
//    the compiled module ({op: 'wasm'}; a WebAssembly.Module can be posted to a worker), or null
//    when the browser cannot compile a stream here: then the worker compiles it itself. The
//    worker's messages are kept from the start, so none is lost before main.js listens: main.js
//    takes the worker and them over through window.logstowBoot.
//  - the log's first bytes ({op: 'preview'}) are drawn here as plain text (log_preview.js) the
//    moment they come;
//  - then the page's modules (main.js and its graph) are loaded: only once the worker has said
//    what it opened and its preview is on screen, so that until then the page's ~20 module
//    requests neither hold the connections the worker's script and the log need nor keep the
//    main thread from drawing the preview. Without a log to open (no q=, a folder, no Worker)
//    they load at once.
// The worker is created before main.js turns on Trusted Types, with this fixed same-origin URL
// (CSP worker-src 'self').
'use strict';

// The page's module graph, asked for at once when it is time (index.html names none of them:
// each would be asked for while the page loads): what main.js imports and what the views it opens
// (file_view.js, folder_view.js) import, at low priority (tests/browser/web_boot.spec.js checks
// the list against the imports).
const PAGE_MODULES = ['url_state.js', 'log_preview.js', 'log_open.js', 'page_config.js', 'messages.js',
  'format.js', 'virtual_rows.js', 'file_view.js', 'file_rows.js', 'file_filter.js', 'file_search.js',
  'file_selection.js', 'file_keys.js', 'file_time.js', 'file_pictures.js', 'file_baseline.js',
  'folder_view.js', 'folder_baseline.js', 'folder_timeline.js', 'timeline_draw.js'];

// How long the page's modules wait for the log's first bytes once the worker has asked for them
// (ms). A local Swift answers in 50-100 ms; past this the reader gets the page's own progress.
const PREVIEW_WAIT_MS = 300;

function loadPageModules() {
  if (document.querySelector('script[src="main.js"]')) return;
  for (const href of PAGE_MODULES) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = href;
    link.fetchPriority = 'low';
    document.head.append(link);
  }
  const script = document.createElement('script');
  script.type = 'module';
  script.src = 'main.js';
  document.head.append(script);
}

// The log's first bytes as plain text (log_preview.js), as the view will start: at line 1 (the
// worker sends a preview only then), wrapped or not as ?wrap= says (the worker's `early` answer).
async function drawPreview(message, wrap) {
  if (document.readyState === 'loading') {  // #log is not parsed yet
    await new Promise((resolve) => {
      document.addEventListener('DOMContentLoaded', resolve, { once: true });
    });
  }
  const screen = Math.ceil((window.innerHeight || 800) / LogstowOpen.ROW_HEIGHT) + 1;
  const lines = LogstowPreview.previewLines(message.bytes, screen, message.complete);
  // For tests: whether the first bytes were drawn as plain text.
  document.body.dataset.preview = LogstowPreview.showPreview(document.getElementById('log'), lines, wrap)
    ? 'drawn' : 'declined';
}

(() => {
  let theme = '';
  try {
    theme = window.localStorage.getItem('logstow-theme') || '';
  } catch {
    theme = '';  // storage refused (private mode, sandbox)
  }
  if (theme !== 'light' && theme !== 'dark') {
    theme = window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }
  document.documentElement.dataset.theme = theme;
  const q = new URLSearchParams(window.location.search).get('q');
  if (q === null || typeof Worker !== 'function') {
    loadPageModules();
    return;
  }
  const worker = new Worker('viewer_worker.js', {
    name: JSON.stringify({ href: window.location.href, height: window.innerHeight }),
  });
  const kept = [];
  const keep = (event) => kept.push(event.data);
  worker.addEventListener('message', keep);
  let onEarly;
  const early = new Promise((resolve) => {
    onEarly = resolve;
  });
  // The modules load once the worker has answered and, when it sends one, the preview is painted
  // (after its frame: evaluating them in the same task would hold the paint back), or when the
  // log has not begun to come PREVIEW_WAIT_MS after it was asked for (a slow server: the page
  // shows its own progress meanwhile). Any message on the log (an error, a folder) ends it too.
  const afterPaint = () => requestAnimationFrame(() => setTimeout(loadPageModules, 0));
  worker.addEventListener('message', (event) => {
    const op = event.data?.op;
    if (op === 'early') {
      onEarly(event.data);
      if (!event.data.href || !event.data.preview) loadPageModules();
      else setTimeout(loadPageModules, PREVIEW_WAIT_MS);
    } else if (op === 'preview') {
      early.then((answer) => drawPreview(event.data, answer.wrap !== false))
        .catch(() => {})  // the preview is a head start only: the rows come anyway
        .finally(afterPaint);
    } else if (op !== 'core') {  // the core's readiness says nothing about the log
      loadPageModules();
    }
  });
  // A worker that fails to start (its script missing or broken) fires this before main.js
  // listens: kept too, or the page would wait for it forever.
  worker.addEventListener('error', (event) => {
    window.logstowBoot.error ||= event.message ||
      'the viewer\'s worker script (viewer_worker.js) could not be loaded or did not start';
    onEarly({ op: 'early', href: '', want: null, preview: false });
    loadPageModules();
  });
  window.logstowBoot = {
    worker,
    error: '',  // the worker's first error event, if any
    // The worker's {op: 'early', config, href, want, preview, wrap}: config.json's answer (for
    // page_config.js; none when the worker failed) and the log it asked for ('' for none).
    early,
    // The messages so far, oldest first; from now on the caller's own listener gets them (it
    // adds it in the same task, so none is lost or seen twice).
    takeMessages() {
      worker.removeEventListener('message', keep);
      return kept.splice(0);
    },
  };
  // A folder's view needs the modules anyway (the worker opens no log for it).
  if (q.endsWith('/')) loadPageModules();
  const send = (module) => worker.postMessage({ op: 'wasm', module });
  if (typeof WebAssembly === 'object' && typeof WebAssembly.compileStreaming === 'function') {
    WebAssembly.compileStreaming(fetch('logstow_viewer.wasm', { credentials: 'same-origin' }))
      .then(send, () => send(null));
  } else {
    send(null);
  }
})();

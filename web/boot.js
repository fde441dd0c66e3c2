// The page's first act, a classic script run before anything else (the build joins
// config_answer.js, url_state.js, log_open.js and log_preview.js in front of it: their exports are
// LogstowConfig, LogstowUrl, LogstowOpen and LogstowPreview here):
//  - the theme (stored choice, else the system's) goes on <html data-theme> before the first
//    paint, so a dark-theme reader never sees a white flash;
//  - with a ?q=, config.json is asked for now and the worker (viewer_worker.js) starts. When
//    config.json answers, ?q= is checked here as main.js checks it (url_state.js, the same code)
//    and, when it passes and is not a folder's address, the worker is told to open the log
//    ({op: 'config'}, {op: 'open'}: it asks for the log the moment its script runs), so the
//    request never waits for the page's modules (nor the worker's script for url_state.js);
//  - the log's first bytes ({op: 'preview'}, from the worker's request) are drawn here as plain
//    text (log_preview.js) the moment they come, while main.js's modules are still loading
//    (index.html preloads them). The page makes no request of its own for them: see
//    docs/ARCHITECTURE.md ("Why not …") for what a second request cost.
//    The Wasm core (logstow_viewer.wasm) is fetched and compiled on the page (off the main
//    thread) once the worker's request for the log is out (its first message, {op:
//    'requested'}), or at once when it opens nothing: on two cores a compile started sooner held
//    back the worker's start and the log's first bytes by ~60 ms, for highlighted rows ~35 ms
//    sooner (bench/runs/2026-12-07-vm/web-9-compile-after-request.md). The worker gets the
//    compiled module ({op: 'wasm'}; a WebAssembly.Module can be posted to a worker), or null
//    when the browser cannot compile a stream here: then the worker compiles it itself. The
//    worker's messages are kept from the start, so none is lost before main.js listens: main.js
//    takes the worker, them and what was decided here (early) over through window.logstowBoot.
// The worker is created before main.js turns on Trusted Types, with this fixed same-origin URL
// (CSP worker-src 'self').
'use strict';

// What to open, decided from config.json's `answer` as main.js decides it: {early, config, open,
// wrap}. early: main.js's {config, href, want}, href '' when nothing is opened here (no q=, a
// folder, a refused address, an unreadable config.json: main.js says why itself), and then it is
// all; config and open: the worker's messages (open asks for a preview when the view starts at
// line 1); wrap: whether the view starts wrapped (?wrap=).
function nothingOpened(answer) {
  return { early: { config: answer, href: '', want: null } };
}
function decideOpen(answer) {
  const none = nothingOpened(answer);
  const view = LogstowUrl.parseViewerUrl(window.location.search, window.location.hash);
  if (view.q === null) return none;
  const config = LogstowUrl.configFromAnswer(answer);
  if (!config.ok) return none;
  const rules = LogstowUrl.rulesUrl(config.config.rules, window.location.href);
  if (!rules.ok) return none;
  const pageOrigin = window.location.origin;
  const check = LogstowUrl.checkLogUrl(view.q, { allowedOrigins: config.config.allowedOrigins,
    pageProtocol: window.location.protocol, pageOrigin, problem: view.qProblem });
  if (!check.ok || check.url.pathname.endsWith('/')) return none;
  const url = check.url.href;
  const want = LogstowOpen.firstRowsWanted(view.selection, window.innerHeight);
  const origins = LogstowUrl.effectiveOrigins(config.config.allowedOrigins, pageOrigin);
  return {
    early: { config: answer, href: url, want },
    config: { op: 'config', allowedOrigins: origins, rulesUrl: rules.url },
    open: { op: 'open', url, want, folderProbe: LogstowUrl.pseudoFolderProbe(check.url),
      preview: LogstowOpen.startsAtTop(view), yearHintMs: LogstowOpen.yearHint(view) },
    wrap: view.wrap !== false,
  };
}

// The log's first bytes as plain text (log_preview.js), as the view will start: at line 1 (the
// worker sends a preview only then), wrapped or not as ?wrap= says.
async function drawPreview(message, wrap) {
  // #log is not parsed yet: wait for the parser, not for DOMContentLoaded, which also waits for
  // main.js's modules to have loaded and run.
  while (document.readyState === 'loading') {
    await new Promise((resolve) => {
      document.addEventListener('readystatechange', resolve, { once: true });
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
  performance.mark('logstow:boot');  // for bench/web/run.js
  if (!/[?&]q=/.test(window.location.search) || typeof Worker !== 'function') return;
  const configAnswer = LogstowConfig.readConfigAnswer(new URL('config.json', window.location.href).href);
  const worker = new Worker('viewer_worker.js');
  performance.mark('logstow:worker-created');
  const kept = [];
  const keep = (event) => kept.push(event.data);
  worker.addEventListener('message', keep);
  let compiling = false;  // compileCore ran
  let wrap = true;  // decideOpen's, before any preview can come
  worker.addEventListener('message', (event) => {
    compileCore();  // the worker's first message: its request is out (or it refused the address)
    if (event.data?.op !== 'preview') return;
    performance.mark('logstow:preview-in');  // for bench/web/run.js
    drawPreview(event.data, wrap).catch(() => {});  // a head start only: the rows come anyway
  });
  let onEarly;
  const early = new Promise((resolve) => {
    onEarly = resolve;
  });
  configAnswer.then((answer) => {
    performance.mark('logstow:config-in');
    let decided;
    try {
      decided = decideOpen(answer);
    } catch {
      decided = nothingOpened(answer);  // main.js decides again, and says what is wrong
    }
    if (decided.open) {
      wrap = decided.wrap;
      worker.postMessage(decided.config);
      worker.postMessage(decided.open);
    } else {
      compileCore();  // main.js gives the worker what to do
    }
    onEarly(decided.early);
  });
  // A worker that fails to start (its script missing or broken) fires this before main.js
  // listens: kept too, or the page would wait for it forever.
  worker.addEventListener('error', (event) => {
    window.logstowBoot.error ||= event.message ||
      'the viewer\'s worker script (viewer_worker.js) could not be loaded or did not start';
    onEarly({ href: '', want: null });
  });
  window.logstowBoot = {
    worker,
    error: '',  // the worker's first error event, if any
    // {config, href, want} (decideOpen): config.json's answer (for page_config.js; none when
    // the worker failed first) and the log the worker was told to open ('' for none).
    early,
    // The messages so far, oldest first; from now on the caller's own listener gets them (it
    // adds it in the same task, so none is lost or seen twice).
    takeMessages() {
      worker.removeEventListener('message', keep);
      return kept.splice(0);
    },
  };
  function compileCore() {
    if (compiling) return;
    compiling = true;
    const send = (module) => worker.postMessage({ op: 'wasm', module });
    if (typeof WebAssembly === 'object' && typeof WebAssembly.compileStreaming === 'function') {
      WebAssembly.compileStreaming(fetch('logstow_viewer.wasm', { credentials: 'same-origin' }))
        .then(send, () => send(null));
    } else {
      send(null);
    }
  }
})();

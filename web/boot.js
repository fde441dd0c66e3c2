// The page's first act, a classic script run before anything else (the build joins
// config_answer.js, log_open.js and log_preview.js in front of it: their exports are
// LogstowConfig, LogstowOpen and LogstowPreview here):
//  - the theme (stored choice, else the system's) goes on <html data-theme> before the first
//    paint, so a dark-theme reader never sees a white flash;
//  - with a ?q=, config.json is asked for now and the worker (viewer_worker.js) starts, named
//    after the page (its address and window height); it gets config.json's answer
//    ({op: 'config-answer'}: the request went out while the worker's script was on its way),
//    checks ?q= as main.js would and asks for the log itself (worker_early.js), so the request
//    never waits for the page's modules.
//    The Wasm core (logstow_viewer.wasm) is fetched and compiled now, on the page (the compile
//    runs off the main thread), while the worker's script is still on its way; the worker gets
//    the compiled module ({op: 'wasm'}; a WebAssembly.Module can be posted to a worker), or null
//    when the browser cannot compile a stream here: then the worker compiles it itself. The
//    worker's messages are kept from the start, so none is lost before main.js listens: main.js
//    takes the worker and them over through window.logstowBoot.
//  - the log's first bytes ({op: 'preview'}) are drawn here as plain text (log_preview.js) the
//    moment they come, while main.js's modules are still loading (index.html preloads them).
// The worker is created before main.js turns on Trusted Types, with this fixed same-origin URL
// (CSP worker-src 'self').
'use strict';

// The log's first bytes as plain text (log_preview.js), as the view will start: at line 1 (the
// worker sends a preview only then), wrapped or not as ?wrap= says (the worker's `early` answer).
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
  if (!/[?&]q=/.test(window.location.search) || typeof Worker !== 'function') return;
  const configAnswer = LogstowConfig.readConfigAnswer(new URL('config.json', window.location.href).href);
  const worker = new Worker('viewer_worker.js', {
    name: JSON.stringify({ href: window.location.href, height: window.innerHeight }),
  });
  configAnswer.then((answer) => worker.postMessage({ op: 'config-answer', answer }));
  const kept = [];
  const keep = (event) => kept.push(event.data);
  worker.addEventListener('message', keep);
  let onEarly;
  const early = new Promise((resolve) => {
    onEarly = resolve;
  });
  worker.addEventListener('message', (event) => {
    if (event.data?.op === 'early') onEarly(event.data);
    if (event.data?.op === 'preview') {
      performance.mark('logstow:preview-in');  // for bench/web/run.js
      early.then((answer) => drawPreview(event.data, answer.wrap !== false))
        .catch(() => {});  // the preview is a head start only: the rows come anyway
    }
  });
  // A worker that fails to start (its script missing or broken) fires this before main.js
  // listens: kept too, or the page would wait for it forever.
  worker.addEventListener('error', (event) => {
    window.logstowBoot.error ||= event.message ||
      'the viewer\'s worker script (viewer_worker.js) could not be loaded or did not start';
    onEarly({ op: 'early', href: '', want: null, preview: false });
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
  const send = (module) => worker.postMessage({ op: 'wasm', module });
  if (typeof WebAssembly === 'object' && typeof WebAssembly.compileStreaming === 'function') {
    WebAssembly.compileStreaming(fetch('logstow_viewer.wasm', { credentials: 'same-origin' }))
      .then(send, () => send(null));
  } else {
    send(null);
  }
})();

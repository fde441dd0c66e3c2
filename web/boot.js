// The page's first act, before the module graph (main.js and its imports) has loaded:
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
//    takes the worker and them over through window.logstowBoot; early_open.js takes the worker's
//    answer on the log ({op: 'early'}) and its first bytes ({op: 'preview'}) from the promises
//    below. The worker is created before main.js turns on Trusted Types, with this fixed
//    same-origin URL (CSP worker-src 'self').
'use strict';

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
  if (/[?&]q=/.test(window.location.search) && typeof Worker === 'function') {
    const worker = new Worker('viewer_worker.js', {
      name: JSON.stringify({ href: window.location.href, height: window.innerHeight }),
    });
    const kept = [];
    const keep = (event) => kept.push(event.data);
    worker.addEventListener('message', keep);
    let onEarly;
    let onPreview;
    worker.addEventListener('message', (event) => {
      if (event.data?.op === 'early') onEarly(event.data);
      if (event.data?.op === 'preview') onPreview(event.data);
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
      // The worker's {op: 'early', config, href, want, preview}: config.json's answer (for
      // page_config.js; none when the worker failed) and the log it asked for ('' for none).
      early: new Promise((resolve) => {
        onEarly = resolve;
      }),
      // Its {op: 'preview', bytes, complete}: the log's first bytes, when it sends them.
      preview: new Promise((resolve) => {
        onPreview = resolve;
      }),
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
  }
})();

// The page's first act, before the module graph (main.js and its imports) has loaded:
//  - the theme (stored choice, else the system's) goes on <html data-theme> before the first
//    paint, so a dark-theme reader never sees a white flash;
//  - with a ?q=, the worker (viewer_worker.js) starts now, and the Wasm core (logstow_viewer.wasm)
//    is fetched and compiled now, on the page (the compile runs off the main thread), while the
//    worker's script is still on its way; the worker gets the compiled module ({op: 'wasm'}; a
//    WebAssembly.Module can be posted to a worker), or null when the browser cannot compile a
//    stream here: then the worker fetches and compiles it itself. The log is fetched the moment
//    main.js has checked ?q= against config.json. main.js takes the worker over as
//    window.logstowBootWorker; it is created before main.js turns on Trusted Types, with this
//    fixed same-origin URL (CSP worker-src 'self').
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
    const worker = new Worker('viewer_worker.js');
    window.logstowBootWorker = worker;
    const send = (module) => worker.postMessage({ op: 'wasm', module });
    if (typeof WebAssembly === 'object' && typeof WebAssembly.compileStreaming === 'function') {
      WebAssembly.compileStreaming(fetch('logstow_viewer.wasm', { credentials: 'same-origin' }))
        .then(send, () => send(null));
    } else {
      send(null);
    }
  }
})();

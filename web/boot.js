// The page's first act, before the module graph (main.js and its imports) has loaded:
//  - the theme (stored choice, else the system's) goes on <html data-theme> before the first
//    paint, so a dark-theme reader never sees a white flash;
//  - with a ?q=, the worker (viewer_worker.js) starts now, so the Wasm core compiles while the
//    page is still being set up and the log is fetched the moment main.js has checked ?q= against
//    config.json. main.js takes it over as window.logstowBootWorker; it is created before main.js
//    turns on Trusted Types, with this fixed same-origin URL (CSP worker-src 'self').
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
    window.logstowBootWorker = new Worker('viewer_worker.js');
  }
})();

// Starts the viewer's worker (viewer_worker.js) as the page's first act, before the module
// graph (main.js and its imports) has even loaded, so the Wasm core compiles while the page is
// still being set up and the log can be fetched the moment main.js has checked ?q= against
// config.json. Only when there is a ?q= (the landing page needs no worker). main.js takes it
// over as window.logstowBootWorker; it is created before main.js turns on Trusted Types, with
// this fixed same-origin URL (CSP worker-src 'self').
'use strict';

if (/[?&]q=/.test(window.location.search) && typeof Worker === 'function') {
  window.logstowBootWorker = new Worker('viewer_worker.js');
}

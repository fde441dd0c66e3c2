// The floor for the viewer's "whole file indexed" (bench/web/run.js): fetch the same log and read
// its whole body (the browser inflates Content-Encoding: gzip on the way), doing nothing else
// with the bytes. Marks for the driver: "bare:indexed" (the last byte read), body[data-ready].
'use strict';

(async () => {
  const q = new URLSearchParams(window.location.search).get('q');
  const response = await fetch(q, { mode: 'cors', credentials: 'omit' });
  const reader = response.body.getReader();
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
  }
  performance.mark('bare:indexed');
  window.bareBytes = size;
  document.getElementById('count').textContent = `${size} bytes`;
  document.body.dataset.ready = 'true';
})();

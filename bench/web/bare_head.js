// The floor for the viewer's "first rows" (bench/web/run.js): the least a page can do to show the
// start of the same log: fetch it (the browser undoes Content-Encoding), take the first 64 KiB,
// show them as plain text, stop reading. Marks for the driver: "bare:first-rows" (the first frame
// after the text went in), body[data-ready].
'use strict';

(async () => {
  const HEAD = 64 * 1024;
  const q = new URLSearchParams(window.location.search).get('q');
  const response = await fetch(q, { mode: 'cors', credentials: 'omit' });
  const reader = response.body.getReader();
  const chunks = [];
  let size = 0;
  while (size < HEAD) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  reader.cancel();
  const head = new Uint8Array(Math.min(size, HEAD));
  let at = 0;
  for (const c of chunks) {
    const part = c.subarray(0, head.length - at);
    head.set(part, at);
    at += part.length;
    if (at === head.length) break;
  }
  document.getElementById('text').textContent = new TextDecoder().decode(head);
  requestAnimationFrame(() => requestAnimationFrame(() => {
    performance.mark('bare:first-rows');
    document.body.dataset.ready = 'true';
  }));
})();

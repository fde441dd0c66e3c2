// The floors for the viewer's figures (bench/web/run.js): the least a page can do with the same
// log, fetched as the viewer fetches it (the browser undoes Content-Encoding). bare.html?q=URL&
// floor=
//   head     "first rows": take the first 64 KiB, show them as plain text, stop reading. Mark
//            "bare:first-rows" (the first frame after the text went in).
//   inflate  "whole file indexed": read the whole body, doing nothing else with the bytes. Mark
//            "bare:indexed" (the last byte read); window.bareBytes = its size.
// Then body[data-ready] for the driver.
'use strict';

async function head(reader) {
  const HEAD = 64 * 1024;
  const chunks = [];
  let size = 0;
  while (size < HEAD) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  reader.cancel();
  const bytes = new Uint8Array(Math.min(size, HEAD));
  let at = 0;
  for (const c of chunks) {
    const part = c.subarray(0, bytes.length - at);
    bytes.set(part, at);
    at += part.length;
    if (at === bytes.length) break;
  }
  document.getElementById('text').textContent = new TextDecoder().decode(bytes);
  requestAnimationFrame(() => requestAnimationFrame(() => {
    performance.mark('bare:first-rows');
    document.body.dataset.ready = 'true';
  }));
}

async function inflate(reader) {
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
  }
  performance.mark('bare:indexed');
  window.bareBytes = size;
  document.getElementById('text').textContent = `${size} bytes`;
  document.body.dataset.ready = 'true';
}

(async () => {
  const params = new URLSearchParams(window.location.search);
  const response = await fetch(params.get('q'), { mode: 'cors', credentials: 'omit' });
  const floor = params.get('floor') === 'inflate' ? inflate : head;
  await floor(response.body.getReader());
})();

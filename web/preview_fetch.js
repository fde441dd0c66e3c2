// The log's first bytes for the plain-text preview (log_preview.js), asked for by boot.js on the
// page itself the moment config.json's answer has let the address through. The worker asks for
// the whole log too, but only once its script has arrived and started (50-100 ms into a first
// visit on the bench machine, bench/runs/): the preview no longer waits for that.
// A second GET of the same object, let go (its body cancelled) once the first screen is in. Not
// a Range request: a gzip-encoded object cut short by a range is a decoding error in the browser
// (net::ERR_CONTENT_DECODING_FAILED in the console of every page), an empty one a 416.
// No imports: the build joins it into boot.js, as LogstowPreviewFetch.

// Inflated bytes read at most: a screen and the 100 lines log_preview.js keeps back, for lines
// up to ~440 bytes.
const MAX_BYTES = 64 * 1024;

function originOf(url) {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}

// The first `length` bytes of `chunks`, in one array.
function concat(chunks, length) {
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    if (at >= length) break;
    out.set(c.subarray(0, length - at), at);
    at += Math.min(c.length, length - at);
  }
  return out;
}

/**
 * The first bytes of the log at `url` (a URL that passed url_state.js checkLogUrl), as
 * {bytes: Uint8Array, complete: whether they are the whole log}, read until `lines` newlines or
 * MAX_BYTES. `allowedOrigins`: the origins this viewer opens (a redirect elsewhere is dropped);
 * `late()`: whether a preview is of no use any more (the highlighted rows are drawn): the reading
 * stops then, with null.
 * Resolves to null when there is nothing to preview: an error answer, a folder (a redirect to
 * "<url>/", a directory marker), a ".gz" stored as it is (its bytes are gzip: the worker inflates
 * it), a failure. Never rejects: the worker's own request says what went wrong, if anything.
 */
export async function fetchPreviewBytes(url, { allowedOrigins, lines, late }) {
  let response;
  try {
    response = await fetch(url, { mode: 'cors', credentials: 'omit', redirect: 'follow',
      cache: 'no-store' });
  } catch {
    return null;
  }
  const folder = (response.redirected && new URL(response.url).pathname.endsWith('/')) ||
    /^(?:application|text)\/directory\b/i.test(response.headers.get('content-type') || '');
  if (!response.ok || folder || !response.body || late() ||
      (response.redirected && !allowedOrigins.includes(originOf(response.url)))) {
    response.body?.cancel().catch(() => {});
    return null;
  }
  const reader = response.body.getReader();
  const chunks = [];
  let length = 0;
  let newlines = 0;
  let checked = false;  // for the gzip magic
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (late()) {
        reader.cancel().catch(() => {});
        return null;
      }
      if (done) return { bytes: concat(chunks, length), complete: true };
      const part = value.subarray(0, MAX_BYTES - length);
      chunks.push(part);
      length += part.length;
      if (!checked && length >= 2) {
        checked = true;
        const head = concat(chunks, 2);
        if (head[0] === 0x1f && head[1] === 0x8b) {  // a ".gz" stored as it is
          reader.cancel().catch(() => {});
          return null;
        }
      }
      for (let at = part.indexOf(0x0a); at >= 0; at = part.indexOf(0x0a, at + 1)) ++newlines;
      if (length >= MAX_BYTES || newlines > lines) {
        reader.cancel().catch(() => {});
        return { bytes: concat(chunks, length), complete: false };
      }
    }
  } catch {
    return length ? { bytes: concat(chunks, length), complete: false } : null;
  }
}

// fetch + streams for the workers (the viewer's and the build search's: web/CMakeLists.txt joins it
// into each; defines self.LogstowFetch).
//
//  - get(url): one CORS GET with no credentials; a failure that never produced a response is
//    told apart afterwards: a CORS block (the server answers an opaque no-cors HEAD) or a network
//    failure (it does not).
//  - bodyChunks(response, stats): the body as Uint8Array chunks, as they arrive. HTTP
//    Content-Encoding is already undone by the browser; a body that still starts with the gzip
//    magic 1f 8b (a ".gz" stored as it is) is inflated here with DecompressionStream, once:
//    what comes out is never inflated again, even if it starts with 1f 8b too. Every member of
//    it is (`cat a.gz b.gz`), in order; zeros after the last are skipped, as gzip -dc does.
//  - streamInto(url, sink, between, {signal}), streamGot(got, sink, between): a GET's body
//    (streamGot: of get's answer, asked for earlier) through sink(chunk), awaiting between()
//    after each chunk when given (the viewer's worker answers row requests there); resolves to
//    null, or the answer's error. Used by both workers (worker_time.js, build_search_worker.js).
//  - stallGuard(ms): a signal that aborts GETs after `ms` without a byte (see below).
//  - binaryHead(looksBinary): the binary check on a body's first 8 KiB, fed chunk by chunk.
//  - fileDate(response): its Last-Modified in Unix seconds (null without): the year of times
//    written without one comes from it.
//  - errors as values: {kind, status, statusText, url, detail}, kind one of not-found, forbidden,
//    http, network, cors, refused (the page words each one; main.js).
//  - origins: boot.js or main.js sends {op: 'config', allowedOrigins} first;
//    until then only the worker's own origin is allowed. A URL on another origin is never
//    requested, and a response whose final URL (after redirects) is on another origin is
//    dropped unread (kind 'refused').
'use strict';

self.LogstowFetch = (() => {
  const PROBE_TIMEOUT_MS = 10000;
  const BINARY_HEAD_BYTES = 8192;  // what the binary check reads (binaryHead)
  let allowedOrigins = [self.location.origin];

  // The origins fetched from from now on (strings; others are dropped).
  function allow(origins) {
    allowedOrigins = origins.filter((o) => typeof o === 'string');
  }
  self.addEventListener('message', (event) => {
    const message = event.data;
    if (message && message.op === 'config' && Array.isArray(message.allowedOrigins)) {
      allow(message.allowedOrigins);
    }
  });

  function originOf(url) {
    try {
      return new URL(url).origin;
    } catch {
      return '';
    }
  }

  function refused(url, detail) {
    return { ok: false, error: { kind: 'refused', status: 0, statusText: '', url, detail } };
  }

  // A failed fetch (TypeError, no response): CORS block or network failure? A no-cors request
  // gets an opaque response from any server that answers at all, whatever its CORS headers.
  // Neither says whether a redirect was followed, so the blame may lie with a server it led to
  // (messages.js words it so).
  async function explainFailure(url, error) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), PROBE_TIMEOUT_MS);
    let reachable = false;
    try {
      await fetch(url, { method: 'HEAD', mode: 'no-cors', credentials: 'omit', cache: 'no-store',
        redirect: 'follow', signal: controller.signal });
      reachable = true;
    } catch {
      reachable = false;
    } finally {
      clearTimeout(timer);
    }
    // Swift answers /info to any origin with CORS headers; when it does, the server is a live
    // Swift that withheld this one answer: a missing or unshared container (Swift's 401 then
    // carries no CORS headers) or a container whose CORS list lacks this origin.
    let swift = false;
    const version = reachable ? /^(.*?)\/v1(?:\.0)?\/[^/]+\/[^/?#]+/.exec(new URL(url).pathname) : null;
    if (version) {
      try {
        const info = await fetch(`${new URL(url).origin}${version[1]}/info`, { mode: 'cors',
          credentials: 'omit', cache: 'no-store' });
        swift = info.ok && Boolean((await info.json())?.swift);
      } catch {
        swift = false;
      }
    }
    return { kind: reachable ? 'cors' : 'network', status: 0, statusText: '', url, swift,
      detail: String(error && error.message || error) };
  }

  // A short text of an error response (Swift's "401 Unauthorized: Temp URL invalid"), for the
  // details line. Small bodies only.
  async function errorDetail(response) {
    const length = Number(response.headers.get('content-length'));
    if (!(length > 0 && length <= 4096)) return '';
    try {
      const text = await response.text();
      return text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 300);
    } catch {
      return '';
    }
  }

  function httpErrorKind(status) {
    if (status === 404 || status === 410) return 'not-found';
    if (status === 401 || status === 403) return 'forbidden';
    return 'http';
  }

  /**
   * GET `url` (CORS, no credentials). Resolves to {ok: true, response} for a 2xx answer, else
   * {ok: false, error}.
   */
  async function get(url, { signal } = {}) {
    if (!allowedOrigins.includes(originOf(url))) {
      return refused(url, `${originOf(url) || url} is not an origin this viewer opens (allowed: ${allowedOrigins.join(', ')}).`);
    }
    let response;
    try {
      response = await fetch(url, { mode: 'cors', credentials: 'omit', redirect: 'follow', signal });
    } catch (error) {
      if (signal && signal.aborted) throw error;
      return { ok: false, error: await explainFailure(url, error) };
    }
    if (response.redirected && !allowedOrigins.includes(originOf(response.url))) {
      response.body?.cancel();
      return refused(url, `The storage redirected this address to ${originOf(response.url)}, which is not an origin this viewer opens (allowed: ${allowedOrigins.join(', ')}).`);
    }
    if (!response.ok) {
      return { ok: false, response, error: { kind: httpErrorKind(response.status),
        status: response.status, statusText: response.statusText, url,
        detail: await errorDetail(response) } };
    }
    return { ok: true, response };
  }

  function isGzip(bytes) {
    return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  }

  function concat(chunks, length) {
    if (chunks.length === 1) return chunks[0];
    const out = new Uint8Array(length);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }

  // --- several gzip members ---------------------------------------------------------------------
  // A stored .gz may be several members one after another (`cat a.gz b.gz`, RFC 1952), maybe
  // followed by zeros (block padding, which gzip -dc skips). DecompressionStream('gzip') reads one
  // member and fails on any byte after it ("Junk found after end of compressed data."), and the
  // output it had queued from that write is lost with the error (Chromium 156: all but the first
  // 64 KiB block). So its input is cut where a member may end: a decoder whose member ended fails
  // on the first byte of a piece, having inflated nothing of that write, and all it gave before
  // was read (it inflates only while a read waits). The 8 bytes before that piece are then the
  // member's trailer: CRC-32, and ISIZE (the bytes it gave, mod 2^32).

  const ZERO_CUTS = 10;   // one-byte pieces at the start of a run of zeros (below)
  const MIN_MEMBER = 20;  // bytes in the smallest member: header 10, deflate 2, trailer 8

  // Where `chunk` is cut: before 1f 8b 08 (a member's first bytes, method deflate) and before a
  // 1f or 1f 8b that ends the chunk (the header goes on in the next); and into one-byte pieces
  // over the first bytes of the zeros that start or end it, where a trailer may end (its last
  // bytes may be zeros: all 8 of an empty member's, and zlib's last deflate byte before them).
  function cutsOf(chunk) {
    const cuts = [];
    const cut = (at) => {
      if (at > 0 && at < chunk.length && at > (cuts[cuts.length - 1] ?? 0)) cuts.push(at);
    };
    const cutZeros = (from, to) => {
      for (let at = from; at <= Math.min(from + ZERO_CUTS, to); ++at) cut(at);
    };
    if (chunk[0] === 0) {
      let end = 1;
      while (end < chunk.length && chunk[end] === 0) ++end;
      cutZeros(0, end);
    }
    for (let at = chunk.indexOf(0x1f, 1); at >= 0; at = chunk.indexOf(0x1f, at + 1)) {
      if ((at + 1 === chunk.length || chunk[at + 1] === 0x8b) &&
          (at + 2 >= chunk.length || chunk[at + 2] === 0x08)) cut(at);
    }
    let zeros = chunk.length;
    while (zeros > 0 && chunk[zeros - 1] === 0) --zeros;
    if (zeros > 0) cutZeros(zeros, chunk.length);
    return cuts;
  }

  // The last 8 bytes of `before` then `bytes`.
  function lastEight(before, bytes) {
    if (bytes.length >= 8) return bytes.subarray(bytes.length - 8);
    return concat([before, bytes], before.length + bytes.length).slice(-8);
  }

  // Pieces are at most this long too: a decoder that fails (damage, a cut-short file) drops all
  // it inflated from the failing write but its first 64 KiB block, and a network chunk can be
  // megabytes (10-100x that inflated). 4 KiB inflate to one block at ratios up to 16.
  const WRITE_BYTES = 4096;

  // `chunks` cut (cutsOf, and every WRITE_BYTES) into pieces {bytes, before: the 8 bytes before
  // them (fewer at the start)}.
  async function* piecesOf(chunks) {
    let before = new Uint8Array(0);
    for await (const chunk of chunks) {
      let from = 0;
      for (const cut of [...cutsOf(chunk), chunk.length]) {
        for (let to = Math.min(cut, from + WRITE_BYTES); from < cut; to = Math.min(cut, from + WRITE_BYTES)) {
          const bytes = chunk.subarray(from, to);
          yield { bytes, before };
          before = lastEight(before, bytes);
          from = to;
        }
      }
    }
  }

  // One member's decoder, fed `first` then `pieces` until they end or a write fails. `fed`
  // resolves to {failed: the piece a write failed on, written: the bytes written before it}, else
  // null (the reader then gets the input's error, or the decoder's at the end: a member cut short).
  function memberDecoder(pieces, first) {
    const stream = new DecompressionStream('gzip');
    const writer = stream.writable.getWriter();
    const fed = (async () => {
      let written = 0;
      for (let piece = first; ; piece = null) {
        if (!piece) {
          let next;
          try {
            next = await pieces.next();
          } catch (error) {
            writer.abort(error).catch(() => {});
            return null;
          }
          if (next.done) {
            writer.close().catch(() => {});
            return null;
          }
          piece = next.value;
        }
        try {
          await writer.write(piece.bytes);
        } catch {
          return { failed: piece, written };
        }
        written += piece.bytes.length;
      }
    })();
    return { reader: stream.readable.getReader(), fed };
  }

  // Whether a decoder that gave `size` bytes failed because its member ended right before the
  // piece it failed on: at least MIN_MEMBER bytes went in (less is a bad header), and the 8
  // bytes before are a trailer for `size` (ISIZE; and a CRC-32 of 0 when it gave nothing), so
  // nothing it inflated was lost. Else the failure is damage.
  function endedBefore({ failed, written }, size) {
    const t = failed.before;
    if (written < MIN_MEMBER || t.length < 8) return false;
    const isize = (t[4] | t[5] << 8 | t[6] << 16 | t[7] << 24) >>> 0;
    return isize === size % 0x100000000 && (size > 0 || (t[0] | t[1] | t[2] | t[3]) === 0);
  }

  function allZero(bytes) {
    for (const b of bytes) if (b !== 0) return false;
    return true;
  }

  // Every member of a gzip stream, inflated in order (one decoder each), and zeros after the
  // last. Throws the decoder's error for damage, or for anything else after a member.
  async function* inflateMembers(pieces) {
    let decoder = memberDecoder(pieces, null);
    try {
      for (;;) {
        let size = 0;
        try {
          for (;;) {
            const { done, value } = await decoder.reader.read();
            if (done) return;
            size += value.length;
            if (value.length) yield value;
          }
        } catch (error) {
          const fed = await decoder.fed;
          if (!fed || !endedBefore(fed, size)) throw error;
          if (fed.failed.bytes[0] === 0x1f) {
            decoder = memberDecoder(pieces, fed.failed);
            continue;
          }
          if (!allZero(fed.failed.bytes)) throw error;
          for await (const piece of pieces) if (!allZero(piece.bytes)) throw error;
          return;
        }
      }
    } finally {
      decoder.reader.cancel().catch(() => {});  // a consumer that left early: the feeding stops
    }
  }

  /**
   * The body of `response` as Uint8Array chunks. `stats` is updated as it goes:
   * {received: bytes read from the response (after HTTP decoding), gzip: inflated here}.
   * Throws what the stream throws (network reset, damaged gzip): the caller keeps what came.
   */
  async function* bodyChunks(response, stats) {
    stats.received = 0;
    stats.gzip = false;
    if (!response.body) return;
    const reader = response.body.getReader();
    // Enough bytes to see the magic (a chunk may be a single byte).
    const head = [];
    let headLength = 0;
    let ended = false;
    while (headLength < 2) {
      const { done, value } = await reader.read();
      if (done) {
        ended = true;
        break;
      }
      if (value.length === 0) continue;
      head.push(value);
      headLength += value.length;
      stats.received += value.length;
    }
    const chunks = (async function* () {
      yield* head;
      while (!ended) {
        const { done, value } = await reader.read();
        if (done) return;
        stats.received += value.length;
        if (value.length) yield value;
      }
    })();
    if (!isGzip(concat(head, headLength))) {
      yield* chunks;
      return;
    }
    stats.gzip = true;
    yield* inflateMembers(piecesOf(chunks));
  }

  /**
   * The core's binary check (viewer/binary_check.h `looksBinary`) on a body's first 8 KiB, as
   * `logstow show` reads them, however the body comes in chunks (a slow link, a .gz whose first
   * member is a few bytes): feed(chunk) returns undefined until 8 KiB have come, then the
   * verdict, once; end() gives the verdict on all that came if none was given yet (a short body);
   * decided() says whether a verdict was given.
   */
  function binaryHead(looksBinary) {
    const head = new Uint8Array(BINARY_HEAD_BYTES);
    let length = 0;
    let decided = false;
    const verdict = () => {
      decided = true;
      return looksBinary(head.subarray(0, length));
    };
    return {
      feed(chunk) {
        if (decided) return undefined;
        const part = chunk.subarray(0, BINARY_HEAD_BYTES - length);
        head.set(part, length);
        length += part.length;
        return length === BINARY_HEAD_BYTES ? verdict() : undefined;
      },
      end: () => (decided ? undefined : verdict()),
      decided: () => decided,
    };
  }

  /**
   * The file's date from an answer: its Last-Modified (CORS-safelisted, so always readable) as
   * Unix seconds, or null without one. The core reads a time written without a year against it
   * (viewer/timestamp.h YearFromFileDate).
   */
  function fileDate(response) {
    const ms = Date.parse(response.headers.get('last-modified') || '');
    return Number.isFinite(ms) ? Math.floor(ms / 1000) : null;
  }

  // Streams `url`'s body through sink(chunk); resolves to null, or the fetch error. Throws what
  // bodyChunks throws.
  async function streamInto(url, sink, between, { signal } = {}) {
    return streamGot(await get(url, { signal }), sink, between);
  }

  // The same for an answer asked for earlier (get's result).
  async function streamGot(got, sink, between) {
    if (!got.ok) return got.error;
    for await (const chunk of bodyChunks(got.response, {})) {
      sink(chunk);
      if (between) await between();
    }
    return null;
  }

  /**
   * An AbortSignal for GETs that must not wait for ever on a server that stalls (the build
   * search's and the compare's, where one stalled file would hold a worker's others): it aborts
   * them when nothing came for `ms` while armed, with the error "nothing came for N s: the
   * server stalled". poke() on each chunk; pause() while an answer waits unread in the browser
   * (nobody is waiting for its bytes then), resume() when its reading starts; stop() at the end.
   */
  function stallGuard(ms) {
    const controller = new AbortController();
    let timer = 0;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => controller.abort(new Error(`nothing came for ${ms / 1000} s: the server stalled`)), ms);
    };
    const stop = () => clearTimeout(timer);
    arm();
    return { signal: controller.signal, poke: arm, resume: arm, pause: stop, stop };
  }

  return { get, bodyChunks, streamInto, streamGot, stallGuard, binaryHead, fileDate, explainFailure, isGzip, allow,
    allowed: () => allowedOrigins.slice() };
})();

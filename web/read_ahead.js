// Reads a log's body ahead of the core (classic script joined into viewer_worker.js): the network
// and the browser's inflating go on while the worker waits for the Wasm core to load, for the
// page's first draw, or works on earlier bytes, instead of stalling on a full pipe. At most
// `limitBytes` wait unread here; then reading pauses until the consumer catches up.
'use strict';

/**
 * `source`: an async iterator of Uint8Array chunks (fetch_stream.js bodyChunks); `onChunk(chunk)`
 * sees each chunk as it arrives, `onEnd(failed)` the end of the source (failed: it threw).
 * Returns {chunks(): the same chunks in order, as an async
 * iterator that throws what the source threw after the chunks before it, stop(): read no more}.
 */
function readAhead(source, limitBytes, { onChunk = () => {}, onEnd = () => {} } = {}) {
  const queue = [];
  let queued = 0;
  let ended = false;
  let stopped = false;
  let failure = null;
  let wakeConsumer = null;
  let wakeReader = null;
  const wake = (which) => {
    const resolve = which === 'consumer' ? wakeConsumer : wakeReader;
    if (which === 'consumer') wakeConsumer = null;
    else wakeReader = null;
    resolve?.();
  };
  (async () => {
    try {
      for await (const chunk of source) {
        if (stopped) break;
        onChunk(chunk);
        queue.push(chunk);
        queued += chunk.length;
        wake('consumer');
        while (queued >= limitBytes && !stopped) await new Promise((resolve) => { wakeReader = resolve; });
      }
    } catch (error) {
      failure = error;
    }
    ended = true;
    if (!stopped) onEnd(failure !== null);
    wake('consumer');
  })();
  function stop() {
    stopped = true;
    queue.length = 0;
    queued = 0;
    wake('reader');
  }
  return {
    async* chunks() {
      try {
        for (;;) {
          if (queue.length) {
            const chunk = queue.shift();
            queued -= chunk.length;
            wake('reader');
            yield chunk;
          } else if (failure) {
            throw failure;
          } else if (ended) {
            return;
          } else {
            await new Promise((resolve) => { wakeConsumer = resolve; });
          }
        }
      } finally {
        // A consumer that leaves early (break: the core holds no more) wants no more: the
        // queued bytes (up to limitBytes) are let go and the source is read no further.
        if (!ended) stop();
      }
    },
    stop,
  };
}

// A reverse proxy that trickles response bodies, to test the viewer on a slow network against
// the real Swift: requests (Origin included) go through unchanged, answers keep Swift's status
// and headers (CORS included), and the body arrives `chunk` bytes every `delayMs`; a request
// whose path `stall(path)` accepts gets its head and first chunk, then nothing more (held open).
// `answerHeaders(path, headers)`, when given, returns the headers sent instead of Swift's (a
// Last-Modified of another date, or none: Swift sets it to the upload's time, always).
// proxiedSite puts the viewer's site in front of it.
'use strict';

const http = require('node:http');

const { webDir, serveStatic } = require('./harness');

async function slowProxy(targetOrigin, { chunk = 16384, delayMs = 40, stall = () => false,
  answerHeaders = (p, headers) => headers } = {}) {
  const target = new URL(targetOrigin);
  const stats = { requests: 0, bodyBytesSent: 0, finished: 0 };
  const server = http.createServer((req, res) => {
    stats.requests += 1;
    const headers = { ...req.headers, host: target.host };
    const upstream = http.request({ host: target.hostname, port: target.port, method: req.method,
      path: req.url, headers }, (answer) => {
      const chunks = [];
      answer.on('data', (c) => chunks.push(c));
      answer.on('end', () => {
        const body = Buffer.concat(chunks);
        res.writeHead(answer.statusCode, answerHeaders(req.url, { ...answer.headers }));
        let at = 0;
        const tick = () => {
          if (res.destroyed) return;
          if (at > 0 && stall(req.url)) return;  // held: no more bytes, never ended
          if (at >= body.length) {
            stats.finished += 1;
            res.end();
            return;
          }
          const piece = body.subarray(at, at + chunk);
          at += piece.length;
          stats.bodyBytesSent += piece.length;
          res.write(piece);
          setTimeout(tick, delayMs);
        };
        tick();
      });
    });
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    stats,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(resolve);
    }),
  };
}

/**
 * A slowProxy (`options` as its) in front of `swift`, and a viewer site whose config.json allows
 * only the proxy's origin (the container's CORS list gets that site beside `site`). Resolves to
 * {origin (the proxy's: a log's URL is it + the Swift URL's path), site, close()}.
 */
async function proxiedSite({ swift, site, container }, options) {
  const proxy = await slowProxy(swift.origin, options);
  const proxySite = await serveStatic(webDir(), { '/config.json': ['application/json',
    JSON.stringify({ allowed_origins: [proxy.origin] })] });
  await swift.admin('POST', container.url, {
    'X-Container-Meta-Access-Control-Allow-Origin': `${site.origin} ${proxySite.origin}` });
  return { origin: proxy.origin, site: proxySite,
    close: async () => {
      await proxy.close();
      await proxySite.close();
    } };
}

module.exports = { slowProxy, proxiedSite };

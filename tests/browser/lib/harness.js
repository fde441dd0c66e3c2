// Shared pieces of the browser tests: Debian's Chromium launched through playwright-core (never a
// downloaded browser), and a static file server for the built site on its own origin.
'use strict';

const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');

const CHROMIUM = process.env.LOGSTOW_CHROMIUM || '/usr/bin/chromium';

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

// The built site (page + Wasm); ctest sets LOGSTOW_WEB_DIR to the Wasm build's output.
function webDir() {
  const dir = process.env.LOGSTOW_WEB_DIR;
  if (!dir || !fs.existsSync(path.join(dir, 'logstow_viewer.wasm'))) {
    throw new Error(`LOGSTOW_WEB_DIR (${dir}) holds no logstow_viewer.wasm: build with ` +
                    'LOGSTOW_WASM=ON (scripts/test does) and run through ctest');
  }
  return dir;
}

// The config.json publish-viewer would write for the test Swifts: their origins (each in
// $LOGSTOW_SWIFT_DIR/env, $LOGSTOW_SWIFT_SMALL_DIR/env when started). The viewer opens its own
// origin only without one.
function testConfigJson() {
  const origins = [];
  for (const dir of [process.env.LOGSTOW_SWIFT_DIR, process.env.LOGSTOW_SWIFT_SMALL_DIR]) {
    const file = dir && path.join(dir, 'env');
    if (!file || !fs.existsSync(file)) continue;
    const m = /LOGSTOW_SWIFT_STORAGE_URL=['"]?(https?:\/\/[^/'"\s]+)/.exec(fs.readFileSync(file, 'utf8'));
    if (m) origins.push(m[1]);
  }
  return JSON.stringify({ allowed_origins: origins });
}

// Serves `root` on 127.0.0.1 at a free port; `extra` maps URL paths to [contentType, body].
// config.json names the test Swifts' origins unless `extra` gives one.
// Resolves to { origin, close() }.
async function serveStatic(root, extra = {}) {
  extra = { '/config.json': ['application/json', testConfigJson()], ...extra };
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (extra[urlPath]) {
      const [type, body] = extra[urlPath];
      res.writeHead(200, { 'Content-Type': type });
      res.end(body);
      return;
    }
    const file = path.join(root, path.normalize(urlPath === '/' ? '/index.html' : urlPath));
    if (!file.startsWith(path.resolve(root) + path.sep) || !fs.existsSync(file) ||
        !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[path.extname(file)] || 'application/octet-stream',
    });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

// Launches headless Chromium; playwright gives each launch a fresh temporary profile.
// Resolves to { browser, close() }.
async function launchChromium() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's package "chromium" ` +
                    '(scripts/setup does), or set LOGSTOW_CHROMIUM to its path');
  }
  let playwright;
  try {
    playwright = require('playwright-core');
  } catch (err) {
    throw new Error('playwright-core is not installed: run scripts/setup (npm ci)');
  }
  const browser = await playwright.chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

// Where tests leave screenshots for people to look at (ctest sets LOGSTOW_ARTIFACTS).
function artifactPath(name) {
  const dir = process.env.LOGSTOW_ARTIFACTS || path.join(os.tmpdir(), 'logstow-artifacts');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

module.exports = { webDir, serveStatic, launchChromium, artifactPath };

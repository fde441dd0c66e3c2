// Debian's Chromium driven over a bare DevTools pipe (--remote-debugging-pipe), for benches
// that must measure the page and not the driver: Playwright enables its network and page
// instrumentation in every page and worker (each request's events are sent to node), which
// cost 2.5-4 CPU s of a 2,000-file build search here (bench/runs/2026-12-07-vm/build_search.md).
// Here only what a bench asks for is sent: no domain is enabled.
//
//   const browser = await launchBare();          // a fresh profile in a temporary directory
//   const page = await browser.newPage();        // its own browser context (no shared cache)
//   await page.navigate(url);
//   await page.waitFor('document.body.dataset.ready === "true"');
//   const value = await page.evaluate('new Promise(...)');  // awaited, returned by value
//   const same = await page.evaluate((arg) => arg.x, { x: 1 });  // a function: its source and arg
//   await page.send('Performance.getMetrics');   // any command, in the page's session
//   const events = await browser.trace(categories, async () => { ... });  // Chromium's tracer
//   await page.close(); await browser.close();
//
// The protocol over the pipe: one JSON message per command or reply, each ended by a NUL byte,
// fd 3 to Chromium, fd 4 from it. A command's error rejects with the protocol's message.
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const CHROMIUM = process.env.LOGSTOW_CHROMIUM || '/usr/bin/chromium';

// Chromium's own background work off (the same switches Playwright's launch passes for this):
// no component or field-trial downloads, extensions, sync, crash reports, first-run pages.
// Nothing that changes how a page loads or runs.
const QUIET = ['--disable-background-networking', '--disable-component-update', '--disable-default-apps',
  '--disable-extensions', '--disable-component-extensions-with-background-pages', '--disable-field-trial-config',
  '--disable-breakpad', '--disable-client-side-phishing-detection', '--disable-sync', '--no-first-run',
  '--no-default-browser-check', '--metrics-recording-only', '--password-store=basic', '--use-mock-keychain',
  '--hide-scrollbars', '--mute-audio', '--disable-features=OptimizationHints,Translate,MediaRouter,LensOverlay'];

function connect(toChromium, fromChromium, onEvent) {
  let nextId = 0;
  const waiting = new Map();
  let pending = '';
  fromChromium.setEncoding('utf8');  // a character split between two reads is joined
  fromChromium.on('data', (data) => {
    pending += data;
    for (let end = pending.indexOf('\0'); end >= 0; end = pending.indexOf('\0')) {
      const message = JSON.parse(pending.slice(0, end));
      pending = pending.slice(end + 1);
      if (message.id === undefined) {
        onEvent(message);
        continue;
      }
      const call = waiting.get(message.id);
      if (!call) continue;
      waiting.delete(message.id);
      if (message.error) call.reject(new Error(`${call.method}: ${message.error.message}`));
      else call.resolve(message.result);
    }
  });
  const send = (method, params = {}, sessionId = undefined) => new Promise((resolve, reject) => {
    const id = ++nextId;
    waiting.set(id, { method, resolve, reject });
    toChromium.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
  });
  const closed = () => {
    for (const call of waiting.values()) call.reject(new Error(`${call.method}: Chromium went away`));
    waiting.clear();
  };
  fromChromium.on('close', closed);
  return send;
}

async function launchBare() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's package "chromium", or set LOGSTOW_CHROMIUM`);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'logstow-bench-chromium-'));
  const child = spawn(CHROMIUM, ['--headless', '--no-sandbox', '--disable-gpu', '--remote-debugging-pipe',
    `--user-data-dir=${profile}`, ...QUIET, 'about:blank'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const listeners = new Map();  // event method -> [callback]
  const send = connect(child.stdio[3], child.stdio[4], (event) => {
    for (const callback of listeners.get(event.method) || []) callback(event.params);
  });
  const once = (method) => new Promise((resolve) => {
    const callbacks = listeners.get(method) || [];
    const callback = (params) => {
      callbacks.splice(callbacks.indexOf(callback), 1);
      resolve(params);
    };
    callbacks.push(callback);
    listeners.set(method, callbacks);
  });
  const { product } = await send('Browser.getVersion');

  async function newPage({ width = 1280, height = 900 } = {}) {
    const { browserContextId } = await send('Target.createBrowserContext');
    const { targetId } = await send('Target.createTarget', { url: 'about:blank', browserContextId, width, height });
    const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
    const evaluate = async (code, arg) => {
      const expression = typeof code === 'function' ? `(${code})(${arg === undefined ? '' : JSON.stringify(arg)})` : code;
      const { result, exceptionDetails } = await send('Runtime.evaluate',
        { expression, awaitPromise: true, returnByValue: true }, sessionId);
      if (exceptionDetails) {
        throw new Error(`evaluate: ${exceptionDetails.exception?.description || exceptionDetails.text}`);
      }
      return result.value;
    };
    return {
      evaluate,
      send: (method, params) => send(method, params, sessionId),
      // Resolves once the navigation committed (the response's head is in).
      navigate: (url) => send('Page.navigate', { url }, sessionId),
      // `code` (a function or its source) runs in every document before the page's scripts
      // (Chromium runs such scripts only with the Page domain enabled).
      async addInitScript(code) {
        await send('Page.enable', {}, sessionId);
        await send('Page.addScriptToEvaluateOnNewDocument',
          { source: typeof code === 'function' ? `(${code})()` : code }, sessionId);
      },
      // Polls `expression` until it is truthy; its value.
      async waitFor(expression, { pollMs = 50, timeoutMs = 600000 } = {}) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const value = await evaluate(`(() => { try { return ${expression}; } catch { return false; } })()`);
          if (value) return value;
          if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${expression}`);
          await new Promise((resolve) => setTimeout(resolve, pollMs));
        }
      },
      close: () => send('Target.disposeBrowserContext', { browserContextId }),
    };
  }

  // Chromium's trace (every process) of `categories` while `action` runs: its events.
  async function trace(categories, action) {
    await send('Tracing.start', { transferMode: 'ReturnAsStream', traceConfig: { includedCategories: categories } });
    let failure = null;
    await action().catch((error) => {
      failure = error;
    });
    const complete = once('Tracing.tracingComplete');
    await send('Tracing.end');
    const { stream } = await complete;
    if (failure) {
      await send('IO.close', { handle: stream });
      throw failure;
    }
    let text = '';
    for (;;) {
      const { data, eof, base64Encoded } = await send('IO.read', { handle: stream, size: 1 << 20 });
      text += base64Encoded ? Buffer.from(data, 'base64').toString('utf8') : data;
      if (eof) break;
    }
    await send('IO.close', { handle: stream });
    const parsed = JSON.parse(text);
    return parsed.traceEvents || parsed;
  }

  return {
    version: () => product.replace(/^[^/]*\//, ''),
    newPage,
    trace,
    async close() {
      await send('Browser.close').catch(() => child.kill());
      await exited;
      fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
    },
  };
}

module.exports = { launchBare };

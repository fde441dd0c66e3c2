// Opening the viewer page in the browser tests: one fresh context per page (its own cache and
// storage), watched for page errors, console errors, CSP violations and every request it makes
// (the page's and its worker's), plus small readers of what the page shows.
'use strict';

const assert = require('node:assert/strict');

// As web/url_state.js viewerLink (an ES module; these tests are CommonJS).
const viewerLink = (url) => `?q=${encodeURIComponent(url)}`;

// Console noise that is expected: the page asks for its optional config.json (404 when absent),
// and error pages exist to show failed fetches.
const EXPECTED_CONSOLE = [
  /Failed to load resource: the server responded with a status of 404 \(Not Found\)/,
];

/**
 * Opens `<site>/index.html?q=<q><extra><hash>`. options: colorScheme, viewport, bypassCSP,
 * expectConsole (more RegExps of expected console errors), wait (false: do not wait for
 * data-ready), waitUntil (page.goto's, default 'load'), setup (async (context) => {}: e.g.
 * routes, before the page loads). Resolves to {page, context, problems (errors seen), requests
 * (URLs)}.
 */
async function openViewer(browser, site, q, options = {}) {
  const context = await browser.newContext({
    viewport: options.viewport || { width: 1280, height: 800 },
    colorScheme: options.colorScheme || 'light',
    bypassCSP: Boolean(options.bypassCSP),
    acceptDownloads: true,
  });
  if (options.setup) await options.setup(context);
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  const expected = EXPECTED_CONSOLE.concat(options.expectConsole || []);
  page.on('pageerror', (err) => problems.push(`pageerror: ${err}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error' && msg.type() !== 'warning') return;
    const text = msg.text();
    if (/Content.Security.Policy|Trusted Type|Refused to/i.test(text) ||
        (msg.type() === 'error' && !expected.some((re) => re.test(text)))) {
      problems.push(`console ${msg.type()}: ${text}`);
    }
  });
  context.on('request', (request) => requests.push(request.url()));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  const url = q === null ? `${site.origin}/index.html${options.extra || ''}`
    : `${site.origin}/index.html${viewerLink(q)}${options.extra || ''}${options.hash || ''}`;
  await page.goto(url, { waitUntil: options.waitUntil || 'load' });
  if (options.wait !== false) await waitReady(page);
  return { page, context, problems, requests, url };
}

async function waitReady(page, timeout = 60000) {
  await page.waitForFunction(() => document.body && (document.body.dataset.ready === 'true' ||
    document.body.dataset.ready === 'error'), null, { timeout });
}

// Runs `act` (a click, a key) that navigates to the viewer for `q`, and waits for that page to
// be ready (never for the page it leaves).
async function navigateTo(page, q, act) {
  await Promise.all([
    page.waitForURL((url) => new URL(url).searchParams.get('q') === q),
    act(),
  ]);
  await waitReady(page);
}

// Everything that went wrong on the page: errors, unexpected console errors, CSP violations.
async function pageProblems(opened) {
  const violations = await opened.page.evaluate(() => window.__cspViolations || []);
  return opened.problems.concat(violations.map((v) => `CSP violation: ${v}`));
}

// Asserts that nothing went wrong on the page (pageProblems), then closes its context.
async function closeClean(opened) {
  assert.deepEqual(await pageProblems(opened), []);
  await opened.context.close();
}

// The drawn rows: [{line, classes, text}] in order.
async function drawnRows(page) {
  return page.$$eval('#log .row', (rows) => rows.map((row) => ({
    line: Number(row.dataset.line),
    classes: row.className,
    text: row.querySelector('.tx').textContent,
  })));
}

// Rows whose top edge is inside the log's viewport.
async function visibleLines(page) {
  return page.evaluate(() => {
    const log = document.getElementById('log');
    const box = log.getBoundingClientRect();
    return Array.from(log.querySelectorAll('.row'))
      .filter((row) => {
        const r = row.getBoundingClientRect();
        return r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
      })
      .map((row) => Number(row.dataset.line));
  });
}

// Waits until the rows around `line` are drawn with their text (not placeholders).
async function waitForRow(page, line, timeout = 20000) {
  await page.waitForFunction((n) => {
    const row = document.querySelector(`#log .row[data-line="${n}"]`);
    return row && !row.classList.contains('pending');
  }, line, { timeout });
}

// Waits until row `line` is drawn and wholly inside the log's viewport.
async function waitForVisibleLine(page, line, timeout = 20000) {
  await page.waitForFunction((n) => {
    const log = document.getElementById('log');
    const row = log.querySelector(`.row[data-line="${n}"]`);
    if (!row || row.classList.contains('pending')) return false;
    const box = log.getBoundingClientRect();
    const r = row.getBoundingClientRect();
    return r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
  }, line, { timeout });
}

// Resolves once handlers that markup inserted so far could trigger have had their turn: a
// control image requested now from the page's own origin has fired its load or error event
// (a hostile <img src=x> asked earlier would have fired first), then a timer queued after
// every earlier one has run. An event to wait for instead of a fixed sleep.
async function handlersSettled(page) {
  await page.evaluate(() => new Promise((resolve) => {
    const img = new Image();
    img.onload = img.onerror = () => setTimeout(resolve, 0);
    img.src = `config.json?control=${Date.now()}`;
  }));
}

// Resolves once web fonts are loaded and two frames were painted: what a screenshot shows.
async function painted(page) {
  await page.evaluate(() => document.fonts.ready.then(() => new Promise((resolve) =>
    requestAnimationFrame(() => requestAnimationFrame(resolve)))));
}

module.exports = { openViewer, waitReady, navigateTo, pageProblems, closeClean, drawnRows, visibleLines, waitForRow,
  waitForVisibleLine, handlersSettled, painted };

// The viewer as an attacker sees it, in real Chromium against the real local Swift: hostile q=
// values are refused before any fetch or navigation; config.json's allow-list holds (and a broken
// one opens nothing); log lines made of HTML and JavaScript stay text even with CSP switched off
// (so the escaping itself is tested, not only the CSP); the CSP and Trusted Types are enforced;
// and the four ways a fetch fails (404, 403, network, CORS) each get their own message.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { test, before, after } = require('node:test');

const { webDir, serveStatic, artifactPath } = require('./lib/harness');
const { openViewer, closeClean, drawnRows, waitForRow, handlersSettled } = require('./lib/viewer_page');
const { startViewerFixture } = require('./lib/viewer_fixture');

let fixture;  // lib/viewer_fixture.js
let swift;
let site;
let chromium;
let container;
let evil;            // records every request that reaches it: none may
const evilHits = [];

async function listen(handler) {
  const server = http.createServer(handler);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }) };
}

const HOSTILE_LINES = [
  '2026-11-30 06:00:00.000 1 ERROR x [-] <script>window.__pwned = "script"</script>',
  '2026-11-30 06:00:01.000 1 WARNING x [-] <img src=x onerror="window.__pwned=\'img\'">',
  '"><svg onload="window.__pwned=\'svg\'"></svg><div class="row">fake row</div>',
  '</span></div><a href="javascript:window.__pwned=\'link\'">click me</a>',
  '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
  'see javascript:window.__pwned=1 and https://example.org/a?b=<c>&d="e" and data:text/html,<b>x</b>',
  '&lt;b&gt;entities stay as written&lt;/b&gt; &amp; &#60;script&#62;',
  '\u001b]8;;javascript:window.__pwned=8\u001b\\an OSC 8 link to javascript:\u001b]8;;\u001b\\ end',
  '\u001b]8;;https://example.org/ok\u001b\\an OSC 8 link to https\u001b]8;;\u001b\\ end',
  '\u001b[31;1m<b>red bold markup</b>\u001b[0m plain',
  '{{constructor.constructor("window.__pwned=1")()}} ${window.__pwned=1} `${1}`',
  'a NUL \u0000 byte and a bell \u0007 and U+202E \u202e reversed',
];
// What a terminal shows for each (viewer/ansi.h: escape sequences applied, other C0 controls as
// control pictures, U+2400 + c).
const HOSTILE_SHOWN = HOSTILE_LINES.map((line) => line
  .replace(/\u001b\]8;;[^\u001b]*\u001b\\/g, '')
  .replace(/\u001b\[[0-9;]*m/g, '')
  .replace(/[\u0000-\u0008\u000a-\u001f]/g, (c) => String.fromCharCode(0x2400 + c.charCodeAt(0))));

before(async () => {
  fixture = await startViewerFixture('viewer-security');
  ({ swift, site, container, chromium } = fixture);
  evil = await listen((req, res) => {
    evilHits.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'text/plain' });
    res.end('evil\n');
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lsv-sec-'));
  fs.writeFileSync(path.join(dir, 'hostile.log'), `${HOSTILE_LINES.join('\n')}\n`);
  fs.writeFileSync(path.join(dir, 'ok.txt'), 'fine\n');
  await swift.upload(container.name, container.key, 'job/', dir);
});

after(async () => {
  await evil?.close();
  await fixture?.stop();
});

// Requests that left the page's own origin.
function foreignRequests(opened, origin = site.origin) {
  return opened.requests.filter((url) => !url.startsWith(`${origin}/`));
}

test('hostile q= values are refused with a reason, without a fetch or a navigation', async () => {
  const e = evil.origin;
  const cases = [
    ['javascript:window.__pwned=1', 'scheme'],
    ['JaVaScRiPt:window.__pwned=1', 'scheme'],
    ['java\tscript:window.__pwned=1', 'scheme'],
    [' javascript:window.__pwned=1', 'scheme'],
    ['data:text/html,<script>window.__pwned=1</script>', 'scheme'],
    ['data:text/plain;base64,aGk=', 'scheme'],
    ['file:///etc/passwd', 'scheme'],
    [`blob:${e}/0d9c4d8e-0000-4000-8000-000000000000`, 'scheme'],
    [`ftp://127.0.0.1:${new URL(e).port}/x.txt`, 'scheme'],
    ['/v1/AUTH_test/logs/x.txt', 'not-absolute'],
    ['job/hostile.log', 'not-absolute'],
    [`//${new URL(e).host}/x.txt`, 'not-absolute'],
    [`http://user:pw@${new URL(e).host}/x.txt`, 'credentials'],
    ['', 'missing'],
  ];
  for (const [q, code] of cases) {
    const opened = await openViewer(chromium.browser, site, q);
    const { page } = opened;
    assert.equal(await page.evaluate(() => document.body.dataset.mode), 'error', JSON.stringify(q));
    assert.equal(await page.$eval('#message', (m) => [m.dataset.kind, m.dataset.refusal].join(' ')), `refused ${code}`, JSON.stringify(q));
    assert.match(await page.textContent('#message h1'), /This address is not opened/);
    assert.deepEqual(foreignRequests(opened), [], JSON.stringify(q));
    assert.equal(await page.$$eval('#message a', (a) => a.length), 0, 'no link to a refused address');
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.ok(page.url().startsWith(`${site.origin}/index.html?q=`), 'still on the viewer');
    // The refused text is shown as text.
    if (q) assert.equal(await page.textContent('#message .address code'), q);
    await closeClean(opened);
  }
  assert.deepEqual(evilHits, []);
});

test('config.json: its allow-list admits only its origins; a broken config.json opens nothing', async () => {
  const allowList = JSON.stringify({ allowed_origins: [swift.origin] });
  const guarded = await serveStatic(webDir(), { '/config.json': ['application/json', allowList] });
  const broken = await serveStatic(webDir(), { '/config.json': ['application/json', '{"allowed_origins": "everything"'] });
  try {
    await swift.createContainer(container.name, { unique: false, key: container.key,
      origins: [site.origin, guarded.origin, broken.origin] });
    const okUrl = `${container.url}/job/ok.txt`;
    const allowed = await openViewer(chromium.browser, guarded, okUrl);
    assert.equal(await allowed.page.evaluate(() => document.body.dataset.ready), 'true');
    await waitForRow(allowed.page, 1);
    assert.equal(await allowed.page.textContent('#log .row[data-line="1"] .tx'), 'fine');
    await closeClean(allowed);

    // Same Swift under another name (another origin), and another server: refused, not fetched.
    for (const q of [`${evil.origin}/v1/AUTH_test/logs/x.txt`,
      okUrl.replace('127.0.0.1', 'localhost')]) {
      const refused = await openViewer(chromium.browser, guarded, q);
      assert.equal(await refused.page.$eval('#message', (m) => m.dataset.refusal), 'origin', q);
      assert.match(await refused.page.textContent('#message'), /is not one of the log servers this viewer is configured for/);
      assert.deepEqual(foreignRequests(refused, guarded.origin), [], q);
      await closeClean(refused);
    }

    const misconfigured = await openViewer(chromium.browser, broken, okUrl);
    assert.equal(await misconfigured.page.$eval('#message', (m) => m.dataset.kind), 'config');
    assert.match(await misconfigured.page.textContent('#message'), /config\.json is not JSON/);
    assert.deepEqual(foreignRequests(misconfigured, broken.origin), []);
    await closeClean(misconfigured);

    // config.json is read once, by the worker, and the page decides from the same answer: a
    // transient 503 that a second read would not see still opens nothing (a new user's trial
    // saw the worker fetch the log while the page said "Nothing was fetched").
    let configReads = 0;
    const transient = await openViewer(chromium.browser, guarded, okUrl, {
      wait: false,
      expectConsole: [/503/],
      setup: (context) => context.route(`${guarded.origin}/config.json`, (route) => {
        configReads += 1;
        return configReads === 1 ? route.fulfill({ status: 503, body: 'busy' }) : route.continue();
      }),
    });
    await transient.page.waitForFunction(() => document.querySelector('#message')?.dataset.kind === 'config');
    assert.match(await transient.page.textContent('#message'), /config\.json beside the page answered HTTP 503/);
    assert.deepEqual(foreignRequests(transient, guarded.origin), []);
    assert.equal(configReads, 1);
    await closeClean(transient);

    // config.json that never answers: after config_answer.js's CONFIG_TIMEOUT_MS (10 s) the page
    // says so and opens nothing, rather than showing "loading" for ever.
    const silent = await openViewer(chromium.browser, guarded, okUrl, {
      wait: false,
      setup: (context) => context.route(`${guarded.origin}/config.json`, () => {}),  // never answered
    });
    await silent.page.waitForFunction(() => document.querySelector('#message')?.dataset.kind === 'config',
      null, { timeout: 30000 });
    assert.match(await silent.page.textContent('#message'), /config\.json beside the page could not be read \(no answer in 10 s\)/);
    assert.deepEqual(foreignRequests(silent, guarded.origin), []);
    await closeClean(silent);
  } finally {
    await guarded.close();
    await broken.close();
  }
  assert.deepEqual(evilHits, []);
});

test('log lines made of HTML and JavaScript render as text (CSP switched off: escaping alone)', async () => {
  const opened = await openViewer(chromium.browser, site, `${container.url}/job/hostile.log`, { bypassCSP: true });
  const { page } = opened;
  await waitForRow(page, HOSTILE_LINES.length);
  await handlersSettled(page);  // an inserted onload / onerror would have run by now
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.evaluate(() => window.parent.__pwned), undefined);
  const rows = await drawnRows(page);
  assert.deepEqual(rows.map((r) => r.text), HOSTILE_SHOWN);
  // Only the viewer's own elements, and only http(s) and #L links.
  const tags = await page.$$eval('#log *', (all) => Array.from(new Set(all.map((e) => e.tagName))).sort());
  assert.deepEqual(tags, ['A', 'DIV', 'SPAN']);
  const hrefs = await page.$$eval('#log a', (a) => a.map((x) => x.getAttribute('href')));
  for (const href of hrefs) assert.match(href, /^(#L\d+|https?:\/\/)/, href);
  assert.ok(hrefs.includes('https://example.org/ok'), 'the https OSC 8 link is a link');
  assert.equal(await page.$$eval('#log [onerror], #log [onload], #log [srcdoc], #log [style*="url"]', (e) => e.length), 0);
  // Clicking the text that looks like a javascript: link does nothing either.
  await page.click(`#log .row[data-line="4"] .tx`);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await page.screenshot({ path: artifactPath('viewer-hostile-lines.png') });
  await closeClean(opened);
});

test('the CSP is strict and enforced; Trusted Types block every HTML and script sink', async () => {
  const opened = await openViewer(chromium.browser, site, `${container.url}/job/ok.txt`);
  const { page } = opened;
  const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.content);
  const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  // No 'unsafe-inline', no 'unsafe-eval', no data:/blob: scripts; data: only for CSS icon images.
  assert.deepEqual(directives, {
    'default-src': ["'none'"],
    'script-src': ["'self'", "'wasm-unsafe-eval'"],
    'worker-src': ["'self'"],
    'style-src': ["'self'"],
    'connect-src': ["'self'", 'http:', 'https:'],
    'img-src': ["'self'", 'data:'],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
  });
  const trustedTypes = await page.$$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.map((e) => e.content));
  assert.equal(trustedTypes[1], "require-trusted-types-for 'script'; trusted-types logstow");
  const attempts = await page.evaluate(() => {
    const outcome = (f) => {
      try {
        f();
        return 'allowed';
      } catch (err) {
        return err.name;
      }
    };
    return {
      innerHTML: outcome(() => { document.body.innerHTML = '<b>x</b>'; }),
      insertAdjacentHTML: outcome(() => document.body.insertAdjacentHTML('beforeend', '<b>x</b>')),
      scriptText: outcome(() => {
        const s = document.createElement('script');
        s.textContent = 'window.__inline = 1';
        document.body.append(s);
      }),
      scriptSrc: outcome(() => { document.createElement('script').src = 'data:text/javascript,1'; }),
      worker: outcome(() => new Worker('data:text/javascript,1')),
      // A string run later by the page itself (eval inside page.evaluate is exempt from CSP:
      // DevTools' Runtime.evaluate allows it).
      timerString: outcome(() => setTimeout('window.__evaluated = 1', 0)),
    };
  });
  assert.deepEqual(attempts, { innerHTML: 'TypeError', insertAdjacentHTML: 'TypeError', scriptText: 'TypeError',
    scriptSrc: 'TypeError', worker: 'TypeError', timerString: 'TypeError' });
  // A timer queued now runs after any the attempts above could have queued.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
  assert.equal(await page.evaluate(() => window.__inline), undefined);
  assert.equal(await page.evaluate(() => window.__evaluated), undefined);
  await opened.context.close();  // the attempts above are expected CSP reports
});

test('404, 403, 401, network failure and CORS block each get their own message', async () => {
  const gateway = await listen((req, res) => {  // a proxy in front of the storage that says 403
    res.writeHead(403, { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'text/plain', 'Content-Length': '13' });
    res.end('403 Forbidden');
  });
  const closed = await listen(() => {});
  const closedOrigin = closed.origin;
  await closed.close();  // nothing listens there any more
  // A server that sends no CORS headers, and one that redirects there (its redirect allows any
  // origin): the browser follows it, refuses the answer and tells the page nothing of the redirect.
  const bare = await listen((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end('not for browsers\n');
  });
  const redirector = await listen((req, res) => {
    res.writeHead(302, { Location: `${bare.origin}${req.url}`, 'Access-Control-Allow-Origin': '*' });
    res.end();
  });
  // A viewer whose config.json lists the gateway, the dead server and the redirector as log
  // origins too (else it would refuse them before asking).
  const errSite = await serveStatic(webDir(), { '/config.json': ['application/json',
    JSON.stringify({ allowed_origins: [swift.origin, gateway.origin, closedOrigin, redirector.origin] })] });
  await swift.admin('POST', container.url, { 'X-Container-Meta-Access-Control-Allow-Origin': `${site.origin} ${errSite.origin}` });
  const privateContainer = await swift.createContainer('viewer-private', { read: null, origins: [errSite.origin] });
  const noCors = await swift.createContainer('viewer-nocors', { origins: [] });
  await swift.put(privateContainer.name, 'x.txt', 'secret\n', { 'Content-Type': 'text/plain' });
  await swift.put(noCors.name, 'x.txt', 'public but not for this origin\n', { 'Content-Type': 'text/plain' });
  const cases = [
    { q: `${container.url}/job/missing.txt`, kind: 'not-found', title: 'Not found (HTTP 404)', says: /has no log or folder at this address/ },
    { q: `${gateway.origin}/v1/AUTH_test/logs/x.txt`, kind: 'forbidden', title: 'Container missing or not shared (HTTP 403)', says: /does not exist, or it is not shared/ },
    { q: `${privateContainer.url}/x.txt`, kind: 'forbidden', title: 'Container missing or not shared (HTTP 401)', says: /X-Container-Read: \.r:\*,\.rlistings/ },
    { q: `${closedOrigin}/v1/AUTH_test/logs/x.txt`, kind: 'network', title: 'The storage could not be reached',
      says: new RegExp(`No answer from ${new URL(closedOrigin).host.replace(/[.]/g, '\\.')}, or from a server it redirected to`) },
    // Never "the first server sent no CORS headers" alone: it may have redirected (it did here).
    { q: `${redirector.origin}/logs/x.txt`, kind: 'cors', title: 'The storage does not allow this origin',
      says: new RegExp(`${new URL(redirector.origin).host.replace(/[.]/g, '\\.')}, or a server it redirected to, answered without Access-Control-Allow-Origin`) },
    { q: `${noCors.url}/x.txt`, kind: 'cors', title: 'Container missing or not shared, or this origin not allowed',
      says: new RegExp(`X-Container-Meta-Access-Control-Allow-Origin: ${errSite.origin.replace(/[.]/g, '\\.')}`) },
    { q: `${container.url}/nothing-here/`, kind: 'not-found', title: 'No folder here', says: /What was tried, in order/ },
  ];
  const titles = new Set();
  try {
    for (const c of cases) {
      const opened = await openViewer(chromium.browser, errSite, c.q, {
        expectConsole: [/Failed to load resource/, /blocked by CORS policy/, /net::ERR_/],
      });
      const { page } = opened;
      assert.equal(await page.evaluate(() => document.body.dataset.ready), 'error', c.q);
      assert.equal(await page.$eval('#message', (m) => m.dataset.kind), c.kind, c.q);
      const title = await page.textContent('#message h1');
      assert.equal(title, c.title, c.q);
      assert.match(await page.textContent('#message'), c.says, c.q);
      assert.equal(await page.getAttribute('#message a.button', 'href'), c.q, 'a raw link to try');
      titles.add(title);
      await page.screenshot({ path: artifactPath(`viewer-error-${c.kind}-${titles.size}.png`) });
      await closeClean(opened);
    }
    assert.equal(titles.size, cases.length, 'every failure has its own message');
  } finally {
    await gateway.close();
    await redirector.close();
    await bare.close();
    await errSite.close();
    await swift.deleteContainer(privateContainer.name);
    await swift.deleteContainer(noCors.name);
  }
});

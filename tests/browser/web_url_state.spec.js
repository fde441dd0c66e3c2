// web/url_state.js under node (no browser): which q= values may be fetched, the reading state a
// shared link carries, config.json, and the Swift URLs derived from q= (listings, manifests,
// breadcrumbs, folder entries). Tables of cases, as the viewer core's parser tests.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test, before } = require('node:test');

let u;
before(async () => {
  // Imported from a data: URL, which node always takes for an ES module (web/ has no
  // package.json saying so, and needs none in the browser).
  const source = fs.readFileSync(path.join(__dirname, '..', '..', 'web', 'url_state.js'), 'utf8');
  u = await import(`data:text/javascript,${encodeURIComponent(source)}`);
});

test('checkLogUrl refuses everything but absolute http(s) URLs, with a reason', () => {
  const cases = [
    ['javascript:window.__pwned=1', 'scheme'],
    ['JaVaScRiPt:alert(1)', 'scheme'],
    ['java\tscript:alert(1)', 'scheme'],
    ['java\nscript:alert(1)', 'scheme'],
    [' javascript:alert(1)', 'scheme'],
    ['data:text/html,<script>alert(1)</script>', 'scheme'],
    ['file:///etc/passwd', 'scheme'],
    ['blob:https://swift.example/0d9c', 'scheme'],
    ['ftp://swift.example/logs/x.txt', 'scheme'],
    ['ws://swift.example/logs/x.txt', 'scheme'],
    ['vbscript:msgbox(1)', 'scheme'],
    ['/v1/AUTH_ci/logs/x.txt', 'not-absolute'],
    ['logs/job-output.txt', 'not-absolute'],
    ['//evil.example/x.txt', 'not-absolute'],
    ['\\\\evil.example\\x.txt', 'not-absolute'],
    ['https://user:secret@swift.example/x.txt', 'credentials'],
    ['https://user@swift.example/x.txt', 'credentials'],
    ['', 'missing'],
    [null, 'missing'],
    [`https://swift.example/${'a'.repeat(9000)}`, 'too-long'],
  ];
  for (const [q, code] of cases) {
    const result = u.checkLogUrl(q, { pageProtocol: 'https:' });
    assert.equal(result.ok, false, JSON.stringify(q));
    assert.equal(result.code, code, JSON.stringify(q));
    assert.ok(result.reason.length > 20, JSON.stringify(q));
  }
});

test('checkLogUrl accepts http(s), drops the fragment, applies the allow-list and mixed content', () => {
  const ok = u.checkLogUrl('https://swift.example/v1/AUTH_ci/logs/a%20b.txt#L3', { pageProtocol: 'https:',
    pageOrigin: 'https://swift.example' });
  assert.equal(ok.ok, true);
  assert.equal(ok.url.href, 'https://swift.example/v1/AUTH_ci/logs/a%20b.txt');
  const allow = { allowedOrigins: ['https://swift.example'], pageProtocol: 'https:' };
  assert.equal(u.checkLogUrl('https://swift.example/x.txt', allow).ok, true);
  assert.equal(u.checkLogUrl('https://swift.example:443/x.txt', allow).ok, true);
  assert.equal(u.checkLogUrl('https://evil.example/x.txt', allow).code, 'origin');
  assert.equal(u.checkLogUrl('https://swift.example.evil.example/x.txt', allow).code, 'origin');
  assert.equal(u.checkLogUrl('http://swift.example/x.txt', allow).code, 'origin');
  assert.equal(u.checkLogUrl('https://swift.example:8443/x.txt', allow).code, 'origin');
  const any = { allowedOrigins: ['http://swift.example', 'http://127.0.0.1:8080'] };
  assert.equal(u.checkLogUrl('http://swift.example/x.txt', { ...any, pageProtocol: 'https:' }).code, 'mixed-content');
  assert.equal(u.checkLogUrl('http://127.0.0.1:8080/x.txt', { ...any, pageProtocol: 'https:' }).ok, true);
  assert.equal(u.checkLogUrl('http://swift.example/x.txt', { ...any, pageProtocol: 'http:' }).ok, true);
  // A refusal names the origins that are allowed.
  assert.match(u.checkLogUrl('https://evil.example/x.txt', allow).reason, /opens logs from https:\/\/swift\.example only/);
});

test('an empty allow-list means this page\'s own origin only, never any; malformed and repeated q are refused', () => {
  const own = { allowedOrigins: [], pageProtocol: 'https:', pageOrigin: 'https://viewer.example' };
  assert.equal(u.checkLogUrl('https://viewer.example/v1/A/logs/x.txt', own).ok, true);
  const refused = u.checkLogUrl('https://attacker.example/evil.log', own);
  assert.equal(refused.code, 'origin');
  assert.deepEqual(refused.allowed, ['https://viewer.example']);
  assert.match(refused.reason, /https:\/\/viewer\.example only/);
  assert.match(refused.reason, /its config\.json names no log servers/);
  // No config.json at all is said as such, not as a config.json naming no servers.
  const none = u.checkLogUrl('https://attacker.example/evil.log', { ...own, configMissing: true });
  assert.equal(none.code, 'origin');
  assert.match(none.reason, /it has no config\.json \(HTTP 404\), so it opens addresses on https:\/\/viewer\.example only/);
  assert.doesNotMatch(none.reason, /names no log servers/);
  assert.equal(u.checkLogUrl('https://attacker.example/evil.log', { allowedOrigins: [] }).code, 'origin');
  const malformed = u.parseViewerUrl('?q=%', '');
  assert.equal(malformed.qProblem, 'malformed');
  assert.equal(u.checkLogUrl(malformed.q, { problem: malformed.qProblem }).code, 'malformed');
  const repeated = u.parseViewerUrl('?q=https%3A%2F%2Fa.example%2Fx&q=https%3A%2F%2Fb.example%2Fy', '');
  assert.equal(repeated.qProblem, 'repeated');
  assert.equal(u.checkLogUrl(repeated.q, { ...own, problem: repeated.qProblem }).code, 'repeated');
  assert.equal(u.parseViewerUrl('?q=%&q=https%3A%2F%2Fa.example%2F', '').qProblem, 'repeated');
});

test('names: control characters as Control Pictures, empty segments as crumbs, decoded titles', () => {
  assert.equal(u.visibleName('a\tb\nc\rd\x7fe\x00'), 'a\u2409b\u240ac\u240dd\u2421e\u2400');
  const crumbs = u.breadcrumbs(new URL('https://s.example/v1/A/logs/a//b%0Ac/'));
  assert.deepEqual(crumbs.map((c) => c.label), ['logs', 'a', '\u2205', 'b\u240ac']);
  assert.deepEqual(crumbs.map((c) => c.empty), [false, false, true, false]);
  assert.equal(crumbs[2].url, 'https://s.example/v1/A/logs/a//');
  assert.equal(u.pageTitle(new URL('https://s.example/v1/A/logs/%C3%A9quipe/')), '\u00e9quipe/ \u2013 logstow');
  assert.equal(u.pageTitle(new URL('https://s.example/v1/A/logs/x%09y.txt')), 'x\u2409y.txt \u2013 logstow');
  assert.equal(u.childUrl('https://s.example/v1/A/logs/a/', '/'), 'https://s.example/v1/A/logs/a//');
});

test('config.json: allowed_origins must be origins; broken files are errors, not "allow all"', () => {
  assert.deepEqual(u.parseConfig(null), { ok: true, config: { allowedOrigins: [], rules: '', missing: true }, error: '' });
  assert.deepEqual(u.parseConfig('{"allowed_origins": ["https://swift.example", "http://127.0.0.1:8080"]}').config,
    { allowedOrigins: ['https://swift.example', 'http://127.0.0.1:8080'], rules: '', missing: false });
  assert.deepEqual(u.parseConfig('{}').config, { allowedOrigins: [], rules: '', missing: false });
  assert.deepEqual(u.parseConfig('{"rules": "rules.json"}').config, { allowedOrigins: [], rules: 'rules.json', missing: false });
  for (const text of ['{not json', '[]', '"x"', '{"allowed_origins": "https://a.example"}',
    '{"allowed_origins": ["https://a.example/logs/"]}', '{"allowed_origins": ["javascript:x"]}',
    '{"allowed_origins": [1]}', '{"allowed_origins": ["*"]}', '{"rules": ["a.json"]}', '{"rules": 1}']) {
    const result = u.parseConfig(text);
    assert.equal(result.ok, false, text);
    assert.match(result.error, /config\.json/, text);
  }
});

test('config.json\'s HTTP answer: 404 means none; any other failure is an error, never "allow all"', () => {
  assert.deepEqual(u.configFromAnswer({ status: 404, text: '' }), u.parseConfig(null));
  assert.deepEqual(u.configFromAnswer({ status: 200, text: '{"allowed_origins": ["https://a.example"]}' }).config,
    { allowedOrigins: ['https://a.example'], rules: '', missing: false });
  assert.equal(u.configFromAnswer({ status: 200, text: '{not json' }).ok, false);
  for (const [answer, reason] of [[{ status: 503, text: '' }, /answered HTTP 503/],
    [{ status: 304, text: '' }, /answered HTTP 304/], [{ status: 0, error: 'Failed to fetch' }, /could not be read \(Failed to fetch\)/]]) {
    const result = u.configFromAnswer(answer);
    assert.equal(result.ok, false, JSON.stringify(answer));
    assert.match(result.error, reason);
  }
});

test('config.json "rules": a rule file on the viewer\'s own origin only', () => {
  const page = 'https://viewer.example/logviewer/index.html?q=x';
  assert.deepEqual(u.rulesUrl('', page), { ok: true, url: '' });
  assert.deepEqual(u.rulesUrl('rules.json', page), { ok: true, url: 'https://viewer.example/logviewer/rules.json' });
  assert.deepEqual(u.rulesUrl('/site/rules.json#x', page), { ok: true, url: 'https://viewer.example/site/rules.json' });
  for (const bad of ['https://swift.example/logs/rules.json', '//swift.example/rules.json', 'javascript:alert(1)',
    'data:application/json,{}', 'http://viewer.example/rules.json']) {
    const result = u.rulesUrl(bad, page);
    assert.equal(result.ok, false, bad);
    assert.match(result.error, /config\.json: "rules" .*own origin \(https:\/\/viewer\.example\)/, bad);
  }
});

test('the reading state round-trips through the URL; junk falls back to defaults', () => {
  const state = u.parseViewerUrl('?q=https%3A%2F%2Fs.example%2Fa%2Bb.txt&severity=warning&context=3&search=req-%5B0-9%5D%2B&icase=1&wrap=1', '#L20-L10');
  assert.deepEqual(state, { q: 'https://s.example/a+b.txt', qProblem: '', severity: 'WARNING', context: 3,
    search: 'req-[0-9]+', icase: true, literal: false, wrap: true, selection: { first: 10, last: 20 }, lineProblem: '', trail: '',
    time: '', timeMs: null, baseline: '', newOnly: false });
  // Wrapping is the default, so only wrap=0 is ever written (old links' wrap=1 still reads).
  assert.equal(u.formatViewerUrl(state),
    '?q=https%3A%2F%2Fs.example%2Fa%2Bb.txt&severity=WARNING&context=3&search=req-%5B0-9%5D%2B&icase=1#L10-L20');
  assert.equal(u.parseViewerUrl('?q=x&wrap=0', '').wrap, false);
  // People type the other spellings of "off" too; only wrap=0 is written.
  for (const off of ['false', 'FALSE', 'No', 'off', 'OFF']) {
    assert.equal(u.parseViewerUrl(`?q=x&wrap=${off}`, '').wrap, false, off);
    assert.match(u.formatViewerUrl(u.parseViewerUrl(`?q=x&wrap=${off}`, '')), /&wrap=0$/, off);
  }
  for (const on of ['1', 'true', 'Yes', 'on', '', 'sideways']) {
    assert.equal(u.parseViewerUrl(`?q=x&wrap=${on}`, '').wrap, true, on);
  }
  assert.match(u.formatViewerUrl({ ...state, wrap: false }), /&wrap=0#/);
  // A literal '+' in q stays a plus (object names have them).
  assert.equal(u.parseViewerUrl('?q=https://s.example/a+b.txt', '').q, 'https://s.example/a+b.txt');
  const junk = u.parseViewerUrl('?severity=LOUD&context=-4&q=%E0%A4%A', '#L0');
  assert.deepEqual(junk, { q: '', qProblem: 'malformed', severity: '', context: 0, search: '', icase: false, literal: false,
    wrap: true, selection: null, lineProblem: '#L0 is not a line: lines count from 1', trail: '', time: '', timeMs: null,
    baseline: '', newOnly: false });
  // A folder's request-id trail (&trail=) round-trips too.
  const trail = u.parseViewerUrl('?q=https%3A%2F%2Fs.example%2Fb%2F&trail=req-1%2B2', '');
  assert.equal(trail.trail, 'req-1+2');
  assert.equal(u.formatViewerUrl(trail), '?q=https%3A%2F%2Fs.example%2Fb%2F&trail=req-1%2B2');
  assert.equal(u.parseViewerUrl('?context=500&severity=ERROR', '').context, 50);
  for (const hash of ['#L', '#Lx', '#L-1', '#L1--', '#L1-x', '#line10', '#L99999999999']) {
    assert.equal(u.parseLineHash(hash), null, hash);
  }
  assert.deepEqual(u.parseLineHash('#L7'), { first: 7, last: 7 });
  // A range cut short when pasted ("#L7448-") is its first line.
  assert.deepEqual(u.parseLineHash('#L7448-'), { first: 7448, last: 7448 });
  assert.deepEqual(u.parseLineHash('#L7448-L'), { first: 7448, last: 7448 });
  // A "#L…" that selects nothing says why (the view shows it); good links and other fragments
  // have nothing to say.
  for (const [hash, why] of [['#L0', 'lines count from 1'], ['#L00', 'lines count from 1'],
    ['#L-5', 'lines count from 1'], ['#L3-L0', 'lines count from 1'], ['#L5--2', 'lines count from 1'],
    ['#L99999999999', 'no log has that many lines'], ['#Lx', 'one reads #L7 (line 7) or #L7-L9'],
    ['#L', 'one reads #L7'], ['#L1--', 'one reads #L7'], ['#L5x', 'one reads #L7']]) {
    assert.equal(u.parseLineHash(hash), null, hash);
    assert.ok(u.lineHashProblem(hash).startsWith(`${hash} is not a line`), hash);
    assert.ok(u.lineHashProblem(hash).includes(why), `${hash}: ${u.lineHashProblem(hash)}`);
  }
  assert.match(u.lineHashProblem(`#L${'x'.repeat(100)}`), /^#Lx{39}… is not a line link/);
  for (const hash of ['#L7', '#L7-L9', '#L5-L2', '#L7448-', '', '#', '#line10', '#top']) {
    assert.equal(u.lineHashProblem(hash), '', hash);
  }
  assert.equal(u.countOf(1, 'line'), '1 line');
  assert.equal(u.countOf(0, 'line'), '0 lines');
  assert.equal(u.countOf(1234, 'match', 'matches'), '1,234 matches');
  assert.equal(u.formatLineHash({ first: 7, last: 7 }), '#L7');
});

test('Swift URLs: listing, manifests up to the container, breadcrumbs, pseudo-folder probe', () => {
  const folder = new URL('https://swift.example/swift/v1/AUTH_ci/logs/42/job%201/logs/');
  assert.deepEqual(u.swiftParts(folder), {
    infoUrl: 'https://swift.example/swift/info',
    accountUrl: 'https://swift.example/swift/v1/AUTH_ci',
    container: 'logs',
    containerUrl: 'https://swift.example/swift/v1/AUTH_ci/logs',
    objectPath: '42/job 1/logs/',
  });
  const plan = u.folderPlan(folder);
  assert.deepEqual(plan.listing, { containerUrl: 'https://swift.example/swift/v1/AUTH_ci/logs', prefix: '42/job 1/logs/',
    infoUrl: 'https://swift.example/swift/info' });
  assert.deepEqual(plan.manifests, [
    { url: 'https://swift.example/swift/v1/AUTH_ci/logs/42/job%201/logs/zuul-manifest.json', folder: '' },
    { url: 'https://swift.example/swift/v1/AUTH_ci/logs/42/job%201/zuul-manifest.json', folder: 'logs/' },
    { url: 'https://swift.example/swift/v1/AUTH_ci/logs/42/zuul-manifest.json', folder: 'job 1/logs/' },
    { url: 'https://swift.example/swift/v1/AUTH_ci/logs/zuul-manifest.json', folder: '42/job 1/logs/' },
  ]);
  assert.deepEqual(plan.indexes, ['https://swift.example/swift/v1/AUTH_ci/logs/42/job%201/logs/index.html',
    'https://swift.example/swift/v1/AUTH_ci/logs/42/job%201/logs/']);
  assert.equal(u.swiftListingUrl('https://s.example/v1/AUTH_x/c', 'a b/', 'a b/z.txt'),
    'https://s.example/v1/AUTH_x/c?format=json&prefix=a%20b%2F&delimiter=%2F&limit=10000&marker=a%20b%2Fz.txt');
  assert.deepEqual(u.breadcrumbs(new URL('https://swift.example/v1/AUTH_ci/logs/42/job%201/x.txt')), [
    { label: 'logs', url: 'https://swift.example/v1/AUTH_ci/logs/', empty: false },
    { label: '42', url: 'https://swift.example/v1/AUTH_ci/logs/42/', empty: false },
    { label: 'job 1', url: 'https://swift.example/v1/AUTH_ci/logs/42/job%201/', empty: false },
    { label: 'x.txt', url: 'https://swift.example/v1/AUTH_ci/logs/42/job%201/x.txt', empty: false },
  ]);
  assert.deepEqual(u.breadcrumbs(new URL('https://logs.example/periodic/abc/')), [
    { label: 'logs.example', url: 'https://logs.example/', empty: false },
    { label: 'periodic', url: 'https://logs.example/periodic/', empty: false },
    { label: 'abc', url: 'https://logs.example/periodic/abc/', empty: false },
  ]);
  // A non-Swift folder: no listing; manifests up to the host's root.
  const plain = u.folderPlan(new URL('https://logs.example/periodic/abc/'));
  assert.equal(plain.listing, null);
  assert.deepEqual(plain.manifests.map((m) => m.url), ['https://logs.example/periodic/abc/zuul-manifest.json',
    'https://logs.example/periodic/zuul-manifest.json', 'https://logs.example/zuul-manifest.json']);
  assert.deepEqual(u.pseudoFolderProbe(new URL('https://s.example/v1/AUTH_x/c/job/logs')),
    { url: 'https://s.example/v1/AUTH_x/c?format=json&prefix=job%2Flogs%2F&delimiter=%2F&limit=1', prefix: 'job/logs/',
      containerUrl: 'https://s.example/v1/AUTH_x/c', infoUrl: 'https://s.example/info',
      // Where its segments would be, for an uploader whose prefix is each of its folders.
      segments: [{ segmentPrefix: 'job/.logstow-segments/', name: 'logs' },
        { segmentPrefix: '.logstow-segments/', name: 'job/logs' }] });
  assert.deepEqual(u.pseudoFolderProbe(new URL('https://s.example/v1/AUTH_x/c/b/.logstow-segments/x/00000000')).segments,
    [], 'a segment is no file sent in parts');
  assert.equal(u.pseudoFolderProbe(new URL('https://logs.example/job/logs')), null);
});

test('childUrl keeps folder entries inside their folder', () => {
  const folder = 'https://s.example/v1/AUTH_x/c/job/';
  assert.equal(u.childUrl(folder, 'a%20b.txt'), 'https://s.example/v1/AUTH_x/c/job/a%20b.txt');
  assert.equal(u.childUrl(folder, 'logs/'), 'https://s.example/v1/AUTH_x/c/job/logs/');
  assert.equal(u.childUrl(folder, '%3Cimg%3E.txt'), 'https://s.example/v1/AUTH_x/c/job/%3Cimg%3E.txt');
  for (const href of ['../x.txt', '..', '.', '%2e%2e/', '%2E%2E', './', '/etc/passwd', '//evil.example/x',
    'https://evil.example/x', 'javascript:alert(1)', 'a?b', 'a#b', 'a\\b', '', null]) {
    assert.equal(u.childUrl(folder, href), null, JSON.stringify(href));
  }
});

test('&t= is a naive time read as written; &baseline= and &new=1 round-trip', () => {
  const at = Date.UTC(2024, 2, 1, 12, 2, 49);
  for (const [text, ms] of [['2024-03-01T12:02:49', at], ['2024-03-01 12:02:49', at],
    ['2024-03-01T12:02:49.5', at + 500], ['2024-03-01T12:02:49,123456', at + 123],
    ['2024-03-01T12:02', at - 49000], ['2024-03-01T12:02:49Z', at], ['2024-03-01T12:02:49+05:30', at]]) {
    assert.equal(u.parseTimeParam(text), ms, text);
  }
  for (const bad of ['', '12:02:49', '2024-02-30T00:00:00', '2024-03-01T24:00:00', '2024-03-01', 'now']) {
    assert.equal(u.parseTimeParam(bad), null, bad);
  }
  const good = 'https://s.example/v1/AUTH_a/logs/good/';
  const state = u.parseViewerUrl(`?q=https%3A%2F%2Fs.example%2Fx.txt&t=2024-03-01T12%3A02%3A49&baseline=${encodeURIComponent(good)}&new=1&context=2`, '');
  assert.equal(state.timeMs, at);
  assert.equal(state.baseline, good);
  assert.equal(state.newOnly, true);
  assert.equal(u.formatViewerUrl(state),
    `?q=https%3A%2F%2Fs.example%2Fx.txt&context=2&t=2024-03-01T12%3A02%3A49&baseline=${encodeURIComponent(good)}&new=1`);
  // new=1 without a baseline means nothing.
  assert.equal(u.parseViewerUrl('?q=x&new=1', '').newOnly, false);
});

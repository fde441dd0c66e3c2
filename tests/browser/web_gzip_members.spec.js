// web/fetch_stream.js bodyChunks in Chromium on gzip bodies cut into network chunks chosen here:
// several members (`cat a.gz b.gz`), each boundary at every offset of a chunk, one-byte chunks,
// empty members, members whose end shares a write with more than 64 KiB of output, zeros after
// the last member, and damage (what follows a member that is neither a member nor zeros, a
// member cut short, a bad CRC). Every output is compared with the bytes that went into gzip
// here; a damaged body must throw the decoder's error after what it could inflate. Chromium
// only (DecompressionStream's behaviour at a member's end is the browser's); no Swift: the
// real-Swift cases are in viewer_file, viewer_build_search and viewer_time_baseline.
'use strict';

const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { test, before, after } = require('node:test');

const { webDir, serveStatic, launchChromium } = require('./lib/harness');

const PAGE = `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'">
<title>gzip members</title></head><body><script src="fetch_stream.js"></script></body></html>`;

let site;
let chromium;
let page;
const pageErrors = [];

before(async () => {
  site = await serveStatic(webDir(), {
    '/gzip_page.html': ['text/html; charset=utf-8', PAGE],
    '/fetch_stream.js': ['text/javascript; charset=utf-8',
      fs.readFileSync(path.join(__dirname, '..', '..', 'web', 'fetch_stream.js'))],
  });
  chromium = await launchChromium();
  page = await chromium.browser.newPage();
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  await page.goto(`${site.origin}/gzip_page.html`);
  assert.equal(await page.evaluate(() => typeof self.LogstowFetch?.bodyChunks), 'function');
});

after(async () => {
  await chromium?.close();
  await site?.close();
});

const gz = (bytes) => zlib.gzipSync(Buffer.from(bytes));
const lines = (tag, n) => Buffer.from(Array.from({ length: n }, (_, i) => `${tag} line ${i}\n`).join(''));
const sha = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');

// `body` cut at the offsets `cuts` ('bytes': one byte a chunk), read through bodyChunks in the
// page: {bytes: how many came out, sha: of them, error: the message thrown or null}.
async function read(body, cuts = []) {
  const chunks = [];
  if (cuts === 'bytes') {
    for (const b of body) chunks.push(Buffer.from([b]).toString('base64'));
  } else {
    let from = 0;
    for (const to of [...cuts.filter((c) => c > 0 && c < body.length).sort((a, b) => a - b), body.length]) {
      if (to > from) chunks.push(body.subarray(from, to).toString('base64'));
      from = to;
    }
  }
  return page.evaluate(async (encoded) => {
    const queue = encoded.map((s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0)));
    const stream = new ReadableStream({
      pull(controller) {
        if (queue.length) controller.enqueue(queue.shift());
        else controller.close();
      },
    }, { highWaterMark: 0 });
    const out = [];
    let error = null;
    try {
      for await (const chunk of self.LogstowFetch.bodyChunks(new Response(stream), {})) out.push(chunk.slice());
    } catch (e) {
      error = String(e && e.message || e);
    }
    const all = new Uint8Array(await new Blob(out).arrayBuffer());
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', all));
    return { bytes: all.length, sha: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join(''), error };
  }, chunks);
}

async function assertReads(body, cuts, expected, what) {
  const got = await read(body, cuts);
  assert.equal(got.error, null, what);
  assert.equal(got.bytes, expected.length, what);
  assert.equal(got.sha, sha(expected), what);
}

const A = lines('first', 3);
const B = lines('second', 2);
const EMPTY = gz('');

test('members are read whole and in order, wherever the chunks end', async () => {
  const a = gz(A);
  const body = Buffer.concat([a, EMPTY, gz(B)]);
  const both = Buffer.concat([A, B]);
  await assertReads(body, [], both, 'one chunk');
  await assertReads(body, 'bytes', both, 'one-byte chunks');
  for (let at = a.length - 12; at <= a.length + EMPTY.length + 12; ++at) {
    await assertReads(body, [at], both, `a chunk ends at ${at} (members end at ${a.length}, ${a.length + EMPTY.length})`);
  }
  await assertReads(Buffer.concat([EMPTY, gz(A)]), [], A, 'an empty member first');
  await assertReads(Buffer.concat([EMPTY, EMPTY]), [], Buffer.alloc(0), 'empty members only');
  // The inflated bytes are never inflated again, whichever member they come from.
  await assertReads(Buffer.concat([gz(gz(A)), gz(B)]), [], Buffer.concat([gz(A), B]), 'gzip inside a member');
});

test('no output is lost where a member ends in a write that inflates more than 64 KiB', async () => {
  const random = crypto.randomBytes(300000);
  const text = lines('long', 40000);
  const body = Buffer.concat([gz(random), gz(text), gz(B), gz(random)]);
  const all = Buffer.concat([random, text, B, random]);
  await assertReads(body, [], all, 'one chunk');
  const every64k = [];
  for (let at = 65536; at < body.length; at += 65536) every64k.push(at);
  await assertReads(body, every64k, all, '64 KiB chunks');
});

test('zeros after the last member are padding (gzip -dc skips them), wherever the chunks end', async () => {
  for (const [what, members, out] of [['a member', gz(A), A], ['an empty member', EMPTY, Buffer.alloc(0)],
    ['two members', Buffer.concat([gz(A), gz(B)]), Buffer.concat([A, B])]]) {
    const body = Buffer.concat([members, Buffer.alloc(40)]);
    for (let at = members.length - 14; at <= members.length + 14; ++at) {
      await assertReads(body, [at], out, `${what} and zeros, a chunk ends at ${at - members.length}`);
      await assertReads(body, [at, at + 3], out, `${what} and zeros, chunks end at ${at - members.length} and 3 on`);
    }
    await assertReads(body, 'bytes', out, `${what} and zeros, one-byte chunks`);
  }
  await assertReads(Buffer.concat([gz(A), Buffer.alloc(100000)]), [4096, 70000], A, '100,000 zeros');
});

test('anything else after a member is damage, thrown after what was inflated', async () => {
  const a = gz(A);
  const cases = [
    ['bytes that are not gzip', Buffer.concat([a, Buffer.from('not gzip\n')]), [], A, /Junk found after end/],
    ['the same in a chunk of their own', Buffer.concat([a, Buffer.from('not gzip\n')]), [a.length], A, /Junk found after end/],
    ['zeros, then a member', Buffer.concat([a, Buffer.alloc(4), gz(B)]), [], A, /Junk found after end/],
    ['1f alone', Buffer.concat([a, Buffer.from([0x1f])]), [], A, /truncated/],
    ['a header cut short', Buffer.concat([a, gz(B).subarray(0, 5)]), [], A, /truncated/],
    ['a member without its trailer', Buffer.concat([a, gz(B).subarray(0, -8)]), [], Buffer.concat([A, B]), /truncated/],
    ['1f 00 after an empty member', Buffer.concat([EMPTY, Buffer.from([0x1f, 0, 1, 2, 3])]), 'bytes', Buffer.alloc(0), /./],
    ['a stray 1f before zeros', Buffer.concat([a, Buffer.from([0x1f]), Buffer.alloc(30)]), [a.length + 1], A, /header/],
  ];
  const badCrc = gz(B);
  badCrc[badCrc.length - 8] ^= 1;
  cases.push(['a bad CRC in the second member', Buffer.concat([a, badCrc]), [], A, /incorrect data check/]);
  const badLength = Buffer.from(a);
  badLength[badLength.length - 4] ^= 1;
  cases.push(['a bad length in the first member', Buffer.concat([badLength, gz(B)]), [], null, /incorrect length check/]);
  for (const [what, body, cuts, before, error] of cases) {
    const got = await read(body, cuts);
    assert.match(got.error ?? 'no error', error, what);
    if (before) assert.equal(got.sha, sha(before), `${what}: what came before`);
  }
});

test('a body that is not gzip passes through as it is', async () => {
  const text = Buffer.from('plain\n\x1f\x8b\x08 not a member\n');
  await assertReads(text, [], text, 'one chunk');
  await assertReads(text, 'bytes', text, 'one-byte chunks');
  assert.deepEqual(pageErrors, []);
});
